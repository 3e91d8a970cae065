package dev.ocs.core.metrics;

import dev.ocs.core.charging.MeteredChargingService;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.management.Stats;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The Prometheus scrape endpoint ({@code GET /metrics}, and {@code /-/healthy}): the OCS figures of
 * {@link OcsMetrics} and the JVM's (memory, GC, threads, classes, CPU). Plain HTTP on loopback by
 * default: put it behind the scraper's network, it carries no secrets but counts and sizes.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    /**
     * The {@code metrics:} section.
     *
     * @param enabled serve the endpoint (default yes, on loopback)
     * @param host    the address it binds
     * @param port    its port (9464 by default; 0: any free port)
     */
    public record Settings(boolean enabled, String host, int port) {

        public static final int PORT_DEFAULT = 9464;

        public static Settings from(ConfigTree root) {
            ConfigTree m = root.section("metrics").rejectUnknown("enabled", "host", "port");
            return new Settings(m.bool("enabled", true), m.string("host", "127.0.0.1"),
                    (int) m.longValue("port", PORT_DEFAULT, 0, 65535));
        }
    }

    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    public static MetricsEndpoint start(Settings settings, Stats stats, MeteredChargingService meter) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new OcsMetrics(stats, meter));
        JvmMetrics.builder().register(registry);
        HTTPServer server;
        try {
            server = HTTPServer.builder().inetAddress(InetAddress.getByName(settings.host())).port(settings.port())
                    .registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + settings.host() + ":" + settings.port() + " (section metrics): "
                    + e.getMessage(), e);
        }
        LOG.info("Prometheus metrics on http://{}:{}/metrics", settings.host(), server.getPort());
        return new MetricsEndpoint(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
