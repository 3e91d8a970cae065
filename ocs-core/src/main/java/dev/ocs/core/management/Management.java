package dev.ocs.core.management;

import dev.ocs.core.OcsCore;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** Registers the operator MXBeans in the platform MBean server (local attach, e.g. jconsole). */
public final class Management implements AutoCloseable {

    public static final String ACCOUNTS = "ocs:type=Accounts";

    private final MBeanServer server;
    private final ObjectName accounts;

    private Management(MBeanServer server, ObjectName accounts) {
        this.server = server;
        this.accounts = accounts;
    }

    public static Management register(OcsCore core) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(ACCOUNTS);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(new Accounts(core), name);
        return new Management(server, name);
    }

    @Override
    public void close() {
        try {
            server.unregisterMBean(accounts);
        } catch (JMException e) {
            // already gone
        }
    }
}
