package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import dev.ocs.core.Fixtures;
import dev.ocs.core.config.GridConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The member configuration made from the grid settings, or from a full Hazelcast file used as written. */
class MemberConfigTest {

    @Test
    void defaultsJoinByMemberListOnLoopbackWithTheMemberPortOnly() {
        Config c = HazelcastGrid.config(GridConfig.defaults(), Fixtures.policy());
        JoinConfig join = c.getAdvancedNetworkConfig().getJoin();
        assertTrue(c.getAdvancedNetworkConfig().isEnabled(), "no client port");
        assertTrue(join.getTcpIpConfig().isEnabled());
        assertEquals(List.of("127.0.0.1"), join.getTcpIpConfig().getMembers());
        assertFalse(join.getMulticastConfig().isEnabled());
        assertTrue(c.getSplitBrainProtectionConfigs().isEmpty(), "one node: no protection");
        assertEquals(PutIfAbsentMergePolicy.class.getName(),
                c.getMapConfig(HazelcastGrid.ACCOUNTS).getMergePolicyConfig().getPolicy());
    }

    @Test
    void noMapHasANearCacheWhoseChurnWouldOutliveYoungCollections() {
        Config c = HazelcastGrid.config(GridConfig.defaults(), Fixtures.policy());
        for (String map : List.of(HazelcastGrid.ACCOUNTS, HazelcastGrid.SUBSCRIBERS, HazelcastGrid.SESSIONS)) {
            assertNull(c.getMapConfig(map).getNearCacheConfig(), map);
        }
    }

    @Test
    void theSessionDirectoryIsKeptAsObjectsChangedInPlace() {
        Config c = HazelcastGrid.config(GridConfig.defaults(), Fixtures.policy());
        assertEquals(com.hazelcast.config.InMemoryFormat.OBJECT, c.getMapConfig(HazelcastGrid.SESSIONS).getInMemoryFormat());
        assertEquals(1, c.getMapConfig(HazelcastGrid.SESSIONS).getBackupCount());
    }

    @Test
    void kubernetesDiscoveryFromTheSettings() {
        GridConfig s = GridConfig.defaults().withDiscovery(
                new GridConfig.Discovery(GridConfig.Join.KUBERNETES, "charging", "ocs-hz", "", "33000-33100"));
        Config c = HazelcastGrid.config(s, Fixtures.policy());
        JoinConfig join = c.getAdvancedNetworkConfig().getJoin();
        assertFalse(join.getTcpIpConfig().isEnabled());
        assertTrue(join.getKubernetesConfig().isEnabled());
        assertEquals("charging", join.getKubernetesConfig().getProperty("namespace"));
        assertEquals("ocs-hz", join.getKubernetesConfig().getProperty("service-name"));
        assertEquals(List.of("33000-33100"),
                List.copyOf(c.getAdvancedNetworkConfig().getEndpointConfigs().values().iterator().next().getOutboundPortDefinitions()));
    }

    @Test
    void aFullHazelcastFileIsUsedAsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hazelcast.yaml");
        Files.writeString(file, """
                hazelcast:
                  cluster-name: prod-ocs
                  advanced-network:
                    enabled: true
                    join:
                      kubernetes:
                        enabled: true
                        service-name: ocs-hz
                    member-server-socket-endpoint-config:
                      port:
                        port: 5701
                  properties:
                    hazelcast.max.no.heartbeat.seconds: 20
                """);
        GridConfig s = new GridConfig("ocs", "127.0.0.1", 5701, true, List.of("127.0.0.1"), 1, file.toString(), false,
                GridConfig.Discovery.tcpIp(), new GridConfig.SplitBrain(2, 10, 30));
        Config c = HazelcastGrid.config(s, Fixtures.policy());
        JoinConfig join = c.getAdvancedNetworkConfig().getJoin();
        assertEquals("prod-ocs", c.getClusterName());
        assertTrue(join.getKubernetesConfig().isEnabled(), "the file's discovery is kept");
        assertFalse(join.getTcpIpConfig().isEnabled(), "TCP/IP is not forced over it");
        assertEquals("20", c.getProperty("hazelcast.max.no.heartbeat.seconds"), "the file's own property wins");
        for (String map : List.of(HazelcastGrid.ACCOUNTS, HazelcastGrid.SUBSCRIBERS, HazelcastGrid.SESSIONS)) {
            assertEquals(SplitBrainGuard.NAME, c.getMapConfig(map).getSplitBrainProtectionName(), map);
        }
        assertEquals(2, c.getSplitBrainProtectionConfig(SplitBrainGuard.NAME).getMinimumClusterSize());
        assertEquals("true", c.getProperty("hazelcast.operation.fail.on.indeterminate.state"));
    }
}
