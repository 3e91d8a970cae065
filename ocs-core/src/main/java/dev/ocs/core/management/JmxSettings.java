package dev.ocs.core.management;

import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.TlsConfig;

import java.nio.file.Path;

/**
 * The {@code jmx:} section of config/ocs.yaml: the remote JMX connector (local attach always works).
 *
 * @param enabled   start the authenticated remote connector
 * @param host      the address it binds (loopback by default)
 * @param port      RMI registry and connector port
 * @param usersFile users, roles and password hashes
 * @param tls       TLS for the registry and the connector (off by default: loopback only)
 */
public record JmxSettings(boolean enabled, String host, int port, Path usersFile, TlsConfig tls) {

    public static JmxSettings from(ConfigTree root) {
        ConfigTree j = root.section("jmx").rejectUnknown("enabled", "host", "port", "users-file", "tls");
        return new JmxSettings(j.bool("enabled", false), j.string("host", "127.0.0.1"),
                (int) j.longValue("port", 9099, 1, 65535), Path.of(j.string("users-file", "config/jmx-users.yaml")),
                TlsConfig.from(j.section("tls")));
    }
}
