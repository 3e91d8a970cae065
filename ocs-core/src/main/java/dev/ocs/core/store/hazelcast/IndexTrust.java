package dev.ocs.core.store.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;

import java.util.Set;

/**
 * Whether a member-local index of accounts (kept by the processors that change them, where the
 * accounts are owned) can be trusted for the next pass, or the pass must visit every account instead: the
 * first time (accounts loaded from the store were never indexed), after the members or the partitions'
 * owners changed (an account that arrived by migration may not be indexed where it now lives), and
 * every {@code fullEvery} passes in any case. One per index user, on the member that runs the passes.
 */
final class IndexTrust {

    private final HazelcastInstance hz;
    private final int fullEvery;
    private volatile boolean indexSuspect = true;
    private Set<Member> lastMembers = Set.of();
    private long passes;

    IndexTrust(HazelcastInstance hz, int fullEvery) {
        this.hz = hz;
        this.fullEvery = fullEvery;
        hz.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
                indexSuspect = true;
            }

            @Override
            public void migrationFinished(MigrationState state) {
                indexSuspect = true;
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
                indexSuspect = true;
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                indexSuspect = true;
            }
        });
    }

    /** What an index held was lost on the way (a pass failed after taking it): the next pass visits every account. */
    void lost() {
        indexSuspect = true;
    }

    /** For the pass about to run: whether it must visit every account. Counts the pass. */
    synchronized boolean fullPassNeeded() {
        Set<Member> members = hz.getCluster().getMembers();
        boolean periodic = passes++ % fullEvery == 0;
        boolean full = periodic || indexSuspect || !members.equals(lastMembers);
        // cleared before the full pass runs: a migration during it makes the next pass full too
        indexSuspect = false;
        lastMembers = members;
        return full;
    }
}
