package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Asks every member for account ids from its member-local indexes. */
final class MemberCalls {

    private static final String EXECUTOR = "ocs-account-indexes";
    private static final long TIMEOUT_SECONDS = 10;

    private MemberCalls() {
    }

    /**
     * The union of what {@code call} answers on every member (run here directly when this is the only
     * member); {@code null} when a member could not answer, so the caller visits every account instead.
     */
    static Set<String> union(HazelcastInstance hz, Callable<ArrayList<String>> call) {
        Set<String> all = new HashSet<>();
        try {
            if (hz.getCluster().getMembers().size() == 1) {
                if (call instanceof HazelcastInstanceAware aware) {
                    aware.setHazelcastInstance(hz);
                }
                all.addAll(call.call());
                return all;
            }
            for (Future<ArrayList<String>> f : hz.getExecutorService(EXECUTOR).submitToAllMembers(call).values()) {
                all.addAll(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        return all;
    }

    /** Answers the member's set of marked account ids kept in its user context under {@code key}. */
    static final class Marks implements Callable<ArrayList<String>>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final String key;
        private transient HazelcastInstance instance;

        Marks(String key) {
            this.key = key;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.instance = instance;
        }

        @Override
        public ArrayList<String> call() {
            if (!(instance.getUserContext().get(key) instanceof Set<?> marks)) {
                throw new IllegalStateException("member has no " + key);
            }
            ArrayList<String> ids = new ArrayList<>(marks.size());
            for (Object id : marks) {
                ids.add((String) id);
            }
            return ids;
        }
    }
}
