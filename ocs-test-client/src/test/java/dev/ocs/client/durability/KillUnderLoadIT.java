package dev.ocs.client.durability;

import dev.ocs.client.cli.GyClient;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.ledger.CdrFiles;
import dev.ocs.api.AccountsMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL of the server (SQLite, default write-behind interval) while the load client charges a
 * thousand subscribers and an operator tops accounts up: after the restart every account's balance
 * equals its ledger, every top-up that was acknowledged is there (its reference answers DUPLICATE),
 * and the charging lost is the last moments before the kill, measured as the time between the kill
 * and the newest usage record that survived.
 */
class KillUnderLoadIT {

    @TempDir
    Path dir;

    private static int client(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return GyClient.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                args);
    }

    @Test
    void aCrashUnderLoadLosesOnlyTheLastMomentsAndNoAcknowledgedOperatorChange() throws Exception {
        String grid = "{cluster-name: kill-it-" + ProcessHandle.current().pid() + ", port: " + ServerProcess.freePort()
                + ", backup-count: 0}";
        try (ServerProcess server = ServerProcess.configure(dir, "ocs", grid,
                "{backend: sqlite, sqlite-file: '" + dir.resolve("ocs.db") + "'}").start()) {
            assertEquals(0, client("provision", "--subscribers", "1000", "--balance", "100000000", "--jmx", server.jmxAddress(),
                    "--password", ServerProcess.PASSWORD));

            Thread load = new Thread(() -> client("load", "--port", "" + server.diameterPort, "--subscribers", "1000",
                    "--sessions", "100", "--rate", "1000", "--duration", "12", "--warmup", "1", "--updates", "5",
                    "--octets", "20000", "--timeout-ms", "1000", "--report", dir.resolve("load.json").toString()), "load");
            AtomicBoolean topping = new AtomicBoolean(true);
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicLong refused = new AtomicLong();
            Thread operator = new Thread(() -> {
                try {
                    AccountsMXBean ops = server.accounts();
                    for (int i = 0; topping.get(); i++) {
                        String account = "load-" + ThreadLocalRandom.current().nextInt(1000);
                        String ref = "kill-it-" + i;
                        try {
                            if (ops.topUp(account, 7, ref).startsWith("APPLIED")) {
                                acknowledged.put(ref, account);
                            }
                        } catch (RuntimeException e) {
                            refused.incrementAndGet(); // the server died under the call: not acknowledged
                            return;
                        }
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    refused.incrementAndGet();
                }
            }, "operator");
            load.start();
            operator.start();
            Thread.sleep(5_000 + ThreadLocalRandom.current().nextInt(2_000)); // any phase of the write-behind's cycle
            long killedAt = System.currentTimeMillis();
            server.kill();
            topping.set(false);
            operator.join(30_000);
            load.join(60_000);
            assertTrue(acknowledged.size() > 50, "the operator got through: " + acknowledged.size());

            server.start();
            AccountsMXBean ops = server.accounts();
            assertEquals(List.of(), ops.listAuditFindings(), "every balance equals its ledger");
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                String again = ops.topUp(e.getValue(), 7, e.getKey());
                assertTrue(again.startsWith("DUPLICATE"), "acknowledged top-up " + e.getKey() + " lost: " + again);
            }
            // every record the restart brought back reaches the files; the newest usage among them says what was lost
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> exportedRecords(dir.resolve("ocs-cdr")) == ledgerRecords(ops));
            AtomicLong newestUsage = new AtomicLong();
            new CdrFiles(dir.resolve("ocs-cdr")).read(r -> {
                if (r.type() == LedgerType.USAGE && r.time() < killedAt + 60_000) {
                    newestUsage.accumulateAndGet(r.time(), Math::max);
                }
            });
            long lostMillis = killedAt - newestUsage.get();
            System.out.printf("kill -9 under load: the newest surviving usage record is %d ms older than the kill "
                    + "(write-behind every 500 ms); %d acknowledged top-ups all present%n", lostMillis, acknowledged.size());
            assertTrue(lostMillis >= -100 && lostMillis < 5_000, "charging lost: " + lostMillis + " ms before the kill");
        }
    }

    private static long ledgerRecords(AccountsMXBean ops) {
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += ops.getAccount("load-" + i).ledgerSeq();
        }
        return sum;
    }

    private static long exportedRecords(Path cdr) throws java.io.IOException {
        AtomicLong n = new AtomicLong();
        new CdrFiles(cdr).read(r -> n.incrementAndGet());
        return n.get();
    }
}
