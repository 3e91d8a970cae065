package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each member's set of accounts that hold ledger records not yet exported, so the exporter reads
 * those accounts instead of scanning every account every second. A processor that leaves an account
 * with pending records marks it (on the primary and, replayed, on its backups); the acknowledging
 * processor unmarks it in the same atomic step that marks its records exported, and marks it again
 * when newer records arrived meanwhile. Marks live in the member's user context, like the policy.
 */
final class PendingMarks {

    static final String KEY = "ocs.pending-ledger-marks";

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
}
