package dev.ocs.diameter.server;

import dev.ocs.core.OcsCore;
import dev.ocs.core.config.ConfigException;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.management.JmxSettings;
import dev.ocs.core.management.JmxUsers;
import dev.ocs.core.metrics.MetricsEndpoint;
import dev.ocs.core.management.Management;
import dev.ocs.core.management.RemoteJmx;
import dev.ocs.core.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The server's entry point: loads and validates the configuration, starts the charging core (the
 * grid member, sweeper and ledger exporter) and the Gy server in front of it, and stops everything
 * in reverse order on SIGTERM.
 *
 * <p>Usage: {@code OcsServer [--config path/to/ocs.yaml]}. Without {@code --config} it reads
 * {@code config/ocs.yaml} under the working directory, or else the copy packaged in the jar.
 */
public final class OcsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OcsServer.class);

    private final OcsCore core;
    private final Management management;
    private final RemoteJmx remoteJmx;
    private final MetricsEndpoint metrics;
    private final GyServer gy;

    private OcsServer(OcsCore core, Management management, RemoteJmx remoteJmx, MetricsEndpoint metrics, GyServer gy) {
        this.core = core;
        this.management = management;
        this.remoteJmx = remoteJmx;
        this.metrics = metrics;
        this.gy = gy;
    }

    /** Starts the charging core, then the Gy server in front of it. */
    public static OcsServer start(OcsConfig config) throws Exception {
        return start(config, DiameterSettings.from(config.root()), OcsCore.start(config));
    }

    /** Starts the Gy server in front of a running core (tests bring their own core). */
    public static OcsServer start(OcsConfig config, DiameterSettings diameter, OcsCore core) throws Exception {
        Management management = null;
        RemoteJmx remote = null;
        MetricsEndpoint metrics = null;
        try {
            management = Management.register(core);
            JmxSettings jmx = JmxSettings.from(config.root());
            if (jmx.enabled()) {
                remote = RemoteJmx.start(jmx.host(), jmx.port(), JmxUsers.load(jmx.usersFile()), jmx.tls());
            }
            MetricsEndpoint.Settings m = MetricsEndpoint.Settings.from(config.root());
            if (m.enabled()) {
                metrics = MetricsEndpoint.start(m, management.stats(), core.meter());
            }
            return new OcsServer(core, management, remote, metrics, GyServer.start(diameter, core.charging(), config.currency(),
                    config.currencyExponent(), config.policy().maxReportBytes(), core.rejections(), core.grid().signals(),
                    core.provisioning().gatewayRequests(), config.policy().tariffs().timedGroups()));
        } catch (Exception e) {
            if (metrics != null) {
                metrics.close();
            }
            if (remote != null) {
                remote.close();
            }
            if (management != null) {
                management.close();
            }
            core.close();
            throw e;
        }
    }

    /** The port of the Prometheus endpoint, -1 when it is off. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    public OcsCore core() {
        return core;
    }

    /** Stops in reverse order: gateways get DPR first, then the core exports what is pending and leaves the grid. */
    @Override
    public void close() {
        gy.close();
        if (metrics != null) {
            metrics.close();
        }
        if (remoteJmx != null) {
            remoteJmx.close();
        }
        management.close();
        core.close();
    }

    public static void main(String[] args) throws Exception {
        OcsConfig config;
        DiameterSettings diameter;
        try {
            config = loadConfig(args);
            diameter = DiameterSettings.from(config.root());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("ocs: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        OcsServer server;
        try {
            server = start(config, diameter, OcsCore.start(config));
        } catch (ConfigException e) {
            System.err.println("ocs: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (StoreUnavailableException e) {
            System.err.println("ocs: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            stopped.countDown();
        }, "ocs-shutdown"));
        LOG.info("OCS running; stop it with SIGTERM (Ctrl-C)");
        stopped.await();
    }

    static OcsConfig loadConfig(String[] args) {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: OcsServer [--config ocs.yaml]");
            }
        }
        if (file == null && Files.isReadable(Path.of("config/ocs.yaml"))) {
            file = Path.of("config/ocs.yaml");
        }
        if (file != null) {
            LOG.info("configuration {}", file.toAbsolutePath());
            return OcsConfig.load(file);
        }
        try (InputStream in = OcsServer.class.getResourceAsStream("/ocs.yaml")) {
            if (in == null) {
                LOG.info("no configuration file: embedded defaults");
                return OcsConfig.defaults();
            }
            LOG.info("configuration: the ocs.yaml packaged with the server");
            return OcsConfig.from(ConfigTree.load(in, "classpath:ocs.yaml"));
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot read the packaged ocs.yaml: " + e.getMessage(), e);
        }
    }
}
