package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.rules.ChargingPolicy;

/**
 * Puts the charging policy into each member's user context, where account processors find it. Every
 * member loads the same configuration, so every member (and backup) applies the same rules.
 */
final class PolicyContext {

    private static final String KEY = "ocs.charging-policy";

    private PolicyContext() {
    }

    static void install(Config config, ChargingPolicy policy) {
        config.getUserContext().put(KEY, policy);
    }

    static ChargingPolicy of(HazelcastInstance instance) {
        Object p = instance.getUserContext().get(KEY);
        if (!(p instanceof ChargingPolicy policy)) {
            throw new IllegalStateException("member " + instance.getName() + " has no charging policy in its user context");
        }
        return policy;
    }
}
