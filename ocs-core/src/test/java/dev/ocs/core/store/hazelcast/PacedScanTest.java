package dev.ocs.core.store.hazelcast;

import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.rules.Transition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The grid's periodic scans of every account (the sweeper's, the statistics', the exporter's full one)
 * visit one partition at a time: submitted to every partition at once, they queued ahead of the charges
 * on every partition thread (issue 12: a periodic source of slow answers besides GC pauses).
 */
class PacedScanTest {

    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final AtomicInteger MOST = new AtomicInteger();
    private static final AtomicInteger VISITED = new AtomicInteger();

    /** Changes nothing; notes how many partition threads run it at the same moment. */
    record Watching() implements AccountCommand<Boolean> {
        @Override
        public Transition<Boolean> apply(Account current, ChargingPolicy policy) {
            return Transition.unchanged(Boolean.TRUE);
        }

        @Override
        public Boolean applyInPlace(AccountState state, ChargingPolicy policy) {
            MOST.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max);
            VISITED.incrementAndGet();
            LockSupport.parkNanos(300_000);
            ACTIVE.decrementAndGet();
            return AccountCommand.super.applyInPlace(state, policy); // unchanged

        }
    }

    private HazelcastGrid grid;

    @AfterEach
    void close() {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    void aScanOfEveryAccountRunsOnOnePartitionAtATime() {
        grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        ChargingHarness h = new ChargingHarness(grid);
        int accounts = 400;
        for (int i = 0; i < accounts; i++) {
            h.account("scan-" + i, 1_000);
        }
        Map<String, Boolean> visited = grid.accounts().executeOnDue(Long.MAX_VALUE, new Watching());
        assertEquals(accounts, VISITED.get());
        assertEquals(accounts, visited.size());
        assertEquals(1, MOST.get(), "partition threads scanning at the same moment");
    }
}
