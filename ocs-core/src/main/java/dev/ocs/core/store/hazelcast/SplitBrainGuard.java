package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import dev.ocs.core.config.GridConfig;

/**
 * No double spend across a network split. With {@code grid.minimum-cluster-size} above 1:
 * <ul>
 *   <li>every map that holds money, identities or sessions is protected: a member that has heard from
 *       fewer members than that within the tolerance refuses reads and writes on them (the charging
 *       service answers 3004 before trying), so the minority side of a split grants nothing from its
 *       copy while the majority goes on charging the same accounts;</li>
 *   <li>a change whose synchronous backup was not confirmed fails instead of being answered
 *       ({@code hazelcast.operation.fail.on.indeterminate.state}): in the seconds before a split is
 *       noticed, what one side changed without its backup is not granted (the gateway retries, the
 *       other side charges it once);</li>
 *   <li>silent members are removed after {@code member-timeout-seconds} (Hazelcast's default 60 s is a
 *       minute of both sides believing they are whole), heartbeats every second;</li>
 *   <li>when the split heals, the smaller side's entries merge into the larger side's with
 *       put-if-absent: every account the majority holds keeps the majority's value, so spent money is
 *       never brought back by a stale copy; the minority changed nothing, having refused.</li>
 * </ul>
 * Settings a full Hazelcast file gives itself (properties, a protection of its own on a map) are kept.
 */
final class SplitBrainGuard {

    static final String NAME = "ocs-majority";

    private SplitBrainGuard() {
    }

    static void apply(Config config, GridConfig.SplitBrain s) {
        setIfAbsent(config, "hazelcast.heartbeat.interval.seconds", "1");
        setIfAbsent(config, "hazelcast.max.no.heartbeat.seconds", String.valueOf(s.memberTimeoutSeconds()));
        setIfAbsent(config, "hazelcast.merge.first.run.delay.seconds", String.valueOf(s.mergeCheckSeconds()));
        setIfAbsent(config, "hazelcast.merge.next.run.delay.seconds", String.valueOf(s.mergeCheckSeconds()));
        if (!s.enabled()) {
            return;
        }
        setIfAbsent(config, "hazelcast.operation.fail.on.indeterminate.state", "true");
        int toleranceMillis = Math.max(2_000, s.memberTimeoutSeconds() * 1000 / 3);
        SplitBrainProtectionConfig protection = SplitBrainProtectionConfig
                .newRecentlyActiveSplitBrainProtectionConfigBuilder(NAME, s.minimumClusterSize(), toleranceMillis)
                .enabled(true).build();
        protection.setProtectOn(SplitBrainProtectionOn.READ_WRITE);
        config.addSplitBrainProtectionConfig(protection);
    }

    /** Puts a map under the protection (unless a full Hazelcast file gave it one) and the merge that keeps the majority's values. */
    static void protect(com.hazelcast.config.MapConfig map, GridConfig.SplitBrain s) {
        map.setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
        if (s.enabled() && map.getSplitBrainProtectionName() == null) {
            map.setSplitBrainProtectionName(NAME);
        }
    }

    /**
     * A failure the gateway should retry (here again or elsewhere): no quorum here, a change whose backup
     * was not confirmed, a member that left or timed out with the operation in flight (it may or may not
     * have run: a retransmission is answered alike either way), or this node shutting down. Every
     * charge is idempotent by session and request number, so the retry cannot charge twice.
     */
    static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause(), depth++) {
            if (t instanceof SplitBrainProtectionException || t instanceof IndeterminateOperationStateException
                    || t instanceof com.hazelcast.spi.exception.RetryableException
                    || t instanceof com.hazelcast.core.HazelcastInstanceNotActiveException
                    || t instanceof com.hazelcast.core.OperationTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void setIfAbsent(Config config, String property, String value) {
        if (config.getProperty(property) == null) {
            config.setProperty(property, value);
        }
    }
}
