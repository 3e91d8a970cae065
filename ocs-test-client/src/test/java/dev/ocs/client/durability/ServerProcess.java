package dev.ocs.client.durability;

import dev.ocs.api.ObjectNames;
import dev.ocs.client.jmx.OperatorJmx;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.api.StatsMXBean;

import javax.management.JMX;
import javax.management.remote.JMXConnector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real server as its own process (its main class, this test's class path, the JVM flags this
 * test runs with), so that tests can stop it as an operator would (SIGTERM) or as a crash does
 * (SIGKILL: nothing runs after it), start it again on the same configuration, and talk to it over
 * Gy and authenticated JMX. Its output goes to a file beside its configuration.
 */
final class ServerProcess implements AutoCloseable {

    static final String OPERATOR = "operator";
    static final String PASSWORD = "operator-change-me";

    final Path config;
    final int diameterPort;
    final int jmxPort;
    private final Path log;
    private Process process;
    private JMXConnector jmx;
    private int starts;

    private ServerProcess(Path config, int diameterPort, int jmxPort) {
        this.config = config;
        this.diameterPort = diameterPort;
        this.jmxPort = jmxPort;
        this.log = config.resolveSibling(config.getFileName() + ".log");
    }

    /**
     * Writes a configuration into {@code dir} (free loopback ports; CDR files and, for SQLite, the
     * database under {@code dir}) and returns a server not yet started.
     *
     * @param persistence the body of the {@code persistence:} section, e.g. {@code {backend: sqlite, sqlite-file: ...}}
     * @param grid        the body of the {@code grid:} section
     */
    static ServerProcess configure(Path dir, String name, String grid, String persistence) throws IOException {
        Files.createDirectories(dir);
        int diameter = freePort();
        int jmxPort = freePort();
        Path users = Path.of("../config/jmx-users.yaml").toAbsolutePath().normalize();
        String yaml = """
                charging: {quota-bytes: 1000000, validity-seconds: 600, grace-seconds: 60}
                tariffs:
                  - {rating-group: 1, price-per-block: 1, block-bytes: 1000}
                  - {rating-group: 2, mode: zero-rated}
                bundles: [{name: day-1GB, price: 199, bytes: 1073741824, valid-days: 1, rating-groups: [1]}]
                grid: %s
                ledger: {cdr-directory: '%s', export-interval-millis: 200}
                persistence: %s
                jmx: {enabled: true, host: 127.0.0.1, port: %d, users-file: '%s'}
                metrics: {port: 0}
                diameter: {port: %d, origin-host: %s.localdomain, max-in-flight: 20000}
                """.formatted(grid, dir.resolve(name + "-cdr"), persistence, jmxPort, users, diameter, name);
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        return new ServerProcess(config, diameter, jmxPort);
    }

    /** Starts the process and waits until it serves (the store loaded, the Gy port open). */
    ServerProcess start() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("@" + Path.of("../config/jvm.options").toAbsolutePath().normalize());
        cmd.addAll(List.of("-Xmx768m",
                "-Dlogback.configurationFile=" + Path.of("../config/logback.xml").toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"), "dev.ocs.diameter.server.OcsServer", "--config", config.toString()));
        starts++;
        Files.writeString(log, "=== start " + starts + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String out = currentRunLog();
            if (out.contains("OCS running")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + tail(out));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not up within 120 s:\n" + tail(currentRunLog()));
    }

    /** SIGTERM: the server stops as an operator stops it (shutdown hook, final write). */
    void terminate() throws InterruptedException {
        closeJmx();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("server did not stop within 60 s of SIGTERM");
        }
    }

    /** SIGKILL: nothing more runs in the server, as in a crash or a power cut of its machine. */
    void kill() throws InterruptedException {
        closeJmx();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String jmxAddress() {
        return "127.0.0.1:" + jmxPort;
    }

    AccountsMXBean accounts() throws IOException {
        return JMX.newMXBeanProxy(connection().getMBeanServerConnection(), OperatorJmx.name(ObjectNames.ACCOUNTS),
                AccountsMXBean.class);
    }

    dev.ocs.api.LoadTestMXBean loadTest() throws IOException {
        return OperatorJmx.loadTest(connection());
    }

    StatsMXBean stats() throws IOException {
        return JMX.newMXBeanProxy(connection().getMBeanServerConnection(), OperatorJmx.name(ObjectNames.STATS),
                StatsMXBean.class);
    }

    private JMXConnector connection() throws IOException {
        if (jmx == null) {
            jmx = OperatorJmx.connect(jmxAddress(), OPERATOR, PASSWORD);
        }
        return jmx;
    }

    private void closeJmx() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // the server is going away anyway
            }
            jmx = null;
        }
    }

    /** What the server printed since it was last started. */
    String currentRunLog() throws IOException {
        String all = Files.readString(log, StandardCharsets.UTF_8);
        return all.substring(Math.max(0, all.lastIndexOf("=== start ")));
    }

    private static String tail(String s) {
        return s.length() <= 6_000 ? s : s.substring(s.length() - 6_000);
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
