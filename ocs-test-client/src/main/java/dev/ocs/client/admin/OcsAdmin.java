package dev.ocs.client.admin;

import dev.ocs.api.AccountView;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.api.LedgerView;
import dev.ocs.api.ObjectNames;
import dev.ocs.api.StatsMXBean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The operator's shell tool over authenticated remote JMX: {@code ocs-admin balance demo-1},
 * {@code ocs-admin topup demo-1 500 --reference shop-17}, ... The password comes from
 * {@code --password} or the {@code OCS_JMX_PASSWORD} environment variable.
 */
@Command(name = "ocs-admin", mixinStandardHelpOptions = true, description = "Operate the OCS over JMX.",
        subcommands = {OcsAdmin.Balance.class, OcsAdmin.TopUp.class, OcsAdmin.BuyBundle.class, OcsAdmin.Create.class,
                OcsAdmin.Bar.class, OcsAdmin.Unbar.class, OcsAdmin.Ledger.class, OcsAdmin.Stats.class, OcsAdmin.Audit.class})
public final class OcsAdmin {

    @Option(names = "--jmx", defaultValue = "127.0.0.1:9099", description = "host:port of the OCS JMX connector (${DEFAULT-VALUE})")
    String jmx;

    @Option(names = "--user", defaultValue = "operator", description = "JMX user (${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", description = "JMX password (default: $OCS_JMX_PASSWORD)")
    String password;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line; answers the exit code (0 ok, 1 refused or failed, 2 usage). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new OcsAdmin());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            Throwable cause = e.getCause() != null && e instanceof java.lang.reflect.UndeclaredThrowableException ? e.getCause() : e;
            c.getErr().println("ocs-admin: " + cause.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    private <T> T withAccounts(java.util.function.Function<AccountsMXBean, T> action) throws Exception {
        try (JMXConnector c = connect()) {
            return action.apply(JMX.newMXBeanProxy(c.getMBeanServerConnection(), new ObjectName(ObjectNames.ACCOUNTS),
                    AccountsMXBean.class));
        }
    }

    private JMXConnector connect() throws Exception {
        return dev.ocs.client.jmx.OperatorJmx.connect(jmx, user, password);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static void print(PrintWriter out, AccountView a) {
        out.printf("account %s (%s) subscribers %s%n", a.id(), a.status(), a.subscribers());
        out.printf("  balance %d, free %d, held %d%n", a.balance(), a.freeMoney(), a.heldMoney());
        for (AccountView.BucketView b : a.buckets()) {
            out.printf("  bucket %s: %d bytes left, expires %s, rating groups %s%n", b.name(), b.remainingBytes(),
                    Instant.ofEpochMilli(b.expiresAt()), b.ratingGroups().isEmpty() ? "all" : b.ratingGroups());
        }
        out.printf("  open sessions %d%n", a.openSessions().size());
    }

    @Command(name = "balance", description = "Show an account's balance, buckets and sessions.")
    static final class Balance implements Callable<Integer> {
        @CommandLine.ParentCommand OcsAdmin admin;
        @Parameters(description = "account id") String account;

        @Override
        public Integer call() throws Exception {
            AccountView a = admin.withAccounts(x -> x.getAccount(account));
            print(admin.out(), a);
            return 0;
        }
    }

    @Command(name = "topup", description = "Recharge money (minor units); the same reference twice credits once.")
    static final class TopUp implements Callable<Integer> {
        @CommandLine.ParentCommand OcsAdmin admin;
        @Parameters(index = "0", description = "account id") String account;
        @Parameters(index = "1", description = "amount in minor units") long amount;
        @Option(names = "--reference", required = true, description = "idempotency reference") String reference;

        @Override
        public Integer call() throws Exception {
            String result = admin.withAccounts(x -> x.topUp(account, amount, reference));
            admin.out().println(result);
            return 0;
        }
    }

    @Command(name = "buy-bundle", description = "Buy a catalogue bundle with the account's money.")
    static final class BuyBundle implements Callable<Integer> {
        @CommandLine.ParentCommand OcsAdmin admin;
        @Parameters(index = "0", description = "account id") String account;
        @Parameters(index = "1", description = "bundle name") String bundle;
        @Option(names = "--reference", required = true, description = "idempotency reference") String reference;

        @Override
        public Integer call() throws Exception {
            String result = admin.withAccounts(x -> x.buyBundle(account, bundle, reference));
            admin.out().println(result);
            return 0;
        }
    }

    @Command(name = "create", description = "Create an account.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand OcsAdmin admin;
        @Parameters(index = "0", description = "account id") String account;
        @Option(names = "--subscriber", required = true, description = "e164:<msisdn> or imsi:<imsi>; repeatable") List<String> subscribers;
        @Option(names = "--balance", defaultValue = "0", description = "opening balance in minor units") long balance;

        @Override
        public Integer call() throws Exception {
            print(admin.out(), admin.withAccounts(x -> x.createAccount(account, subscribers, balance)));
            return 0;
        }
    }

    /** Bar and unbar: one account argument, one MXBean call, one line of output. */
    abstract static class StatusChange implements Callable<Integer> {
        @CommandLine.ParentCommand OcsAdmin admin;
        @Parameters(description = "account id") String account;

        abstract void change(AccountsMXBean accounts);

        abstract String done();

        @Override
        public Integer call() throws Exception {
            admin.withAccounts(x -> {
                change(x);
                return null;
            });
            admin.out().println(done() + " " + account);
            return 0;
        }
    }

    @Command(name = "bar", description = "Bar an account: no more quota.")
    static final class Bar extends StatusChange {
        @Override
        void change(AccountsMXBean accounts) {
            accounts.bar(account);
        }

        @Override
        String done() {
            return "barred";
        }
    }

    @Command(name = "unbar", description = "Lift a bar.")
    static final class Unbar extends StatusChange {
        @Override
        void change(AccountsMXBean accounts) {
            accounts.unbar(account);
        }

        @Override
        String done() {
            return "unbarred";
        }
    }

    @Command(name = "ledger", description = "The newest ledger records of an account.")
    static final class Ledger implements Callable<Integer> {
        @CommandLine.ParentCommand OcsAdmin admin;
        @Parameters(description = "account id") String account;
        @Option(names = "-n", defaultValue = "10", description = "how many (${DEFAULT-VALUE})") int count;

        @Override
        public Integer call() throws Exception {
            for (LedgerView r : admin.withAccounts(x -> x.ledger(account, count))) {
                admin.out().printf("%5d %s %-16s money %+d bytes %+d volume %d balance %d %s%n", r.seq(),
                        Instant.ofEpochMilli(r.time()), r.type(), r.money(), r.bucketBytes(), r.volumeBytes(), r.balanceAfter(),
                        r.reference().isEmpty() ? r.sessionId() : r.reference());
            }
            return 0;
        }
    }

    @Command(name = "stats", description = "Live charging statistics.")
    static final class Stats implements Callable<Integer> {
        @CommandLine.ParentCommand OcsAdmin admin;

        @Override
        public Integer call() throws Exception {
            try (JMXConnector c = admin.connect()) {
                StatsMXBean s = JMX.newMXBeanProxy(c.getMBeanServerConnection(), new ObjectName(ObjectNames.STATS), StatsMXBean.class);
                PrintWriter out = admin.out();
                out.println("requests " + s.getRequestsByType());
                out.println("results  " + s.getResultsByStatus());
                out.printf("answers/s %d, in flight %d, latency us p50 %d p99 %d p99.9 %d max %d%n", s.getAnswersPerSecond(),
                        s.getInFlight(), s.getLatencyP50Micros(), s.getLatencyP99Micros(), s.getLatencyP999Micros(),
                        s.getLatencyMaxMicros());
                out.printf("accounts %d, open sessions %d, reserved money %d, reserved bytes %d, grid members %d%n",
                        s.getAccounts(), s.getActiveSessions(), s.getReservedMoney(), s.getReservedBytes(), s.getGridMembers());
                out.printf("store %s: %s; queue %d, last write %s (%d ms), written %d, errors %d, loaded at start in %d ms%n",
                        s.getStoreBackend(), s.getStoreState(), s.getStoreQueue(),
                        s.getStoreLastFlush() == 0 ? "never" : Instant.ofEpochMilli(s.getStoreLastFlush()).toString(),
                        s.getStoreLastFlushMillis(), s.getStoreWritten(), s.getStoreErrors(), s.getStoreLoadMillis());
            }
            return 0;
        }
    }

    @Command(name = "audit", description = "Run the ledger audit (every account against its ledger and the CDR files); "
            + "exit 1 when it finds anything.")
    static final class Audit implements Callable<Integer> {
        @CommandLine.ParentCommand OcsAdmin admin;

        @Override
        public Integer call() throws Exception {
            List<String> findings = admin.withAccounts(AccountsMXBean::listAuditFindings);
            PrintWriter out = admin.out();
            findings.forEach(f -> out.println("finding: " + f));
            out.println(findings.isEmpty() ? "audit CLEAN" : "audit FAILED: " + findings.size() + " finding(s)");
            return findings.isEmpty() ? 0 : 1;
        }
    }
}
