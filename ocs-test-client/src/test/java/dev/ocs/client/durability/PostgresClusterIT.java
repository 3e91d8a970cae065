package dev.ocs.client.durability;

import dev.ocs.client.cli.GyClient;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.core.store.jdbc.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two OCS members (two processes, one cluster, synchronous backups) on one real PostgreSQL. One is
 * killed while the load client charges through the other: the load run's audit is clean (nothing
 * charged twice, nothing lost). Both are then stopped and started again: every account's totals
 * come back as they were.
 */
class PostgresClusterIT {

    @TempDir
    Path dir;

    private static String client(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = GyClient.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                args);
        return code + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void killingOneMemberUnderLoadLosesNothingAndBothComeBackWhole() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start()) {
            String store = "{backend: postgresql, url: '" + pg.jdbcUrl() + "', user: ocs}";
            int portA = ServerProcess.freePort();
            int portB = ServerProcess.freePort();
            String cluster = "pg-cluster-it-" + ProcessHandle.current().pid();
            String members = "['127.0.0.1:" + portA + "', '127.0.0.1:" + portB + "']";
            String gridA = "{cluster-name: " + cluster + ", port: " + portA + ", port-auto-increment: false, members: " + members
                    + ", backup-count: 1}";
            String gridB = gridA.replace("port: " + portA, "port: " + portB);
            try (ServerProcess a = ServerProcess.configure(dir, "a", gridA, store).start();
                 ServerProcess b = ServerProcess.configure(dir, "b", gridB, store).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> a.stats().getGridMembers() == 2);
                String provisioned = client("provision", "--subscribers", "1000", "--balance", "100000000",
                        "--jmx", a.jmxAddress(), "--password", ServerProcess.PASSWORD);
                assertTrue(provisioned.startsWith("0\n"), provisioned);

                Path report = dir.resolve("load.json");
                AtomicInteger loadExit = new AtomicInteger(-1);
                StringBuilder loadOut = new StringBuilder();
                Thread load = new Thread(() -> {
                    String r = client("load", "--port", "" + a.diameterPort, "--subscribers", "1000", "--sessions", "50",
                            "--rate", "500", "--duration", "10", "--warmup", "1", "--updates", "3", "--octets", "30000",
                            "--timeout-ms", "15000", "--report", report.toString(), "--baseline-jmx", a.jmxAddress(),
                            "--password", ServerProcess.PASSWORD);
                    loadOut.append(r);
                    loadExit.set(Integer.parseInt(r.substring(0, r.indexOf('\n'))));
                }, "load");
                load.start();
                Thread.sleep(4_000);
                b.kill();
                load.join(120_000);
                assertEquals(0, loadExit.get(), loadOut.toString());
                String audit = client("audit", "--report", report.toString(), "--jmx", a.jmxAddress(),
                        "--password", ServerProcess.PASSWORD);
                assertTrue(audit.startsWith("0\n") && audit.contains("audit CLEAN"), audit);
                a.currentRunLog().lines().filter(l -> l.contains("backup") || l.contains("partition") || l.contains("store"))
                        .forEach(l -> System.out.println("member a: " + l));

                AccountsMXBean ops = a.accounts();
                long[] before = a.loadTest().listTotals("load-", 0, 1000);
                await().atMost(Duration.ofSeconds(30)).until(() -> a.stats().getStoreQueue() == 0);
                a.terminate();

                a.start();
                b.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> a.stats().getGridMembers() == 2);
                ops = a.accounts();
                assertArrayEquals(before, a.loadTest().listTotals("load-", 0, 1000), "every account's totals as before the stop");
                assertEquals(List.of(), ops.listAuditFindings());
                assertEquals(1000, ops.getAccountCount());
                a.terminate();
                b.terminate();
            }
        }
    }
}
