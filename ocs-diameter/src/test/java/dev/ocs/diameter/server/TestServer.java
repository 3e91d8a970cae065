package dev.ocs.diameter.server;

import dev.ocs.core.OcsCore;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real server (Hazelcast member, charging core, Gy stack) on loopback, on free ports, with
 * the tariffs the integration tests assume: rating group 1 at 1 per started 1,000 bytes, 2
 * zero-rated, 3 blocked, 5 at 2 per started minute (600 seconds a grant); grants of at most 1,000,000 bytes.
 */
public final class TestServer implements AutoCloseable {

    public final OcsServer server;
    public final int port;
    private final Path cdr;
    private boolean stopped;

    private TestServer(OcsServer server, int port, Path cdr) {
        this.server = server;
        this.port = port;
        this.cdr = cdr;
    }

    public static TestServer start() throws Exception {
        return start("");
    }

    /** @param diameterExtra extra lines for the {@code diameter:} section, e.g. {@code "  final-unit-action: redirect\n"} */
    public static TestServer start(String diameterExtra) throws Exception {
        return start(diameterExtra, "");
    }

    /** @param rootExtra extra top-level sections (e.g. {@code jmx:}, {@code bundles:}) */
    public static TestServer start(String diameterExtra, String rootExtra) throws Exception {
        return start(diameterExtra, rootExtra, null);
    }

    /**
     * A member of a cluster of OCS nodes on loopback (memory only): each with its own Diameter port and CDR
     * directory, all joining {@code clusterName} on {@code gridPorts}, this one on {@code gridPorts[index]}.
     */
    public static TestServer member(String clusterName, int[] gridPorts, int index) throws Exception {
        StringBuilder members = new StringBuilder();
        for (int p : gridPorts) {
            members.append(members.isEmpty() ? "" : ", ").append("'127.0.0.1:").append(p).append("'");
        }
        return start("", "", "grid: {cluster-name: " + clusterName + ", port: " + gridPorts[index]
                + ", port-auto-increment: false, members: [" + members + "], backup-count: 1}");
    }

    private static TestServer start(String diameterExtra, String rootExtra, String gridLine) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(diameterExtra, rootExtra, gridLine);
            } catch (IllegalStateException e) {
                // the port was free when picked, and something took it before the bind (any outgoing
                // connection's ephemeral port can be it): pick another
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("cannot listen")) {
                    throw e;
                }
            }
        }
    }

    private static TestServer startOnce(String diameterExtra, String rootExtra, String gridLine) throws Exception {
        int port = freePort();
        Path cdr = Files.createTempDirectory("ocs-it-cdr");
        String yaml = """
                charging: {quota-bytes: 1000000, validity-seconds: 600, grace-seconds: 60}
                tariffs:
                  - {rating-group: 1, price-per-block: 1, block-bytes: 1000}
                  - {rating-group: 2, mode: zero-rated}
                  - {rating-group: 3, mode: blocked}
                  - {rating-group: 5, mode: timed, price-per-block: 2, block-seconds: 60, quota-seconds: 600}
                %s
                ledger: {cdr-directory: '%s'}
                metrics: {port: 0}
                %s
                %s
                diameter:
                  port: %d
                  redirect-url: http://topup.localdomain/
                  single-service-rating-group: 1
                %s""".formatted(gridLine != null ? gridLine
                        : "grid: {cluster-name: ocs-it-" + port + ", port: " + freePort() + ", backup-count: 0}",
                cdr, gridLine != null ? "persistence: {backend: none}" // a cluster shares a store (PostgreSQL) or none
                        : "persistence: {backend: sqlite, sqlite-file: '" + cdr.resolve("store/ocs.db")
                        + "', flush-interval-millis: 100}", rootExtra, port, diameterExtra);
        OcsConfig config = OcsConfig.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "it"));
        OcsServer server = OcsServer.start(config, DiameterSettings.from(config.root()), OcsCore.start(config));
        return new TestServer(server, port, cdr);
    }

    /** Stops the server, leaving its CDR files for an audit; {@link #close} removes them (and stops it, once). */
    public synchronized void stop() {
        if (!stopped) {
            stopped = true;
            server.close();
        }
    }

    public dev.ocs.core.ledger.CdrFiles cdrFiles() {
        return new dev.ocs.core.ledger.CdrFiles(cdr);
    }

    public OcsCore core() {
        return server.core();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(cdr)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
