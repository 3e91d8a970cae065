package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each member's set of accounts that hold ledger records not yet exported, so the exporter reads
 * those accounts instead of scanning every account every second. A processor that leaves an account
 * with pending records marks it (on the primary and, replayed, on its backups); the acknowledging
 * processor unmarks it in the same atomic step that marks its records exported, and marks it again
 * when newer records arrived meanwhile. Marks live in the member's user context, like the policy.
 */
final class PendingMarks {

    private static final String KEY = "ocs.pending-ledger-marks";

    private PendingMarks() {
    }

    static void install(Config config) {
        config.getUserContext().put(KEY, ConcurrentHashMap.<String>newKeySet());
    }

    /** The marks installed in {@code config} (for what runs on the member without a processor: the loader). */
    @SuppressWarnings("unchecked")
    static Set<String> of(Config config) {
        return (Set<String>) config.getUserContext().get(KEY);
    }

    @SuppressWarnings("unchecked")
    static Set<String> of(HazelcastInstance instance) {
        Object marks = instance.getUserContext().get(KEY);
        return marks instanceof Set<?> set ? (Set<String>) set : null;
    }

    /** Sent to every member by the exporting member: answers that member's marked accounts. */
    static final class Collect implements Callable<ArrayList<String>>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private transient HazelcastInstance instance;

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.instance = instance;
        }

        @Override
        public ArrayList<String> call() {
            Set<String> marks = of(instance);
            if (marks == null) {
                throw new IllegalStateException("member has no pending-ledger marks");
            }
            return new ArrayList<>(marks);
        }
    }
}
