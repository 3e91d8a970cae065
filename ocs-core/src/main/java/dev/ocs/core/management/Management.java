package dev.ocs.core.management;

import dev.ocs.api.ObjectNames;
import dev.ocs.core.OcsCore;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** Registers the operator MXBeans in the platform MBean server (local attach, e.g. jconsole). */
public final class Management implements AutoCloseable {

    /** Seconds per statistics sampling period. */
    public static final long STATS_PERIOD_SECONDS = 10;

    private final MBeanServer server;
    private final ObjectName accounts;
    private final OcsCore core;
    private final Accounts bean;
    private final Stats stats;

    private Management(MBeanServer server, ObjectName accounts, OcsCore core, Accounts bean, Stats stats) {
        this.server = server;
        this.accounts = accounts;
        this.core = core;
        this.bean = bean;
        this.stats = stats;
    }

    /** The statistics bean (its sampling runs on the core's schedule; tests close a period by hand). */
    public Stats stats() {
        return stats;
    }

    public static Management register(OcsCore core) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Accounts bean = new Accounts(core);
        ObjectName name = replace(server, ObjectNames.ACCOUNTS, bean);
        core.notifier().addSink(bean);
        Stats stats = new Stats(core);
        replace(server, ObjectNames.STATS, stats);
        core.every(STATS_PERIOD_SECONDS, stats::sample);
        replace(server, ObjectNames.LOAD_TEST, new LoadTest(core));
        return new Management(server, name, core, bean, stats);
    }

    /** Registers {@code bean} under {@code name}, in place of whatever an earlier core left there. */
    private static ObjectName replace(MBeanServer server, String name, Object bean) throws JMException {
        ObjectName on = new ObjectName(name);
        if (server.isRegistered(on)) {
            server.unregisterMBean(on);
        }
        server.registerMBean(bean, on);
        return on;
    }

    @Override
    public void close() {
        core.notifier().removeSink(bean);
        try {
            server.unregisterMBean(accounts);
            server.unregisterMBean(new ObjectName(ObjectNames.STATS));
            server.unregisterMBean(new ObjectName(ObjectNames.LOAD_TEST));
        } catch (JMException e) {
            // already gone
        }
    }
}
