package dev.ocs.core.ledger;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.store.AccountRepository.StoredVersion;
import dev.ocs.core.store.AccountStore;
import dev.ocs.core.store.Persistence;
import dev.ocs.core.store.StoreUnavailableException;
import dev.ocs.core.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Carries ledger records out of the accounts into CDR files, in sequence order per account: read
 * what is pending, append and force it to disk, then acknowledge it in the account so the account
 * can drop it. Records are written in the same atomic step as the balance change they describe;
 * this only moves them, so a crash at any point loses none.
 *
 * <p>With a durable store, two more rules keep the files and the store consistent across a crash of
 * every member: only records the store already holds are exported (a CDR line is never ahead of the
 * balance a restart comes back to), and a batch is written only once the store holds the previous
 * batch's acknowledgement, so that after a crash at most the last batch of the newest file may still
 * be pending in the store; {@link #reconcile} acknowledges it at start-up instead of writing it twice.
 */
public final class LedgerExporter {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerExporter.class);
    /** A previous batch's acknowledgement not durable after this long is sent again (the grid lost it). */
    static final long IN_DOUBT_RETRY_MILLIS = 30_000;

    private final AccountStore accounts;
    private final Persistence persistence;
    private final CdrFiles files;
    private final Clock clock;
    private final List<Consumer<List<LedgerRecord>>> followers = new CopyOnWriteArrayList<>();
    /** The last batch's acknowledgements (account to sequence) until the store holds them; null when none. */
    private Map<String, Long> inDoubt;
    private long inDoubtSince;
    private long waitingSince;
    private long lastWaitLog;

    public LedgerExporter(AccountStore accounts, CdrFiles files, Clock clock) {
        this(accounts, Persistence.NONE, files, clock);
    }

    public LedgerExporter(AccountStore accounts, Persistence persistence, CdrFiles files, Clock clock) {
        this.accounts = accounts;
        this.persistence = persistence;
        this.files = files;
        this.clock = clock;
    }

    /** Also hands every exported batch (each account's records in order) to {@code follower}, after the export. */
    public void follow(Consumer<List<LedgerRecord>> follower) {
        followers.add(follower);
    }

    /**
     * At start-up, before the first export: cuts torn lines off the files, then acknowledges in the
     * accounts the records of the last batch that they still hold as pending (written to the file, the
     * crash came before the store held the acknowledgement). Answers the number of records acknowledged.
     */
    public synchronized int reconcile() throws IOException {
        int repaired = files.repairTornLines();
        if (repaired > 0) {
            LOG.warn("cut a half-written last line off {} CDR file(s) in {} (a crash during a write; the record is written again)",
                    repaired, files.directory());
        }
        Map<String, Long> upTo = new HashMap<>();
        int count = 0;
        for (LedgerRecord r : files.lastBatch()) {
            Account a = accounts.get(r.accountId());
            if (a == null || r.seq() <= a.exportedSeq() || r.seq() > a.ledgerSeq()) {
                continue;
            }
            for (LedgerRecord pending : a.pendingLedger()) {
                if (pending.seq() == r.seq() && CdrFormat.format(pending).equals(CdrFormat.format(r))) {
                    upTo.merge(r.accountId(), r.seq(), Math::max);
                    count++;
                }
            }
        }
        if (!upTo.isEmpty()) {
            accounts.acknowledgeLedger(upTo);
            doubt(upTo);
            LOG.info("{} ledger record(s) of {} account(s) were in the CDR files already: acknowledged, not written again",
                    count, upTo.size());
        }
        return count;
    }

    /** Exports everything pending now that the store holds; answers the number of records written. */
    public synchronized int exportPending() throws IOException {
        if (!previousBatchDurable()) {
            return 0;
        }
        Map<String, List<LedgerRecord>> pending = accounts.pendingLedger();
        if (pending.isEmpty()) {
            return 0;
        }
        Map<String, StoredVersion> stored = persistence.stored(pending.keySet());
        List<LedgerRecord> batch = new ArrayList<>();
        Map<String, Long> upTo = new HashMap<>(pending.size() * 2);
        pending.forEach((account, records) -> {
            long durable = durableSeq(stored, account);
            long last = -1;
            for (LedgerRecord r : records) { // in sequence order
                if (r.seq() > durable) {
                    break;
                }
                batch.add(r);
                last = r.seq();
            }
            if (last >= 0) {
                upTo.put(account, last);
            }
        });
        if (batch.isEmpty()) {
            return 0;
        }
        files.append(batch, clock.millis());
        accounts.acknowledgeLedger(upTo);
        if (stored != null) {
            doubt(upTo);
        }
        for (var follower : followers) {
            try {
                follower.accept(batch);
            } catch (RuntimeException e) {
                LOG.warn("a ledger follower failed", e);
            }
        }
        return batch.size();
    }

    /** The newest record the store holds for the account (everything for a store in memory only). */
    private static long durableSeq(Map<String, StoredVersion> stored, String account) {
        if (stored == null) {
            return Long.MAX_VALUE;
        }
        StoredVersion v = stored.get(account);
        return v == null || v.deleted() ? -1 : v.ledgerSeq();
    }

    private void doubt(Map<String, Long> upTo) {
        inDoubt = upTo;
        inDoubtSince = clock.millis();
    }

    /**
     * Whether the store holds the last batch's acknowledgements (or the accounts are gone). One that a
     * lost partition reloaded from an older state never gets there by itself: after a while the
     * acknowledgements are sent again.
     */
    private boolean previousBatchDurable() {
        if (inDoubt == null) {
            return true;
        }
        Map<String, StoredVersion> stored = persistence.stored(inDoubt.keySet());
        if (stored != null) {
            for (Map.Entry<String, Long> e : inDoubt.entrySet()) {
                StoredVersion v = stored.get(e.getKey());
                if (v != null && !v.deleted() && v.exportedSeq() < e.getValue()) {
                    if (clock.millis() - inDoubtSince > IN_DOUBT_RETRY_MILLIS) {
                        LOG.warn("the store does not show {} account(s)' ledger acknowledgements after {} s; sending them again",
                                inDoubt.size(), IN_DOUBT_RETRY_MILLIS / 1000);
                        accounts.acknowledgeLedger(inDoubt);
                        inDoubtSince = clock.millis();
                    }
                    return false;
                }
            }
        }
        inDoubt = null;
        return true;
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

    /**
     * For a scheduler: exports, logging instead of throwing so the schedule keeps running. While the
     * store cannot be read the export waits, and says so once a minute (the store's own failure is
     * reported by the write-behind).
     */
    public void run() {
        try {
            int n = exportPending();
            if (n > 0 && LOG.isDebugEnabled()) {
                LOG.debug("exported {} ledger records to {}", n, files.directory());
            }
            waitingSince = 0;
        } catch (StoreUnavailableException e) {
            long now = clock.millis();
            if (waitingSince == 0 || now - lastWaitLog >= 60_000) {
                LOG.warn("ledger export to {} waits for the account store: {}", files.directory(), e.getMessage());
                lastWaitLog = now;
            }
            if (waitingSince == 0) {
                waitingSince = now;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("ledger export to {} failed; records stay pending in the accounts and are retried", files.directory(), e);
        }
    }
}
