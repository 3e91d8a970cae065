package dev.ocs.client;

import dev.ocs.client.cli.GyClient;
import dev.ocs.core.OcsCore;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.management.JmxUsers;
import dev.ocs.diameter.server.DiameterSettings;
import dev.ocs.diameter.server.OcsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The client's commands against the real server on loopback: provision over JMX, one subscriber's
 * traced life until the credit is gone, a short open-loop load run, and an audit that finds the
 * server charged exactly what the client reported.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GyClientIT {

    @TempDir
    static Path dir;
    private static OcsServer server;
    private static int diameterPort;
    private static String jmx;

    @BeforeAll
    static void start() throws Exception {
        for (int attempt = 1; server == null; attempt++) {
            try {
                startOnce();
            } catch (IllegalStateException e) {
                // the port was free when picked, and something took it before the bind (any outgoing
                // connection's ephemeral port can be it; seen once in CI): pick others
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("cannot listen")) {
                    throw e;
                }
            }
        }
    }

    private static void startOnce() throws Exception {
        Path users = dir.resolve("jmx-users.yaml");
        Files.writeString(users, "users:\n  - {name: ops, role: operator, password-hash: \"" + JmxUsers.entryFor("pw") + "\"}\n");
        diameterPort = freePort();
        int jmxPort = freePort();
        jmx = "127.0.0.1:" + jmxPort;
        String yaml = """
                charging: {quota-bytes: 1000000, validity-seconds: 600, grace-seconds: 60}
                tariffs: [{rating-group: 1, price-per-block: 1, block-bytes: 1000}, {rating-group: 2, mode: zero-rated}]
                grid: {cluster-name: ocs-client-it-%d, port: %d, backup-count: 0}
                ledger: {cdr-directory: '%s', export-interval-millis: 200}
                persistence: {backend: sqlite, sqlite-file: '%s', flush-interval-millis: 100}
                jmx: {enabled: true, port: %d, users-file: '%s'}
                metrics: {port: 0}
                diameter: {port: %d, max-in-flight: 300}
                """.formatted(diameterPort, freePort(), dir.resolve("cdr"), dir.resolve("ocs.db"), jmxPort, users, diameterPort);
        OcsConfig config = OcsConfig.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "it"));
        server = OcsServer.start(config, DiameterSettings.from(config.root()), OcsCore.start(config));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run client(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GyClient.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String[] withJmx(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[]{"--jmx", jmx, "--user", "ops"}, 0, all, args.length, 4);
        return all;
    }

    @Test
    void scenarioRunsOneSubscriberUntilTheCreditIsGone() {
        Run p = client(withJmx("provision", "--password", "pw", "--account-prefix", "scen-", "--first-msisdn", "491790100000",
                "--subscribers", "1", "--balance", "2500"));
        assertEquals(0, p.code(), p.err());
        Run r = client("scenario", "--port", "" + diameterPort, "--msisdn", "491790100000");
        assertEquals(0, r.code(), r.out() + r.err());
        String trace = r.out();
        assertTrue(trace.contains("Credit-Control-Request (272"), trace);
        assertTrue(trace.contains("CC-Total-Octets: 1000000"), "full grants first: " + trace);
        assertTrue(trace.contains("FINAL UNITS"), trace);
        assertTrue(trace.contains("Final-Unit-Indication"), trace);
        assertTrue(trace.contains("MSCC result 4012") || trace.contains("Result-Code 4012"), trace);
        assertTrue(trace.contains(">>> TERMINATION"), trace);
        assertTrue(trace.contains("2500000 octets reported and confirmed"), "2500 minor units at 1 per 1000 octets: " + trace);
    }

    @Test
    void shortLoadRunHasNoErrorsAndTheAuditIsClean() throws IOException {
        Run p = client(withJmx("provision", "--password", "pw", "--subscribers", "2000", "--balance", "1000000"));
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("provisioned 2000 subscribers (2000 new)"), p.out());
        Path report = dir.resolve("load.json");
        Run load = client("load", "--port", "" + diameterPort, "--subscribers", "2000", "--sessions", "100", "--rate", "400",
                "--duration", "3", "--warmup", "1", "--updates", "2", "--octets", "50000", "--rating-groups", "1,2",
                "--connections", "2", "--report", report.toString(), "--baseline-jmx", jmx, "--user", "ops", "--password", "pw");
        assertEquals(0, load.code(), load.out() + load.err());
        assertTrue(load.out().lines().filter(l -> l.contains("req/s")).count() >= 2, "a progress line a second: " + load.out());
        String json = Files.readString(report);
        assertTrue(json.contains("\"errors\": 0"), json);
        assertTrue(json.contains("\"timeouts\": 0"), json);
        assertTrue(json.contains("\"p99\""), json);
        assertTrue(Files.exists(dir.resolve("load.expect.tsv")));

        Run audit = client(withJmx("audit", "--password", "pw", "--report", report.toString()));
        assertEquals(0, audit.code(), audit.out() + audit.err());
        assertTrue(audit.out().contains("audit CLEAN"), audit.out());
        assertTrue(audit.out().contains("2000 accounts checked"), audit.out());
    }

    /**
     * At the end of a run every open session is terminated, paced: 1,200 at once would meet max-in-flight 300
     * (3004). The sessions are opened at 400 a second (the run ends with all 1,200 open): at 1,500 a second a
     * stall of the server's of 200 ms while they opened already met the limit (a clean-clone CI run on a
     * slow machine: 269 INITIALs refused in the first second, none at the end).
     */
    @Test
    void endingManySessionsAtOnceStaysUnderTheServersAdmissionLimit() throws IOException {
        String[] subscribers = {"--subscribers", "2000", "--first-msisdn", "491791000000", "--account-prefix", "drain-"};
        Run p = client(withJmx(concat(new String[]{"provision", "--password", "pw", "--balance", "1000000"}, subscribers)));
        assertEquals(0, p.code(), p.err());
        Path report = dir.resolve("drain.json");
        Run load = client(concat(new String[]{"load", "--port", "" + diameterPort, "--sessions", "1200", "--rate", "400",
                "--duration", "4", "--warmup", "0.5", "--updates", "20", "--connections", "2", "--report", report.toString()},
                subscribers));
        assertEquals(0, load.code(), load.out() + load.err());
        String json = Files.readString(report);
        assertTrue(json.contains("\"errors\": 0"), json);
        assertFalse(json.contains("\"3004\""), "no termination refused: " + json);
    }

    @Test
    void auditCatchesUsageTheClientDidNotReport() throws IOException {
        Run p = client(withJmx("provision", "--password", "pw", "--account-prefix", "aud-", "--first-msisdn", "491790200000",
                "--subscribers", "10", "--balance", "100000"));
        assertEquals(0, p.code(), p.err());
        Path report = dir.resolve("small.json");
        Run load = client("load", "--port", "" + diameterPort, "--account-prefix", "aud-", "--first-msisdn", "491790200000",
                "--subscribers", "10", "--sessions", "5", "--rate", "100", "--duration", "2", "--warmup", "0.5",
                "--report", report.toString(), "--baseline-jmx", jmx, "--user", "ops", "--password", "pw");
        assertEquals(0, load.code(), load.out() + load.err());
        // another gateway's session on subscriber 3, unknown to the load run: the audit must notice
        Run other = client("scenario", "--port", "" + diameterPort, "--msisdn", "491790200003", "--max-requests", "2",
                "--origin-host", "other.test.localdomain");
        assertEquals(0, other.code(), other.out() + other.err());
        Run audit = client(withJmx("audit", "--password", "pw", "--report", report.toString()));
        assertEquals(1, audit.code(), audit.out());
        assertTrue(audit.out().contains("aud-3: reported octets expected"), audit.out());
        assertTrue(audit.out().contains("audit FAILED"), audit.out());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
