package dev.ocs.core.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the in-memory data grid runs and how its members find each other. The defaults make one
 * embedded member that talks to nobody: bound to loopback, no multicast, no phone-home.
 *
 * @param clusterName         members join only a cluster of the same name
 * @param bindHost            the address the member binds to and announces
 * @param port                the member's first port
 * @param portAutoIncrement   try the next ports when the first is taken (several members on one host)
 * @param members             addresses (host or host:port) of the members to join by TCP/IP
 * @param backupCount         synchronous backups of every account (0 on a single member)
 * @param hazelcastConfig     optional full Hazelcast YAML/XML file, used as written for the network and the
 *                            join (the settings above then only name the cluster); the OCS adds its maps,
 *                            serializers and split-brain protection
 * @param acceptClients       whether the member port also serves Hazelcast clients (default no: a client that
 *                            knows the cluster name could write to the accounts map past the ledger)
 * @param discovery           how members find each other: the member list above, or the platform's
 * @param splitBrain          when a member stops serving because it may be cut off from the others
 */
public record GridConfig(String clusterName, String bindHost, int port, boolean portAutoIncrement,
                         List<String> members, int backupCount, String hazelcastConfig, boolean acceptClients,
                         Discovery discovery, SplitBrain splitBrain) {

    public static final String CLUSTER_NAME_DEFAULT = "ocs";
    public static final String BIND_HOST_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 5701;
    public static final int BACKUP_COUNT_DEFAULT = 1;

    public GridConfig {
        members = List.copyOf(members);
    }

    /**
     * How members find each other.
     *
     * @param join                  {@code tcp-ip}: the {@code members} list; {@code kubernetes}: Hazelcast's
     *                              built-in Kubernetes discovery (the pods behind a service, via the API server)
     * @param kubernetesNamespace   the namespace of the OCS pods ("" = the pod's own)
     * @param kubernetesServiceName the service whose endpoints are the members ("" = every pod of the namespace)
     * @param publicAddress         host[:port] the member announces instead of its bind address (NAT, a
     *                              container's published port); "" = the bind address
     * @param outboundPorts         ports the member connects to the others from (e.g. "33000-33100"), so a
     *                              firewall can be written for them; "" = any
     */
    public record Discovery(Join join, String kubernetesNamespace, String kubernetesServiceName,
                            String publicAddress, String outboundPorts) {

        private static final Pattern PORTS = Pattern.compile("\\d{1,5}(-\\d{1,5})?(\\s*,\\s*\\d{1,5}(-\\d{1,5})?)*");

        public Discovery {
            if (!outboundPorts.isBlank() && !PORTS.matcher(outboundPorts.strip()).matches()) {
                throw new ConfigException("grid.outbound-ports: '" + outboundPorts + "' is not a port list such as 33000-33100");
            }
        }

        /** The outbound port ranges one by one ({@code "33000-33100, 34000"}: two); empty for any port. */
        public List<String> outboundPortList() {
            return outboundPorts.isBlank() ? List.of() : List.of(outboundPorts.strip().split("\\s*,\\s*"));
        }

        public static Discovery tcpIp() {
            return new Discovery(Join.TCP_IP, "", "", "", "");
        }
    }

    public enum Join { TCP_IP, KUBERNETES }

    /**
     * Split-brain protection on every map that holds money or sessions. A member that sees fewer than
     * {@code minimumClusterSize} members (counting only those heard from within {@code memberTimeoutSeconds})
     * refuses every charge (3004: the gateway tries another node) instead of granting from a copy the rest
     * of the cluster can no longer see. Set it to a majority (2 of 3, 3 of 5); 1 turns the protection off.
     *
     * @param minimumClusterSize   members a node must see to serve; 1 = always serve (a single node)
     * @param memberTimeoutSeconds how long a silent member still counts, and after which it is removed
     *                             (Hazelcast's default is 60 s: a minute in which both sides of a split serve)
     * @param mergeCheckSeconds    how often a member looks for the other half of a healed split to merge with
     */
    public record SplitBrain(int minimumClusterSize, int memberTimeoutSeconds, int mergeCheckSeconds) {

        public static final int MEMBER_TIMEOUT_SECONDS_DEFAULT = 10;
        public static final int MERGE_CHECK_SECONDS_DEFAULT = 30;

        public static SplitBrain off() {
            return new SplitBrain(1, MEMBER_TIMEOUT_SECONDS_DEFAULT, MERGE_CHECK_SECONDS_DEFAULT);
        }

        public boolean enabled() {
            return minimumClusterSize > 1;
        }
    }

    public static GridConfig defaults() {
        return new GridConfig(CLUSTER_NAME_DEFAULT, BIND_HOST_DEFAULT, PORT_DEFAULT, true, List.of(BIND_HOST_DEFAULT),
                BACKUP_COUNT_DEFAULT, "", false, Discovery.tcpIp(), SplitBrain.off());
    }

    /** The same settings under another cluster name and port (tests run isolated members). */
    public GridConfig isolated(String name, int firstPort) {
        return new GridConfig(name, bindHost, firstPort, true, List.of(bindHost),
                backupCount, hazelcastConfig, acceptClients, discovery, splitBrain);
    }

    public GridConfig withBackups(int backups) {
        return new GridConfig(clusterName, bindHost, port, portAutoIncrement, members, backups, hazelcastConfig,
                acceptClients, discovery, splitBrain);
    }

    public GridConfig withDiscovery(Discovery d) {
        return new GridConfig(clusterName, bindHost, port, portAutoIncrement, members, backupCount, hazelcastConfig,
                acceptClients, d, splitBrain);
    }

    public GridConfig withSplitBrain(SplitBrain s) {
        return new GridConfig(clusterName, bindHost, port, portAutoIncrement, members, backupCount, hazelcastConfig,
                acceptClients, discovery, s);
    }

    public GridConfig withMembers(int firstPort, List<String> memberList) {
        return new GridConfig(clusterName, bindHost, firstPort, portAutoIncrement, memberList, backupCount,
                hazelcastConfig, acceptClients, discovery, splitBrain);
    }

    static GridConfig from(ConfigTree t) {
        t.rejectUnknown("cluster-name", "bind-host", "port", "port-auto-increment", "members", "backup-count",
                "hazelcast-config", "accept-clients", "join", "kubernetes", "public-address", "outbound-ports",
                "minimum-cluster-size", "member-timeout-seconds", "merge-check-seconds");
        String host = t.string("bind-host", BIND_HOST_DEFAULT);
        String join = t.string("join", "tcp-ip");
        Join j = switch (join) {
            case "tcp-ip" -> Join.TCP_IP;
            case "kubernetes" -> Join.KUBERNETES;
            default -> throw new ConfigException(t.key("join") + ": '" + join + "' is not tcp-ip or kubernetes");
        };
        ConfigTree k8s = t.section("kubernetes").rejectUnknown("namespace", "service-name");
        Discovery discovery = new Discovery(j, k8s.string("namespace", ""), k8s.string("service-name", ""),
                t.string("public-address", ""), t.string("outbound-ports", ""));
        SplitBrain splitBrain = new SplitBrain((int) t.longValue("minimum-cluster-size", 1, 1, 1_000),
                (int) t.longValue("member-timeout-seconds", SplitBrain.MEMBER_TIMEOUT_SECONDS_DEFAULT, 2, 600),
                (int) t.longValue("merge-check-seconds", SplitBrain.MERGE_CHECK_SECONDS_DEFAULT, 1, 3_600));
        return new GridConfig(t.string("cluster-name", CLUSTER_NAME_DEFAULT), host,
                (int) t.longValue("port", PORT_DEFAULT, 1, 65535), t.bool("port-auto-increment", true),
                t.strings("members", List.of(host)), (int) t.longValue("backup-count", BACKUP_COUNT_DEFAULT, 0, 6),
                t.string("hazelcast-config", ""), t.bool("accept-clients", false), discovery, splitBrain);
    }
}
