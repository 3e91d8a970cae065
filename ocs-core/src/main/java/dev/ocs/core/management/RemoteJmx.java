package dev.ocs.core.management;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocs.core.config.TlsConfig;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import javax.security.auth.Subject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
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
        return start(host, port, users, TlsConfig.off());
    }

    /**
     * With {@code tls} enabled the registry and the connector speak TLS only (a client uses the standard
     * {@link SslRMIClientSocketFactory}: jconsole with {@code -J-Djavax.net.ssl.trustStore=...}); with
     * {@code client-auth} a client must also present a certificate the truststore vouches for.
     */
    public static RemoteJmx start(String host, int port, JmxUsers users, TlsConfig tls) throws IOException {
        InetAddress bind = InetAddress.getByName(host);
        System.setProperty("java.rmi.server.hostname", host); // stubs point clients back at this address
        RMIServerSocketFactory sockets = tls.enabled() ? new TlsSockets(bind, tls.context(), tls.protocols(), tls.clientAuth())
                : new LoopbackSockets(bind);
        RMIClientSocketFactory clientSockets = tls.enabled() ? new SslRMIClientSocketFactory() : null;
        Registry registry = LocateRegistry.createRegistry(port, clientSockets, sockets);
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        if (clientSockets != null) {
            env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
        }
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
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
        // the connector's stub goes into the registry object here, not through a JNDI connection to it (which,
        // over TLS with client certificates, would need this process to present one to itself)
        RMIJRMPServerImpl server = new RMIJRMPServerImpl(port, clientSockets, sockets, env);
        JMXConnectorServer connector = new RMIConnectorServer(new JMXServiceURL("rmi", host, port), env, server,
                ManagementFactory.getPlatformMBeanServer());
        connector.setMBeanServerForwarder(RoleAccess.forwarder(users));
        try {
            connector.start();
            registry.bind("jmxrmi", server.toStub());
        } catch (IOException | java.rmi.AlreadyBoundException e) {
            connector.stop();
            UnicastRemoteObject.unexportObject(registry, true);
            throw e instanceof IOException io ? io : new IOException(e);
        }
        LOG.info("remote JMX on {} (authenticated{})", url, tls.enabled() ? ", TLS" + (tls.clientAuth() ? " with client certificates" : "") : "");
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

    /** TLS server sockets bound to the configured address only; equal when made from the same settings (RMI shares them). */
    private record TlsSockets(InetAddress address, SSLContext context, String[] protocols, boolean clientAuth)
            implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 50, address);
            s.setEnabledProtocols(protocols);
            s.setNeedClientAuth(clientAuth);
            return s;
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
