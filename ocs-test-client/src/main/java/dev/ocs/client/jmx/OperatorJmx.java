package dev.ocs.client.jmx;

import dev.ocs.core.management.AccountsMXBean;
import dev.ocs.core.management.Management;

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

    /** @param password {@code null}: taken from {@code OCS_JMX_PASSWORD} */
    public static JMXConnector connect(String hostPort, String user, String password) throws IOException {
        String pw = password != null ? password : System.getenv("OCS_JMX_PASSWORD");
        if (pw == null) {
            throw new IllegalArgumentException("no JMX password: give --password or set OCS_JMX_PASSWORD");
        }
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi");
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[]{user, pw}));
    }

    public static AccountsMXBean accounts(JMXConnector c) throws IOException {
        return JMX.newMXBeanProxy(c.getMBeanServerConnection(), name(Management.ACCOUNTS), AccountsMXBean.class);
    }

    public static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
