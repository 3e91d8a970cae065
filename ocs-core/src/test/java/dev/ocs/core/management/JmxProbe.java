package dev.ocs.core.management;

import dev.ocs.api.ObjectNames;
import dev.ocs.api.AccountsMXBean;

import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * A remote JMX client in a process of its own, so its TLS settings (the JSSE system properties, read
 * once per JVM) are its own: connects over TLS to the URL given, reads one account's balance and prints
 * it, or prints what refused it. Usage: JmxProbe url user password accountId
 */
public final class JmxProbe {

    private JmxProbe() {
    }

    public static void main(String[] args) {
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(JMXConnector.CREDENTIALS, new String[]{args[1], args[2]});
            env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
            try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(args[0]), env)) {
                AccountsMXBean accounts = JMX.newMXBeanProxy(c.getMBeanServerConnection(), new ObjectName(ObjectNames.ACCOUNTS),
                        AccountsMXBean.class);
                System.out.println("BALANCE " + accounts.getAccount(args[3]).balance());
            }
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("REFUSED " + e.getClass().getSimpleName() + ": " + root);
        }
    }
}
