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
}
