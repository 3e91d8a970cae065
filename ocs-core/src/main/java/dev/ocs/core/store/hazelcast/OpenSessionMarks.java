package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.rules.AccountState;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each member's set of accounts that hold an open session, so the statistics' totals (open sessions,
 * held money, reserved bytes) read those accounts instead of scanning every account each period. Kept
 * by the processor that changes an account, where the account is owned (not on its backups). What the
 * marks may lack (an account that arrived by migration, a promoted backup's, one loaded at start) is
 * found by the full scan {@link IndexTrust} asks for, which marks them again.
 */
final class OpenSessionMarks {

    static final String KEY = "ocs.open-session-marks";

    private OpenSessionMarks() {
    }

    static void install(Config config) {
        config.getUserContext().put(KEY, ConcurrentHashMap.<String>newKeySet());
    }

    @SuppressWarnings("unchecked")
    static Set<String> of(HazelcastInstance instance) {
        Object marks = instance.getUserContext().get(KEY);
        return marks instanceof Set<?> set ? (Set<String>) set : null;
    }

    /** On the account's partition thread, after a change. */
    static void changed(Set<String> marks, AccountState state) {
        if (state.openSessions() > 0) {
            marks.add(state.id());
        } else {
            marks.remove(state.id());
        }
    }
}
