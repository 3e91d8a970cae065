package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.ocs.core.rules.AccountState;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Each member's index of the accounts it holds by their next deadline (a silent session's validity +
 * grace, a bucket's expiry), so the sweeper visits the accounts that are due instead of scanning every
 * account every interval: a scan costs the partition threads a look-up and a check per account (at
 * 100,000 accounts about a twentieth of their time under load, growing with the accounts, not the traffic).
 * <p>
 * An account is indexed under its deadline when a change leaves it with one earlier than the one it is
 * indexed under (a session opened), not on every charge: an UPDATE moves a session's deadline later, and
 * the entry indexed earlier stays. The sweeper takes the entries due, and its visit runs the command only
 * where the account is really due, then indexes the account again under its deadline now. So an entry is
 * at worst early, never late, and an account holds about one entry per validity period. Entries are made
 * where the account is owned (not on its backups) and live in the member's user context: lost with the
 * member, and not made for accounts that arrive by migration, promotion or loading; the sweeper then
 * visits every account with a deadline instead ({@link DueSweep}, {@link IndexTrust}).
 * Indexed on the partition threads, taken by the sweeper: one lock, held for an insert or a take.
 */
final class DueIndex {

    private static final String KEY = "ocs.due-index";

    /** Deadline second to the accounts indexed in it (a list: an account twice is visited twice, harmlessly). */
    private final TreeMap<Long, ArrayList<String>> bySecond = new TreeMap<>();

    static void install(Config config) {
        config.getUserContext().put(KEY, new DueIndex());
    }

    static DueIndex of(HazelcastInstance instance) {
        return instance.getUserContext().get(KEY) instanceof DueIndex index ? index : null;
    }

    /** On the account's partition thread, after a change: indexes it when its deadline is earlier than its entry's. */
    void changed(AccountState state) {
        long deadline = state.nextDeadline();
        if (deadline < state.indexedDeadline()) {
            add(state, deadline);
        }
    }

    /** On the account's partition thread, when the sweeper visited it: indexes it under its deadline now. */
    void visited(AccountState state) {
        long deadline = state.nextDeadline();
        state.indexedDeadline(Long.MAX_VALUE);
        if (deadline != Long.MAX_VALUE) {
            add(state, deadline);
        }
    }

    private void add(AccountState state, long deadline) {
        state.indexedDeadline(deadline);
        synchronized (this) {
            bySecond.computeIfAbsent(Math.floorDiv(deadline, 1000L), s -> new ArrayList<>(4)).add(state.id());
        }
    }

    /** Removes and answers the accounts indexed at or before {@code dueAt} (epoch millis). */
    synchronized ArrayList<String> takeDue(long dueAt) {
        ArrayList<String> due = new ArrayList<>();
        long last = Math.floorDiv(dueAt, 1000L);
        for (Map.Entry<Long, ArrayList<String>> e = bySecond.firstEntry(); e != null && e.getKey() <= last;
             e = bySecond.firstEntry()) {
            due.addAll(e.getValue());
            bySecond.pollFirstEntry();
        }
        return due;
    }

    /** Sent to every member by the sweeping member: takes that member's accounts due at {@code dueAt}. */
    static final class TakeDue implements Callable<ArrayList<String>>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final long dueAt;
        private transient HazelcastInstance instance;

        TakeDue(long dueAt) {
            this.dueAt = dueAt;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.instance = instance;
        }

        @Override
        public ArrayList<String> call() {
            DueIndex index = of(instance);
            if (index == null) {
                throw new IllegalStateException("member has no due index");
            }
            return index.takeDue(dueAt);
        }
    }
}
