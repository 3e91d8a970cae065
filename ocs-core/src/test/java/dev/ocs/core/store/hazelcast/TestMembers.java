package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.config.GridConfig;

import java.util.concurrent.atomic.AtomicInteger;

/** Starts isolated Hazelcast members on loopback for tests: a cluster name and port range of their own. */
public final class TestMembers {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private TestMembers() {
    }

    /** Settings for a new isolated cluster; members started with the same settings join each other. */
    public static GridConfig newCluster(int backupCount) {
        int n = CLUSTERS.incrementAndGet();
        String name = "ocs-test-" + ProcessHandle.current().pid() + "-" + n;
        int port = 15701 + (int) (ProcessHandle.current().pid() % 200) * 10;
        GridConfig base = GridConfig.defaults().isolated(name, port);
        return base.withBackups(backupCount);
    }

    public static HazelcastInstance start(GridConfig settings, ChargingPolicy policy) {
        return Hazelcast.newHazelcastInstance(HazelcastGrid.config(settings, policy));
    }
}
