package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.AccountTotals;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.ocs.core.Fixtures.QUOTA;
import static dev.ocs.core.Fixtures.RG_DATA;
import static dev.ocs.core.domain.ServiceUsage.ask;
import static dev.ocs.core.domain.ServiceUsage.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The statistics' totals read the accounts marked as holding an open session, not every account each
 * period (issue 12: a scan of every account every 10 s cost the partition threads in proportion to the
 * accounts), and stay exact as sessions open and close and when a member leaves.
 */
class OpenSessionTotalsTest {

    private HazelcastGrid grid;
    private HazelcastInstance other;

    @AfterEach
    void close() {
        if (grid != null) {
            grid.close();
        }
        if (other != null) {
            other.getLifecycleService().terminate();
        }
    }

    private HazelcastAccountStore store() {
        return (HazelcastAccountStore) grid.accounts();
    }

    @Test
    void totalsFollowSessionsThroughTheMarks() {
        grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        ChargingHarness h = new ChargingHarness(grid);
        for (int i = 0; i < 100; i++) {
            h.account("idle-" + i, 1_000);
        }
        SubscriberId a = h.account("a", 5_000);
        String first = ChargingHarness.newSessionId();
        h.initial(first, a, ask(RG_DATA));
        assertEquals(new AccountTotals(101, 1, 1_000, QUOTA), grid.accounts().totals());
        assertEquals(1, store().fullTotals(), "the first totals read every account");

        SubscriberId b = h.account("b", 5_000);
        String second = ChargingHarness.newSessionId();
        h.initial(second, b, ask(RG_DATA));
        assertEquals(new AccountTotals(102, 2, 2_000, 2 * QUOTA), grid.accounts().totals());

        h.terminate(first, 1, report(RG_DATA, 10));
        assertEquals(new AccountTotals(102, 1, 1_000, QUOTA), grid.accounts().totals());
        h.terminate(second, 1, report(RG_DATA, 10));
        assertEquals(new AccountTotals(102, 0, 0, 0), grid.accounts().totals());
        assertEquals(1, store().fullTotals(), "the later ones read the marked accounts only");
    }

    @Test
    void whenAMemberLeavesTheTotalsReadEveryAccountAgain() {
        GridConfig cluster = TestMembers.newCluster(1);
        HazelcastInstance first = TestMembers.start(cluster, Fixtures.policy());
        other = TestMembers.start(cluster, Fixtures.policy());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 2);
        grid = new HazelcastGrid(first, true, 3_600);
        ChargingHarness h = new ChargingHarness(grid);
        grid.accounts().totals();
        int accounts = 40;
        for (int i = 0; i < accounts; i++) {
            h.initial(ChargingHarness.newSessionId(), h.account("m-" + i, 5_000), ask(RG_DATA));
        }
        assertEquals(new AccountTotals(accounts, accounts, accounts * 1_000L, accounts * QUOTA), grid.accounts().totals());
        long full = store().fullTotals();
        other.getLifecycleService().terminate(); // its marks are gone with it; its accounts' backups are promoted here
        other = null;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 1);

        assertEquals(new AccountTotals(accounts, accounts, accounts * 1_000L, accounts * QUOTA), grid.accounts().totals());
        assertEquals(full + 1, store().fullTotals(), "the members changed: every account read");
    }
}
