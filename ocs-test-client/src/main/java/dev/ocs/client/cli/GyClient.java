package dev.ocs.client.cli;

import dev.ocs.client.audit.LoadAudit;
import dev.ocs.client.audit.ServerTotals;
import dev.ocs.client.jmx.OperatorJmx;
import dev.ocs.client.load.Expectations;
import dev.ocs.client.load.LoadOptions;
import dev.ocs.client.load.LoadReport;
import dev.ocs.client.load.LoadRun;
import dev.ocs.client.load.SlowLog;
import dev.ocs.client.sim.SessionShape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.management.remote.JMXConnector;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The Gy test and load client: {@code scenario} (one subscriber, traced), {@code provision} (bulk
 * test subscribers over JMX), {@code load} (many subscribers, open loop, HDR latency, JSON report)
 * and {@code audit} (what the client was granted and reported against what the server charged).
 * Exit codes: 0 ok, 1 a failed run or a dirty audit, 2 usage.
 */
@Command(name = "ocs-client", mixinStandardHelpOptions = true, description = "Gy test and load client for the OCS.",
        subcommands = {GyClient.ScenarioCmd.class, GyClient.Provision.class, GyClient.Load.class, GyClient.Audit.class})
public final class GyClient {

    private PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        GyClient client = new GyClient();
        client.out = out;
        CommandLine cli = new CommandLine(client);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            err.println("ocs-client: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** Where the server is and who the client says it is. */
    static final class Peer {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Diameter server host (${DEFAULT-VALUE})")
        String host;
        @Option(names = "--port", defaultValue = "3868", description = "Diameter server port (${DEFAULT-VALUE})")
        int port;
        @Option(names = "--origin-host", defaultValue = "loadgen.test.localdomain", description = "our Origin-Host (${DEFAULT-VALUE})")
        String originHost;
        @Option(names = "--realm", defaultValue = "localdomain", description = "Origin- and Destination-Realm (${DEFAULT-VALUE})")
        String realm;
        @Option(names = "--timeout-ms", defaultValue = "2000", description = "a request unanswered this long is an error (${DEFAULT-VALUE})")
        long timeoutMs;
    }

    /** The operator JMX connector. */
    static final class Jmx {
        @Option(names = "--jmx", defaultValue = "127.0.0.1:9099", description = "OCS JMX host:port (${DEFAULT-VALUE})")
        String jmx;
        @Option(names = "--user", defaultValue = "operator", description = "JMX user (${DEFAULT-VALUE})")
        String user;
        @Option(names = "--password", description = "JMX password (default: $OCS_JMX_PASSWORD)")
        String password;

        JMXConnector connect() throws Exception {
            return OperatorJmx.connect(jmx, user, password);
        }
    }

    /** The simulated subscribers: account prefix + i, MSISDN first + i. */
    static final class Subscribers {
        @Option(names = "--subscribers", defaultValue = "1000", description = "number of subscribers (${DEFAULT-VALUE})")
        int count;
        @Option(names = "--first-msisdn", defaultValue = "491790000000", description = "MSISDN of subscriber 0 (${DEFAULT-VALUE})")
        long firstMsisdn;
        @Option(names = "--account-prefix", defaultValue = "load-", description = "account id prefix (${DEFAULT-VALUE})")
        String prefix;
    }

    @Command(name = "scenario", mixinStandardHelpOptions = true,
            description = "One subscriber until the credit is gone: CCR-I, CCR-Us using each grant, FUI, 4012, CCR-T, traced.")
    static final class ScenarioCmd implements Callable<Integer> {
        @CommandLine.Mixin
        Peer peer = new Peer();
        @Option(names = "--msisdn", defaultValue = "491700000002", description = "the subscriber (${DEFAULT-VALUE}: demo-2)")
        String msisdn;
        @Option(names = "--rating-group", defaultValue = "1", description = "rating group (${DEFAULT-VALUE})")
        long ratingGroup;
        @Option(names = "--max-requests", defaultValue = "200", description = "stop (with a CCR-T) after this many (${DEFAULT-VALUE})")
        int maxRequests;
        @CommandLine.ParentCommand
        GyClient parent;

        @Override
        public Integer call() throws Exception {
            PrintStream out = parent.out;
            List<Long> results = new Scenario(peer.host, peer.port, peer.originHost, peer.realm,
                    Duration.ofMillis(peer.timeoutMs), maxRequests).run(msisdn, ratingGroup, out);
            out.println("results: " + results);
            return results.stream().allMatch(r -> r == 2001 || r == 4012) ? 0 : 1;
        }
    }

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = "Creates the test subscribers (accounts prefix0.., MSISDNs first..) with a balance, over JMX.")
    static final class Provision implements Callable<Integer> {
        @CommandLine.ParentCommand
        GyClient parent;
        @CommandLine.Mixin
        Jmx jmx = new Jmx();
        @CommandLine.Mixin
        Subscribers subs = new Subscribers();
        @Option(names = "--balance", defaultValue = "1000000", description = "opening balance, minor units (${DEFAULT-VALUE})")
        long balance;

        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            try (JMXConnector c = jmx.connect()) {
                int created = OperatorJmx.accounts(c).createAccounts(subs.prefix, subs.firstMsisdn, subs.count, balance);
                parent.out.printf(java.util.Locale.ROOT, "provisioned %d subscribers (%d new) in %.1f s%n", subs.count, created,
                        (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Many subscribers at a target rate (open loop); one progress line a second, then the report.")
    static final class Load implements Callable<Integer> {
        @CommandLine.ParentCommand
        GyClient parent;
        @CommandLine.Mixin
        Peer peer = new Peer();
        @CommandLine.Mixin
        Subscribers subs = new Subscribers();
        @Option(names = "--connections", defaultValue = "2", description = "Diameter connections (${DEFAULT-VALUE})")
        int connections;
        @Option(names = "--sessions", defaultValue = "500", description = "concurrent sessions (${DEFAULT-VALUE})")
        int sessions;
        @Option(names = "--rate", defaultValue = "1000", description = "target CCR/s (${DEFAULT-VALUE})")
        long rate;
        @Option(names = "--updates", defaultValue = "3", description = "CCR-Us per session (${DEFAULT-VALUE})")
        int updates;
        @Option(names = "--octets", defaultValue = "100000", description = "octets used per rating group per update (${DEFAULT-VALUE})")
        long octets;
        @Option(names = "--rating-groups", defaultValue = "1", split = ",", description = "rating groups per session (${DEFAULT-VALUE})")
        List<Long> ratingGroups;
        @Option(names = "--duration", defaultValue = "30", description = "seconds of scheduled requests, warm-up included (${DEFAULT-VALUE})")
        double duration;
        @Option(names = "--warmup", defaultValue = "5", description = "seconds left out of the figures (${DEFAULT-VALUE})")
        double warmup;
        @Option(names = "--requests", defaultValue = "" + Long.MAX_VALUE, description = "stop after this many requests")
        long requests;
        @Option(names = "--report", defaultValue = "load-report.json", description = "JSON report; expectations for audit beside it (${DEFAULT-VALUE})")
        Path report;
        @Option(names = "--baseline-jmx", description = "host:port of the OCS JMX: record the accounts' totals first (needs --password/$OCS_JMX_PASSWORD)")
        String baselineJmx;
        @Option(names = "--user", defaultValue = "operator")
        String user;
        @Option(names = "--password")
        String password;
        @Option(names = "--slow-log", description = "write each measured answer slower than --slow-ms here: scheduled wall-clock ms and latency")
        Path slowLog;
        @Option(names = "--slow-ms", defaultValue = "5", description = "threshold of --slow-log (${DEFAULT-VALUE})")
        long slowMs;

        @Override
        public Integer call() throws Exception {
            long[] baseline = null;
            if (baselineJmx != null) {
                try (JMXConnector c = OperatorJmx.connect(baselineJmx, user, password)) {
                    baseline = ServerTotals.read(OperatorJmx.loadTest(c), subs.prefix, subs.count);
                }
            }
            Expectations expect = new Expectations(subs.prefix, subs.firstMsisdn, subs.count, baseline);
            LoadOptions o = new LoadOptions(peer.host, peer.port, connections, peer.originHost, peer.realm, subs.firstMsisdn,
                    subs.count, subs.prefix, sessions, rate, new SessionShape(updates, octets, ratingGroups),
                    Duration.ofMillis(Math.round(duration * 1000)), requests, Duration.ofMillis(Math.round(warmup * 1000)),
                    Duration.ofMillis(peer.timeoutMs));
            SlowLog slow = slowLog == null ? null : new SlowLog(slowMs);
            LoadReport r = new LoadRun(o, expect).logging(slow).run(parent.out);
            if (slow != null) {
                slow.write(slowLog);
            }
            parent.out.print(r.toText());
            Files.writeString(report, r.toJson());
            Path expectations = expectationsOf(report);
            expect.write(expectations);
            parent.out.println("report " + report + ", expectations for audit " + expectations
                    + (baseline == null ? " (no baseline: the accounts are taken as fresh)" : ""));
            return r.errors() == 0 ? 0 : 1;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "After a load run: compares the client's expectations with the server's totals and ledger audit.")
    static final class Audit implements Callable<Integer> {
        @CommandLine.ParentCommand
        GyClient parent;
        @CommandLine.Mixin
        Jmx jmx = new Jmx();
        @Option(names = "--report", defaultValue = "load-report.json", description = "the load run's report (${DEFAULT-VALUE})")
        Path report;

        @Override
        public Integer call() throws Exception {
            Expectations e = Expectations.read(expectationsOf(report));
            try (JMXConnector c = jmx.connect()) {
                LoadAudit.Result r = LoadAudit.run(e, OperatorJmx.loadTest(c), OperatorJmx.accounts(c));
                parent.out.print(r.summary());
                return r.clean() ? 0 : 1;
            }
        }
    }

    static Path expectationsOf(Path report) {
        String name = report.getFileName().toString().replaceFirst("\\.json$", "");
        return report.resolveSibling(name + ".expect.tsv");
    }
}
