package dev.ocs.client.jmx;

import dev.ocs.api.AccountsMXBean;
import dev.ocs.api.LoadTestMXBean;
import dev.ocs.api.ObjectNames;

import javax.management.JMX;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.util.Map;

/** An authenticated connection to the OCS's remote JMX connector. */
public final class OperatorJmx {

    private OperatorJmx() {
    }

    /**
     * Over TLS when {@code OCS_JMX_TLS=true} (or {@code -Docs.jmx.tls=true}): the server's certificate is
     * checked against the JSSE truststore ({@code -Djavax.net.ssl.trustStore=...}) and, for a server that
     * asks for one, the client's certificate comes from {@code -Djavax.net.ssl.keyStore=...}.
     *
     * @param password {@code null}: taken from {@code OCS_JMX_PASSWORD}
     */
    public static JMXConnector connect(String hostPort, String user, String password) throws IOException {
        String pw = password != null ? password : System.getenv("OCS_JMX_PASSWORD");
        if (pw == null) {
            throw new IllegalArgumentException("no JMX password: give --password or set OCS_JMX_PASSWORD");
        }
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi");
        Map<String, Object> env = new java.util.HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[]{user, pw});
        if (Boolean.parseBoolean(System.getProperty("ocs.jmx.tls", System.getenv("OCS_JMX_TLS")))) {
            env.put("com.sun.jndi.rmi.factory.socket", new javax.rmi.ssl.SslRMIClientSocketFactory());
        }
        return JMXConnectorFactory.connect(url, env);
    }

    public static AccountsMXBean accounts(JMXConnector c) throws IOException {
        return JMX.newMXBeanProxy(c.getMBeanServerConnection(), name(ObjectNames.ACCOUNTS), AccountsMXBean.class);
    }

    /** The load client's bulk reads ({@code ocs:type=LoadTest}). */
    public static LoadTestMXBean loadTest(JMXConnector c) throws IOException {
        return JMX.newMXBeanProxy(c.getMBeanServerConnection(), name(ObjectNames.LOAD_TEST), LoadTestMXBean.class);
    }

    public static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
