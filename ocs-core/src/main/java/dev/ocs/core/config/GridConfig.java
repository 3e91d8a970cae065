package dev.ocs.core.config;

import java.util.List;

/**
 * Where the in-memory data grid runs. The defaults make one embedded member that talks to nobody:
 * bound to loopback, no multicast, no phone-home.
 *
 * @param clusterName         members join only a cluster of the same name
 * @param bindHost            the address the member binds to and announces
 * @param port                the member's first port
 * @param portAutoIncrement   try the next ports when the first is taken (several members on one host)
 * @param members             addresses (host or host:port) of the members to join by TCP/IP
 * @param backupCount         synchronous backups of every account (0 on a single member)
 * @param hazelcastConfig     optional full Hazelcast YAML/XML file; the settings above still apply on top
 * @param acceptClients       whether the member port also serves Hazelcast clients (default no: a client that
 *                            knows the cluster name could write to the accounts map past the ledger)
 */
public record GridConfig(String clusterName, String bindHost, int port, boolean portAutoIncrement,
                         List<String> members, int backupCount, String hazelcastConfig, boolean acceptClients) {

    public static final String CLUSTER_NAME_DEFAULT = "ocs";
    public static final String BIND_HOST_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 5701;
    public static final int BACKUP_COUNT_DEFAULT = 1;

    public GridConfig {
        members = List.copyOf(members);
    }

    public static GridConfig defaults() {
        return new GridConfig(CLUSTER_NAME_DEFAULT, BIND_HOST_DEFAULT, PORT_DEFAULT, true, List.of(BIND_HOST_DEFAULT),
                BACKUP_COUNT_DEFAULT, "", false);
    }

    /** The same settings under another cluster name and port (tests run isolated members). */
    public GridConfig isolated(String name, int firstPort) {
        return new GridConfig(name, bindHost, firstPort, true, List.of(bindHost),
                backupCount, hazelcastConfig, acceptClients);
    }

    static GridConfig from(ConfigTree t) {
        t.rejectUnknown("cluster-name", "bind-host", "port", "port-auto-increment", "members", "backup-count",
                "hazelcast-config", "accept-clients");
        String host = t.string("bind-host", BIND_HOST_DEFAULT);
        return new GridConfig(t.string("cluster-name", CLUSTER_NAME_DEFAULT), host,
                (int) t.longValue("port", PORT_DEFAULT, 1, 65535), t.bool("port-auto-increment", true),
                t.strings("members", List.of(host)), (int) t.longValue("backup-count", BACKUP_COUNT_DEFAULT, 0, 6),
                t.string("hazelcast-config", ""), t.bool("accept-clients", false));
    }
}
