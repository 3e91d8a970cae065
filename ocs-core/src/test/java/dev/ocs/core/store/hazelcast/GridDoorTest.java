package dev.ocs.core.store.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.Fixtures;
import dev.ocs.core.config.GridConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The grid's member port takes members only: a Hazelcast client that knows the cluster name is refused. */
class GridDoorTest {

    private HazelcastInstance member;

    @AfterEach
    void stop() {
        member.shutdown();
    }

    @Test
    void aClientWithTheRightClusterNameIsRefused() {
        GridConfig cluster = TestMembers.newCluster(0);
        member = TestMembers.start(cluster, Fixtures.policy());
        int port = member.getCluster().getLocalMember().getAddress().getPort();
        ClientConfig client = new ClientConfig().setClusterName(cluster.clusterName());
        client.getNetworkConfig().addAddress("127.0.0.1:" + port).setSmartRouting(false);
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3_000);
        client.setProperty("hazelcast.logging.type", "slf4j");
        assertThrows(IllegalStateException.class, () -> HazelcastClient.newHazelcastClient(client).shutdown(),
                "a client could have written to the accounts map past the ledger");
    }
}
