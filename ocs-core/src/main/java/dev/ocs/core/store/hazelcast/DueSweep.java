package dev.ocs.core.store.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.AccountState;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Which accounts a sweep visits: those the members' {@link DueIndex} hold as due, or, when an index
 * may lack an account, every account with a deadline (a full sweep, which indexes them all again).
 * A sweep is full the first time (accounts loaded from the store were never indexed), after the
 * members or the partitions' owners changed (an account that arrived by migration or a promoted backup
 * may not be indexed where it now lives), when a member did not answer, and every
 * {@link #FULL_SWEEP_EVERY} sweeps in any case. Runs on the sweeping (oldest) member only.
 */
final class DueSweep {

    /** Every this many sweeps, every account with a deadline is visited anyway (10 minutes at the default 10 s). */
    static final int FULL_SWEEP_EVERY = 60;
    private static final String EXECUTOR = "ocs-due-index";

    private final HazelcastInstance hz;
    private final IMap<String, AccountState> map;
    private volatile boolean partitionsMoved = true;
    private Set<Member> lastMembers = Set.of();
    private long sweeps;
    private long fullSweeps;

    DueSweep(HazelcastInstance hz, IMap<String, AccountState> map) {
        this.hz = hz;
        this.map = map;
        hz.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
                partitionsMoved = true;
            }

            @Override
            public void migrationFinished(MigrationState state) {
                partitionsMoved = true;
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
                partitionsMoved = true;
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                partitionsMoved = true;
            }
        });
    }

    /**
     * Runs {@code command} on every account due at {@code dueAt}; {@code fullScan} visits the accounts
     * matching a predicate with a processor, one partition at a time.
     */
    synchronized <R> Map<String, R> run(long dueAt, AccountCommand<R> command,
                                        BiFunction<AccountProcessor<R>, AccountQueries.WithDeadline, Map<String, R>> fullScan) {
        AccountProcessor<R> visit = AccountProcessor.ifDue(command, dueAt);
        // at the end of time every account is due, those without a deadline (never indexed) too
        Set<String> due = fullSweepNeeded() || dueAt == Long.MAX_VALUE ? null : takeDue(dueAt);
        if (due == null) {
            fullSweeps++;
            return fullScan.apply(visit, new AccountQueries.WithDeadline(dueAt));
        }
        return ByPartition.execute(map, hz.getPartitionService(), due, visit);
    }

    /** Sweeps so far that visited every account with a deadline (for tests and the log). */
    synchronized long fullSweeps() {
        return fullSweeps;
    }

    private boolean fullSweepNeeded() {
        Set<Member> members = hz.getCluster().getMembers();
        boolean periodic = sweeps++ % FULL_SWEEP_EVERY == 0;
        boolean full = periodic || partitionsMoved || !members.equals(lastMembers);
        // cleared before the full sweep runs: a migration during it makes the next sweep full too
        partitionsMoved = false;
        lastMembers = members;
        return full;
    }

    /** The accounts every member's index holds as due (taken out of the indexes); null when a member did not answer. */
    private Set<String> takeDue(long dueAt) {
        if (hz.getCluster().getMembers().size() == 1) {
            DueIndex local = DueIndex.of(hz);
            return local == null ? null : new HashSet<>(local.takeDue(dueAt));
        }
        Set<String> all = new HashSet<>();
        try {
            for (Future<java.util.ArrayList<String>> f
                    : hz.getExecutorService(EXECUTOR).submitToAllMembers(new DueIndex.TakeDue(dueAt)).values()) {
                all.addAll(f.get(10, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null; // what the members that answered gave up is visited by the full sweep
        }
        return all;
    }
}
