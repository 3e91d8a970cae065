package dev.ocs.core.management;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The remote JMX connector (RMI) on a loopback port, with users and roles from {@link JmxUsers}: no
 * anonymous access; the monitor role reads, the operator role may change balances. The registry and
 * the connector share the one port and bind the configured address only.
 */
public final class RemoteJmx implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmx.class);

    private final JMXConnectorServer connector;
    private final Registry registry;
    private final JMXServiceURL url;

    private RemoteJmx(JMXConnectorServer connector, Registry registry, JMXServiceURL url) {
        this.connector = connector;
        this.registry = registry;
        this.url = url;
    }

    public static RemoteJmx start(String host, int port, JmxUsers users) throws IOException {
        InetAddress bind = InetAddress.getByName(host);
        System.setProperty("java.rmi.server.hostname", host); // stubs point clients back at this address
        RMIServerSocketFactory sockets = new LoopbackSockets(bind);
        Registry registry = LocateRegistry.createRegistry(port, null, sockets);
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        env.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
            if (!(credentials instanceof String[] c) || c.length != 2) {
                throw new SecurityException("user name and password required");
            }
            JmxUsers.Role role = users.authenticate(c[0], c[1]);
            if (role == null) {
                throw new SecurityException("wrong user name or password");
            }
            return new Subject(true, Set.of(new JMXPrincipal(c[0])), Set.of(), Set.of());
        });
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":" + port + "/jmxrmi");
        JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(url, env,
                ManagementFactory.getPlatformMBeanServer());
        connector.setMBeanServerForwarder(RoleAccess.forwarder(users));
        try {
            connector.start();
        } catch (IOException e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
        LOG.info("remote JMX on {} (authenticated)", url);
        return new RemoteJmx(connector, registry, url);
    }

    public JMXServiceURL url() {
        return url;
    }

    @Override
    public void close() {
        try {
            connector.stop();
        } catch (IOException e) {
            LOG.debug("stopping remote JMX: {}", e.toString());
        }
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (IOException e) {
            LOG.debug("unexporting the RMI registry: {}", e.toString());
        }
    }

    /** Server sockets bound to the configured address only. */
    private record LoopbackSockets(InetAddress address) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, address);
        }
    }
}
