package dev.ocs.core.ledger;

import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.hazelcast.HazelcastGrid;
import dev.ocs.core.store.hazelcast.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.*;

/** The exporter on the grid: pending records read partition by partition, acknowledged in batches. */
class HazelcastLedgerExportTest {

    @TempDir
    Path dir;

    private HazelcastInstance member;

    @AfterEach
    void stop() {
        member.shutdown();
    }

    @Test
    void everyAccountsLedgerReachesTheFilesAndIsAcknowledged() throws Exception {
        member = TestMembers.start(TestMembers.newCluster(0), Fixtures.policy());
        ChargingHarness h = new ChargingHarness(new HazelcastGrid(member, false, 3_600));
        for (int i = 0; i < 300; i++) {
            SubscriberId sub = h.account("acc-" + i, 10_000);
            String s = ChargingHarness.newSessionId();
            h.initial(s, sub, ServiceUsage.ask(RG_DATA));
            h.terminate(s, 1, ServiceUsage.report(RG_DATA, 1_000 * i + 1));
        }
        CdrFiles files = new CdrFiles(dir);
        LedgerExporter exporter = new LedgerExporter(h.grid.accounts(), files, h.clock);
        assertEquals(600, exporter.exportPending(), "an opening and a usage record per account");
        for (int i = 0; i < 300; i++) {
            Account a = h.get("acc-" + i);
            assertEquals(a.ledgerSeq(), a.exportedSeq(), a.id());
            assertTrue(a.pendingLedger().isEmpty());
        }
        assertEquals(0, exporter.exportPending());
        assertEquals(List.of(), LedgerAudit.audit(h.grid.accounts(), files));
    }

    @Test
    void afterTheFirstScanOnlyMarkedAccountsAreReadAndNothingIsMissed() throws Exception {
        member = TestMembers.start(TestMembers.newCluster(0), Fixtures.policy());
        ChargingHarness h = new ChargingHarness(new HazelcastGrid(member, false, 3_600));
        for (int i = 0; i < 50; i++) {
            h.account("acc-" + i, 10_000);
        }
        CdrFiles files = new CdrFiles(dir);
        LedgerExporter exporter = new LedgerExporter(h.grid.accounts(), files, h.clock);
        assertEquals(50, exporter.exportPending(), "the first export scans everything");
        // from here on the exporter reads marked accounts only: a charge, a new account, an operator change
        SubscriberId sub = h.account("late-1", 5_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        h.terminate(s, 1, ServiceUsage.report(RG_DATA, 2_000));
        h.grid.accounts().execute("acc-7", new dev.ocs.core.rules.OperatorCommands.TopUp(100, "rc-7", h.clock.millis())).join();
        assertEquals(3, exporter.exportPending(), "opening and usage of late-1, the top-up of acc-7");
        assertEquals(0, exporter.exportPending(), "acknowledged accounts are unmarked");
        h.grid.accounts().delete("acc-9");
        assertEquals(0, exporter.exportPending());
        assertEquals(List.of(), LedgerAudit.audit(h.grid.accounts(), files));
    }

    @Test
    void inATwoMemberClusterTheOldestExportsWhatEitherMemberMarked() throws Exception {
        var cluster = TestMembers.newCluster(1);
        member = TestMembers.start(cluster, Fixtures.policy());
        HazelcastInstance second = TestMembers.start(cluster, Fixtures.policy());
        try {
            HazelcastGrid oldest = new HazelcastGrid(member, false, 3_600);
            ChargingHarness h = new ChargingHarness(new HazelcastGrid(second, false, 3_600));
            CdrFiles files = new CdrFiles(dir);
            LedgerExporter exporter = new LedgerExporter(oldest.accounts(), files, h.clock);
            assertEquals(0, exporter.exportPending(), "the first (scanning) export finds nothing yet");
            for (int i = 0; i < 40; i++) {
                SubscriberId sub = h.account("two-" + i, 10_000);
                String s = ChargingHarness.newSessionId();
                h.initial(s, sub, ServiceUsage.ask(RG_DATA));
                h.terminate(s, 1, ServiceUsage.report(RG_DATA, 500));
            }
            assertEquals(80, exporter.exportPending(), "marks collected from both members");
            assertEquals(0, exporter.exportPending());
            assertEquals(0, new LedgerExporter(h.grid.accounts(), files, h.clock).exportPending(), "only the oldest exports");
            assertEquals(List.of(), LedgerAudit.audit(oldest.accounts(), files));
        } finally {
            second.shutdown();
        }
    }
}
