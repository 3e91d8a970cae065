package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.charging.ReservationSweeper;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.AccountTotals;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.rules.Transition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ocs.core.Fixtures.GRACE;
import static dev.ocs.core.Fixtures.QUOTA;
import static dev.ocs.core.Fixtures.RG_DATA;
import static dev.ocs.core.Fixtures.VALIDITY;
import static dev.ocs.core.domain.ServiceUsage.ask;
import static dev.ocs.core.domain.ServiceUsage.report;
import static dev.ocs.core.domain.ServiceUsage.reportAndAsk;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The periodic passes read the accounts the members' indexes name, not every account each interval
 * (issue 12: a scan of every account cost the partition threads in proportion to the accounts, not the
 * traffic). The sweeper still releases every silent session on time (after an UPDATE moved a deadline
 * later, after the first sweep, after the account's member failed), and the statistics' totals stay
 * exact as sessions open and close and when a member leaves.
 */
class IndexedPassesTest {

    private static final AtomicInteger VISITED = new AtomicInteger();

    /** Changes nothing; counts the accounts a sweep ran it on. */
    record Counting() implements AccountCommand<Boolean> {
        @Override
        public Transition<Boolean> apply(Account current, ChargingPolicy policy) {
            return Transition.unchanged(Boolean.TRUE);
        }

        @Override
        public Boolean applyInPlace(AccountState state, ChargingPolicy policy) {
            VISITED.incrementAndGet();
            return Boolean.TRUE;
        }
    }

    private HazelcastGrid grid;
    private HazelcastInstance first;
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

    /** A grid on the first of two members (one backup each); the second is {@link #other}. */
    private ChargingHarness twoMembers() {
        GridConfig cluster = TestMembers.newCluster(1);
        first = TestMembers.start(cluster, Fixtures.policy());
        other = TestMembers.start(cluster, Fixtures.policy());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 2);
        grid = new HazelcastGrid(first, true, 3_600);
        return new ChargingHarness(grid);
    }

    private void otherLeaves() {
        other.getLifecycleService().terminate();
        other = null;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 1);
    }

    @Test
    void afterTheFirstSweepOnlyIndexedAccountsAreVisitedAndSilentSessionsAreStillReleased() {
        grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        ChargingHarness h = new ChargingHarness(grid);
        ReservationSweeper sweeper = new ReservationSweeper(grid.accounts(), h.clock);
        for (int i = 0; i < 300; i++) {
            h.account("idle-" + i, 1_000);
        }
        SubscriberId early = h.account("early", 5_000);
        h.initial(ChargingHarness.newSessionId(), early, ask(RG_DATA));

        assertEquals(0, sweeper.sweep());
        assertEquals(1, store().fullSweeps(), "the first sweep visits every account with a deadline");

        h.clock.advanceSeconds(10);
        SubscriberId late = h.account("late", 5_000);
        String lateSession = ChargingHarness.newSessionId();
        h.initial(lateSession, late, ask(RG_DATA)); // opened after the full sweep: found through the index only

        h.clock.advanceSeconds(VALIDITY + GRACE - 10);
        assertEquals(1, sweeper.sweep(), "the early session is due");
        h.clock.advanceSeconds(10);
        assertEquals(1, sweeper.sweep(), "the late session is due");
        assertEquals(1, store().fullSweeps(), "both were found through the index");
        assertEquals(5_000, h.get("early").freeMoney());
        assertEquals(5_000, h.get("late").freeMoney());

        VISITED.set(0);
        h.clock.advanceSeconds(3_600);
        Map<String, Boolean> ran = grid.accounts().executeOnDue(h.clock.millis(), new Counting());
        assertEquals(Map.of(), ran, "no account has a deadline left");
        assertEquals(0, VISITED.get());
    }

    @Test
    void anUpdateThatMovesTheDeadlineLaterIsNotSweptAtTheEarlierOne() {
        grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        ChargingHarness h = new ChargingHarness(grid);
        ReservationSweeper sweeper = new ReservationSweeper(grid.accounts(), h.clock);
        sweeper.sweep(); // the first, full sweep
        SubscriberId sub = h.account("a1", 5_000);
        String session = ChargingHarness.newSessionId();
        h.initial(session, sub, ask(RG_DATA)); // indexed at validity + grace from now

        h.clock.advanceSeconds(VALIDITY - 1);
        h.update(session, 1, reportAndAsk(RG_DATA, 1_000)); // the deadline moves later; the index entry stays
        h.clock.advanceSeconds(GRACE + 2);
        assertEquals(0, sweeper.sweep(), "visited at the earlier deadline, but not due");
        assertEquals(1, h.get("a1").openSessions());

        h.clock.advanceSeconds(VALIDITY);
        assertEquals(1, sweeper.sweep(), "indexed again under its deadline by that visit");
        assertEquals(1, store().fullSweeps());
        assertEquals(0, h.get("a1").openSessions());
    }

    @Test
    void whenAMemberLeavesTheNextSweepVisitsEveryAccountWithADeadline() {
        ChargingHarness h = twoMembers();
        ReservationSweeper sweeper = new ReservationSweeper(grid.accounts(), h.clock);
        sweeper.sweep();
        int accounts = 40;
        for (int i = 0; i < accounts; i++) {
            h.initial(ChargingHarness.newSessionId(), h.account("m-" + i, 5_000), ask(RG_DATA));
        }
        long full = store().fullSweeps();
        otherLeaves(); // the accounts it owned, and its index, are gone with it

        h.clock.advanceSeconds(VALIDITY + GRACE);
        assertEquals(accounts, sweeper.sweep(), "every session released, the promoted backups' too");
        assertEquals(full + 1, store().fullSweeps(), "the members changed: a full sweep");
        for (int i = 0; i < accounts; i++) {
            assertEquals(5_000, h.get("m-" + i).freeMoney(), "m-" + i);
        }
    }

    @Test
    void totalsFollowSessionsThroughTheMarks() {
        grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        ChargingHarness h = new ChargingHarness(grid);
        for (int i = 0; i < 100; i++) {
            h.account("idle-" + i, 1_000);
        }
        SubscriberId a = h.account("a", 5_000);
        String firstSession = ChargingHarness.newSessionId();
        h.initial(firstSession, a, ask(RG_DATA));
        assertEquals(new AccountTotals(101, 1, 1_000, QUOTA), grid.accounts().totals());
        assertEquals(1, store().fullTotals(), "the first totals read every account");

        SubscriberId b = h.account("b", 5_000);
        String secondSession = ChargingHarness.newSessionId();
        h.initial(secondSession, b, ask(RG_DATA));
        assertEquals(new AccountTotals(102, 2, 2_000, 2 * QUOTA), grid.accounts().totals());

        h.terminate(firstSession, 1, report(RG_DATA, 10));
        assertEquals(new AccountTotals(102, 1, 1_000, QUOTA), grid.accounts().totals());
        h.terminate(secondSession, 1, report(RG_DATA, 10));
        assertEquals(new AccountTotals(102, 0, 0, 0), grid.accounts().totals());
        assertEquals(1, store().fullTotals(), "the later ones read the marked accounts only");
    }

    @Test
    void whenAMemberLeavesTheTotalsReadEveryAccountAgain() {
        ChargingHarness h = twoMembers();
        grid.accounts().totals();
        int accounts = 40;
        for (int i = 0; i < accounts; i++) {
            h.initial(ChargingHarness.newSessionId(), h.account("m-" + i, 5_000), ask(RG_DATA));
        }
        assertEquals(new AccountTotals(accounts, accounts, accounts * 1_000L, accounts * QUOTA), grid.accounts().totals());
        long full = store().fullTotals();
        otherLeaves(); // its marks are gone with it; its accounts' backups are promoted here

        assertEquals(new AccountTotals(accounts, accounts, accounts * 1_000L, accounts * QUOTA), grid.accounts().totals());
        assertEquals(full + 1, store().fullTotals(), "the members changed: every account read");
    }
}
