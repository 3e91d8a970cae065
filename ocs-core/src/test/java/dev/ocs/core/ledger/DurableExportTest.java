package dev.ocs.core.ledger;

import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.FakePersistence;
import dev.ocs.core.store.memory.MemoryGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a durable store, the CDR files never run ahead of it: only records the store holds are
 * exported, a batch waits until the store holds the previous one's acknowledgement, and after a
 * crash the last batch is acknowledged instead of written twice.
 */
class DurableExportTest {

    @TempDir
    Path dir;

    private final FakePersistence[] store = new FakePersistence[1];
    private final ChargingHarness h = new ChargingHarness(FakePersistence.around(new MemoryGrid(Fixtures.policy()), store));

    private void charge(SubscriberId sub) {
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        h.terminate(s, 1, ServiceUsage.report(RG_DATA, 5_000));
    }

    private List<LedgerRecord> written(CdrFiles files) throws Exception {
        List<LedgerRecord> all = new ArrayList<>();
        files.read(all::add);
        return all;
    }

    @Test
    void onlyRecordsTheStoreHoldsAreExported() throws Exception {
        SubscriberId sub = h.account("d1", 100_000); // creation is written synchronously: seq 1 is durable
        charge(sub);                                 // seq 2 (usage) is only in memory so far
        CdrFiles files = new CdrFiles(dir);
        LedgerExporter exporter = new LedgerExporter(h.grid.accounts(), h.grid.persistence(), files, h.clock);
        assertEquals(1, exporter.exportPending(), "the opening record only");
        assertEquals(1, h.get("d1").exportedSeq());
        assertEquals(0, exporter.exportPending(), "the acknowledgement is not in the store yet: no new batch");

        store[0].write("d1"); // the write-behind catches up
        assertEquals(1, exporter.exportPending(), "now the usage record");
        assertEquals(2, written(files).size());
        assertEquals(List.of(), LedgerAudit.audit(h.grid.accounts(), files));
    }

    @Test
    void nothingIsExportedWhileTheStoreCannotBeRead() throws Exception {
        SubscriberId sub = h.account("d2", 100_000);
        charge(sub);
        store[0].write("d2");
        store[0].failing = true;
        LedgerExporter exporter = new LedgerExporter(h.grid.accounts(), h.grid.persistence(), new CdrFiles(dir), h.clock);
        assertThrows(RuntimeException.class, exporter::exportPending);
        assertEquals(0, h.get("d2").exportedSeq());
        store[0].failing = false;
        assertEquals(2, exporter.exportPending());
    }

    @Test
    void afterACrashTheLastBatchIsAcknowledgedNotWrittenAgain() throws Exception {
        SubscriberId sub = h.account("d3", 100_000);
        charge(sub);
        charge(sub);
        store[0].write("d3");
        CdrFiles files = new CdrFiles(dir);
        // the crash: the batch reached the file, its acknowledgement never reached the store
        Account before = h.get("d3");
        files.append(before.pendingLedger(), h.clock.millis());
        LedgerExporter restarted = new LedgerExporter(h.grid.accounts(), h.grid.persistence(), files, h.clock);
        assertEquals(before.pendingLedger().size(), restarted.reconcile());
        assertEquals(before.ledgerSeq(), h.get("d3").exportedSeq());
        store[0].write("d3");
        assertEquals(0, restarted.exportPending());
        List<String> lines = Files.readAllLines(Files.list(dir).findFirst().orElseThrow()).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertEquals(lines.size(), lines.stream().distinct().count(), "no line twice in the file");
        assertEquals(before.ledgerSeq(), lines.size());
        assertEquals(List.of(), LedgerAudit.audit(h.grid.accounts(), files));
    }

    @Test
    void aLineTornByACrashIsCutOffAndItsRecordWrittenAgain() throws Exception {
        SubscriberId sub = h.account("d4", 100_000);
        charge(sub);
        store[0].write("d4");
        CdrFiles files = new CdrFiles(dir);
        LedgerExporter exporter = new LedgerExporter(h.grid.accounts(), h.grid.persistence(), files, h.clock);
        assertEquals(2, exporter.exportPending());
        store[0].write("d4");
        charge(sub);
        store[0].write("d4");
        Path file = Files.list(dir).findFirst().orElseThrow();
        String half = CdrFormat.format(h.get("d4").pendingLedger().get(0)).substring(0, 20);
        Files.writeString(file, "#batch\t1\t1\n" + half, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        LedgerExporter restarted = new LedgerExporter(h.grid.accounts(), h.grid.persistence(), files, h.clock);
        assertEquals(0, restarted.reconcile(), "the torn record is not in the file: nothing to acknowledge");
        assertTrue(Files.readString(file).endsWith("\n"));
        assertEquals(1, restarted.exportPending());
        assertEquals(3, written(files).size());
        assertEquals(List.of(), LedgerAudit.audit(h.grid.accounts(), files));
    }
}
