package dev.ocs.core.ledger;

import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.memory.MemoryGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.*;

/** The ledger leaves the accounts for CDR files in order, loses nothing, and the audit sees both halves. */
class LedgerExportTest {

    @TempDir
    Path dir;

    private final ChargingHarness h = new ChargingHarness(new MemoryGrid(Fixtures.policy()));

    private void charge(SubscriberId sub, int sessions) {
        for (int i = 0; i < sessions; i++) {
            String s = ChargingHarness.newSessionId();
            h.initial(s, sub, ServiceUsage.ask(RG_DATA));
            h.update(s, 1, ServiceUsage.reportAndAsk(RG_DATA, 10_000 + i));
            h.terminate(s, 2, ServiceUsage.report(RG_DATA, 5_000));
        }
    }

    @Test
    void exportedRecordsLeaveTheAccountAndTheAuditStillBalances() throws Exception {
        SubscriberId sub = h.account("a1", 100_000);
        charge(sub, 20);
        CdrFiles files = new CdrFiles(dir);
        LedgerExporter exporter = new LedgerExporter(h.grid.accounts(), files, h.clock);

        int written = exporter.exportPending();
        Account a = h.get("a1");
        assertEquals(a.ledgerSeq(), written, "every record, the opening one included");
        assertEquals(a.ledgerSeq(), a.exportedSeq());
        assertTrue(a.ledger().size() <= Fixtures.policy().recentLedgerRecords(), "the account keeps only a few recent records");
        assertEquals(0, exporter.exportPending(), "nothing is exported twice");

        charge(sub, 3);
        exporter.exportPending();
        List<LedgerRecord> all = new ArrayList<>();
        files.read(all::add);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).seq(), "in order, without gaps");
        }
        assertEquals(LedgerType.OPENING, all.get(0).type());
        assertEquals(List.of(), LedgerAudit.audit(h.grid.accounts(), files));
    }

    @Test
    void aCrashBetweenWriteAndAcknowledgeDuplicatesNothingForReaders() throws Exception {
        SubscriberId sub = h.account("a1", 100_000);
        charge(sub, 2);
        CdrFiles files = new CdrFiles(dir);
        // written, but the acknowledgement never reached the account
        files.append(h.get("a1").pendingLedger(), h.clock.millis());
        new LedgerExporter(h.grid.accounts(), files, h.clock).exportPending();

        List<LedgerRecord> all = new ArrayList<>();
        files.read(all::add);
        assertEquals(h.get("a1").ledgerSeq(), all.size());
        assertEquals(List.of(), LedgerAudit.audit(h.grid.accounts(), files));
    }

    @Test
    void auditReportsALostRecord() throws Exception {
        SubscriberId sub = h.account("a1", 100_000);
        charge(sub, 2);
        CdrFiles files = new CdrFiles(dir);
        new LedgerExporter(h.grid.accounts(), files, h.clock).exportPending();
        Map<String, LedgerTotals> totals = files.totals(Map.of("a1", h.get("a1").createdAt()));
        LedgerTotals t = totals.get("a1");
        LedgerTotals missingOne = new LedgerTotals(t.records() - 1, t.lastSeq(), t.money() + 10, t.bucketBytes());
        List<AuditFinding> findings = LedgerAudit.audit(h.grid.accounts(), Map.of("a1", missingOne));
        assertFalse(findings.isEmpty());
        assertTrue(findings.stream().anyMatch(f -> f.rule().contains("no gap")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.rule().contains("ledger money")), findings.toString());
    }

    @Test
    void anAccountCreatedAgainIsAuditedOnItsOwnRecordsOnly() throws Exception {
        SubscriberId sub = h.account("a1", 100_000);
        charge(sub, 3);
        CdrFiles files = new CdrFiles(dir);
        LedgerExporter exporter = new LedgerExporter(h.grid.accounts(), files, h.clock);
        exporter.exportPending();

        // the grid restarts empty (or the account is deleted) and the account is created again
        h.grid.accounts().delete("a1");
        h.grid.subscribers().unbind(sub.key(), "a1");
        h.clock.advanceSeconds(1);
        h.account("a1", 7_000);
        charge(sub, 1);
        exporter.exportPending();

        assertEquals(List.of(), LedgerAudit.audit(h.grid.accounts(), files));
        assertEquals(h.get("a1").ledgerSeq(), files.totals(Map.of("a1", h.get("a1").createdAt())).get("a1").records());
    }

    @Test
    void cdrLinesRoundTripEvenWithAwkwardText() {
        LedgerRecord r = new LedgerRecord("acc\t1", 7, 123, LedgerType.ADJUSTMENT, "s;1\n2", 10, 5, -3, 0, 99, 4096,
                "goodwill \\ credit\tfor outage");
        assertEquals(r, CdrFormat.parse(CdrFormat.format(r)));
    }

    @Test
    void aBatchLargerThanTheWriteBufferReadsBackWholeAndInOrder() throws Exception {
        CdrFiles files = new CdrFiles(dir);
        List<LedgerRecord> batch = new ArrayList<>();
        for (int i = 1; i <= 3_000; i++) { // ~400 KB of lines: several buffers
            batch.add(new LedgerRecord("acc-big", i, Fixtures.START, LedgerType.USAGE, "session-" + i, RG_DATA, 1_000 + i,
                    -i, 0, 1_000_000 - i, 0, i % 100 == 0 ? "n\u00e4he \t" + "x".repeat(70_000) : ""));
        }
        files.append(batch, Fixtures.START);
        List<LedgerRecord> read = new ArrayList<>();
        files.read(read::add);
        assertEquals(batch, read);
        assertEquals(batch, files.lastBatch());
    }
}
