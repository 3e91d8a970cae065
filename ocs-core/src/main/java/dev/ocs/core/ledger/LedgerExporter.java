package dev.ocs.core.ledger;

import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.store.AccountStore;
import dev.ocs.core.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries ledger records out of the accounts into CDR files, in sequence order per account: read
 * what is pending, append and force it to disk, then acknowledge it in the account so the account
 * can drop it. Records are written in the same atomic step as the balance change they describe;
 * this only moves them, so a crash at any point loses none (at worst a record is written twice and
 * readers keep one copy).
 */
public final class LedgerExporter {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerExporter.class);

    private final AccountStore accounts;
    private final CdrFiles files;
    private final Clock clock;
    private final List<java.util.function.Consumer<List<LedgerRecord>>> followers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public LedgerExporter(AccountStore accounts, CdrFiles files, Clock clock) {
        this.accounts = accounts;
        this.files = files;
        this.clock = clock;
    }

    /** Also hands every exported batch (each account's records in order) to {@code follower}, after the export. */
    public void follow(java.util.function.Consumer<List<LedgerRecord>> follower) {
        followers.add(follower);
    }

    /** Exports everything pending now; answers the number of records written. */
    public synchronized int exportPending() throws IOException {
        Map<String, List<LedgerRecord>> pending = accounts.pendingLedger();
        if (pending.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (List<LedgerRecord> records : pending.values()) {
            count += records.size();
        }
        List<LedgerRecord> batch = new ArrayList<>(count);
        pending.values().forEach(batch::addAll); // each account's records are in sequence order already
        files.append(batch, clock.millis());
        Map<String, Long> upTo = new HashMap<>(pending.size() * 2);
        pending.forEach((account, records) -> upTo.put(account, records.get(records.size() - 1).seq()));
        accounts.acknowledgeLedger(upTo);
        for (var follower : followers) {
            try {
                follower.accept(batch);
            } catch (RuntimeException e) {
                LOG.warn("a ledger follower failed", e);
            }
        }
        return batch.size();
    }

    /**
     * Exports what is pending, then audits every account against the CDR files with no export of
     * this exporter running in between (records keep being written meanwhile; the audit counts them
     * as pending). Meant for the member that exports: in a cluster, the oldest.
     */
    public synchronized List<AuditFinding> exportAndAudit() throws IOException {
        exportPending();
        return LedgerAudit.audit(accounts, files);
    }

    /** For a scheduler: exports, logging instead of throwing so the schedule keeps running. */
    public void run() {
        try {
            int n = exportPending();
            if (n > 0 && LOG.isDebugEnabled()) {
                LOG.debug("exported {} ledger records to {}", n, files.directory());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("ledger export to {} failed; records stay pending in the accounts and are retried", files.directory(), e);
        }
    }
}
