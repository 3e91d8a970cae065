package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import dev.ocs.core.config.GridConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * How a member binds, announces itself and finds the others, from the {@code grid} settings: TCP/IP
 * with a member list, or Hazelcast's built-in Kubernetes discovery. Not applied to a full Hazelcast
 * file, which is used as written.
 */
final class MemberNetwork {

    private MemberNetwork() {
    }

    static void apply(Config config, GridConfig s) {
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", s.bindHost());
        if (s.acceptClients()) {
            unified(config.getNetworkConfig(), s);
        } else {
            memberEndpointOnly(config, s);
        }
    }

    /** Hazelcast's unified networking: members and clients on the one port. */
    private static void unified(NetworkConfig net, GridConfig s) {
        GridConfig.Discovery d = s.discovery();
        net.setPort(s.port()).setPortAutoIncrement(s.portAutoIncrement());
        net.getInterfaces().setEnabled(true).setInterfaces(List.of(s.bindHost()));
        if (!d.publicAddress().isBlank()) {
            net.setPublicAddress(d.publicAddress());
        }
        net.setOutboundPortDefinitions(d.outboundPortList());
        join(net.getJoin(), s);
    }

    private static void join(JoinConfig join, GridConfig s) {
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        GridConfig.Discovery d = s.discovery();
        switch (d.join()) {
            case TCP_IP -> join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(s.members()));
            case KUBERNETES -> {
                join.getTcpIpConfig().setEnabled(false);
                var k8s = join.getKubernetesConfig().setEnabled(true);
                if (!d.kubernetesNamespace().isBlank()) {
                    k8s.setProperty("namespace", d.kubernetesNamespace());
                }
                if (!d.kubernetesServiceName().isBlank()) {
                    k8s.setProperty("service-name", d.kubernetesServiceName());
                }
            }
        }
    }

    /**
     * The member port speaks the member protocol only: with Hazelcast's unified networking any process
     * that knows the cluster name can connect as a client and put into the accounts map, bypassing
     * the charging rules and the ledger (found by probing). The advanced network configuration with
     * just a member endpoint (same port, interface, announced address and join) closes that door.
     */
    private static void memberEndpointOnly(Config config, GridConfig s) {
        ServerSocketEndpointConfig member = new ServerSocketEndpointConfig();
        member.setPort(s.port()).setPortAutoIncrement(s.portAutoIncrement());
        member.getInterfaces().setEnabled(true).setInterfaces(List.of(s.bindHost()));
        GridConfig.Discovery d = s.discovery();
        if (!d.publicAddress().isBlank()) {
            member.setPublicAddress(d.publicAddress());
        }
        member.setOutboundPortDefinitions(d.outboundPortList());
        AdvancedNetworkConfig advanced = config.getAdvancedNetworkConfig().setEnabled(true).setMemberEndpointConfig(member);
        join(advanced.getJoin(), s);
    }
}
