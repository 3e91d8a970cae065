package dev.ocs.core.management;

import dev.ocs.api.ObjectNames;
import dev.ocs.core.OcsCore;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** Registers the operator MXBeans in the platform MBean server (local attach, e.g. jconsole). */
public final class Management implements AutoCloseable {

    public static final String ACCOUNTS = ObjectNames.ACCOUNTS;
    public static final String STATS = ObjectNames.STATS;
    public static final String LOAD_TEST = ObjectNames.LOAD_TEST;
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
        ObjectName name = new ObjectName(ACCOUNTS);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        Accounts bean = new Accounts(core);
        server.registerMBean(bean, name);
        core.notifier().addSink(bean);
        ObjectName statsName = new ObjectName(STATS);
        if (server.isRegistered(statsName)) {
            server.unregisterMBean(statsName);
        }
        Stats stats = new Stats(core);
        server.registerMBean(stats, statsName);
        core.every(STATS_PERIOD_SECONDS, stats::sample);
        ObjectName loadTestName = new ObjectName(LOAD_TEST);
        if (server.isRegistered(loadTestName)) {
            server.unregisterMBean(loadTestName);
        }
        server.registerMBean(new LoadTest(core), loadTestName);
        return new Management(server, name, core, bean, stats);
    }

    @Override
    public void close() {
        core.notifier().removeSink(bean);
        try {
            server.unregisterMBean(accounts);
            server.unregisterMBean(new ObjectName(STATS));
            server.unregisterMBean(new ObjectName(LOAD_TEST));
        } catch (JMException e) {
            // already gone
        }
    }
}
