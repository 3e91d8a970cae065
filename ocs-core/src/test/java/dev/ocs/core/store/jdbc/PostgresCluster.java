package dev.ocs.core.store.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary directory, then
 * {@code pg_ctl start} on a free loopback port (its socket in that directory too), with a database
 * {@code ocs} owned by the superuser {@code ocs}. Run as root, the server runs as the {@code postgres}
 * user (PostgreSQL refuses root). Stop and start it again to simulate an outage. The binaries come
 * from {@code OCS_PG_BIN} or the newest {@code /usr/lib/postgresql/<version>/bin}; without them the
 * test fails with a message saying how to install them (CI installs them in .ci/run).
 */
public final class PostgresCluster implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresCluster(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PostgresCluster start() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("ocs-pg-");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        PostgresCluster pg = new PostgresCluster(bin, dir, freePort(), root);
        pg.run(60, "initdb", "-D", dir.resolve("data").toString(), "-U", "ocs", "--auth=trust", "-E", "UTF8", "--no-sync");
        pg.startServer();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres", "ocs", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE ocs");
        } catch (SQLException e) {
            pg.close();
            throw new IOException("cannot create the test database: " + e.getMessage(), e);
        }
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/ocs";
    }

    /** Creates another empty database in this cluster (one per test case); answers its URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "ocs", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    public int port() {
        return port;
    }

    /** Starts the server again after {@link #stopServer()} (same port, same data). */
    public void startServer() throws IOException, InterruptedException {
        run(60, "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
    }

    /** Stops the server now (fast shutdown: connections are cut), keeping the data. */
    public void stopServer() throws IOException, InterruptedException {
        run(60, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                stopServer();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(int seconds, String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            throw new IOException(String.join(" ", cmd) + " failed:\n" + out + log);
        }
    }

    private static Path binaries() throws IOException {
        String env = System.getenv("OCS_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Path.of(env);
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                Path best = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> version(v.getFileName().toString()))).orElse(null);
                if (best != null) {
                    return best.resolve("bin");
                }
            }
        }
        throw new IOException("no PostgreSQL server binaries (initdb) under /usr/lib/postgresql/*/bin or $OCS_PG_BIN: "
                + "install them (Debian: apt-get install postgresql) to run the PostgreSQL tests");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
