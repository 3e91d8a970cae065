package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.AccountState;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Which accounts a sweep visits: those the members' {@link DueIndex} hold as due, or every account with
 * a deadline (a full sweep, which indexes them all again) when {@link IndexTrust} says an index may lack
 * one, when a member did not answer, or when every account is asked for. Runs on the sweeping (oldest)
 * member only.
 */
final class DueSweep {

    /** Every this many sweeps, every account with a deadline is visited anyway (10 minutes at the default 10 s). */
    static final int FULL_SWEEP_EVERY = 60;

    private final HazelcastInstance hz;
    private final IMap<String, AccountState> map;
    private final IndexTrust trust;
    private long fullSweeps;

    DueSweep(HazelcastInstance hz, IMap<String, AccountState> map) {
        this.hz = hz;
        this.map = map;
        this.trust = new IndexTrust(hz, FULL_SWEEP_EVERY);
    }

    /**
     * Runs {@code command} on every account due at {@code dueAt}; {@code fullScan} visits the accounts
     * matching a predicate with a processor, one partition at a time.
     */
    synchronized <R> Map<String, R> run(long dueAt, AccountCommand<R> command,
                                        BiFunction<AccountProcessor<R>, AccountQueries.WithDeadline, Map<String, R>> fullScan) {
        AccountProcessor<R> visit = AccountProcessor.ifDue(command, dueAt);
        // at the end of time every account is due, those without a deadline (never indexed) too
        Set<String> due = trust.fullPassNeeded() || dueAt == Long.MAX_VALUE
                ? null : MemberCalls.union(hz, new DueIndex.TakeDue(dueAt));
        if (due == null) {
            fullSweeps++;
            return fullScan.apply(visit, new AccountQueries.WithDeadline(dueAt));
        }
        try {
            return ByPartition.execute(map, hz.getPartitionService(), due, visit);
        } catch (RuntimeException e) {
            trust.lost(); // the entries taken are out of the indexes: the next sweep visits every account
            throw e;
        }
    }

    /** Sweeps so far that visited every account with a deadline (for tests). */
    synchronized long fullSweeps() {
        return fullSweeps;
    }
}
