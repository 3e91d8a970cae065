package dev.ocs.client.durability;

import dev.ocs.client.gy.Answer;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.ledger.CdrFiles;
import dev.ocs.api.AccountView;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.core.store.jdbc.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server process stopped with SIGTERM or killed with SIGKILL, on the embedded SQLite file
 * and on a real PostgreSQL, then started again on the same configuration: accounts, balances,
 * buckets, operator references, status, identities and open sessions come back; the open session
 * is charged exactly on its next CCR-U; the ledger audit is clean; the CDR files hold every record
 * once, without gaps.
 */
class RestartIT {

    private static final AtomicInteger CASES = new AtomicInteger();
    private static PostgresCluster pg;

    @TempDir
    Path dir;

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    static String persistence(String backend, Path dir, int n) throws Exception {
        if (backend.equals("sqlite")) {
            return "{backend: sqlite, sqlite-file: '" + dir.resolve("ocs.db") + "'}";
        }
        synchronized (RestartIT.class) {
            if (pg == null) {
                pg = PostgresCluster.start();
            }
        }
        return "{backend: postgresql, url: '" + pg.createDatabase("restart_" + n) + "', user: ocs}";
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"sqlite, SIGTERM", "sqlite, SIGKILL", "postgresql, SIGTERM", "postgresql, SIGKILL"})
    void everythingAnOperatorOrAGatewayWasToldComesBack(String backend, String stop) throws Exception {
        int n = CASES.incrementAndGet();
        String grid = "{cluster-name: restart-it-" + ProcessHandle.current().pid() + "-" + n + ", port: "
                + ServerProcess.freePort() + ", backup-count: 0}";
        try (ServerProcess server = ServerProcess.configure(dir, "ocs", grid, persistence(backend, dir, n)).start()) {
            AccountsMXBean ops = server.accounts();
            ops.createAccount("r-1", List.of("e164:491705550001"), 10_000);
            assertTrue(ops.topUp("r-1", 500, "ref-1").startsWith("APPLIED"));
            assertTrue(ops.buyBundle("r-1", "day-1GB", "web-1").startsWith("APPLIED"));
            ops.addSubscriber("r-1", "imsi:262015550000001");
            ops.createAccount("r-2", List.of("e164:491705550002"), 300);
            ops.bar("r-2");
            ops.createAccount("r-3", List.of("e164:491705550003"), 1);
            ops.deleteAccount("r-3");
            ops.createAccount("r-4", List.of("e164:491705550004"), 5_000);

            String session = "gw.restart;" + n + ";" + System.nanoTime();
            try (Gateway gw = new Gateway(server.diameterPort, "gw" + n + ".localdomain")) {
                assertEquals(2001, gw.send(Gateway.initial(session, "491705550004", 1)).resultCode());
                assertEquals(2001, gw.send(Gateway.update(session, 1, "491705550004", 1, 250_000)).resultCode());
            }
            long charged = System.currentTimeMillis();
            // charging reaches the store by the write-behind: wait for it (operator changes were durable at once)
            await().atMost(Duration.ofSeconds(20)).until(() -> server.stats().getStoreQueue() == 0
                    && server.stats().getStoreLastFlush() > charged);

            Map<String, AccountView> before = new HashMap<>();
            for (String id : List.of("r-1", "r-2", "r-4")) {
                before.put(id, ops.getAccount(id));
            }
            assertEquals(List.of(session), before.get("r-4").openSessions());
            assertEquals(4_750, before.get("r-4").balance(), "250 debited for 250,000 octets");

            if (stop.equals("SIGTERM")) {
                server.terminate();
            } else {
                server.kill();
            }
            server.start();
            assertTrue(server.currentRunLog().contains("after loading from"), "the start-up load is logged");

            ops = server.accounts();
            for (String id : before.keySet()) {
                assertEquals(before.get(id), ops.getAccount(id), id);
            }
            assertEquals("BARRED", ops.getAccount("r-2").status());
            assertEquals("r-1", ops.findAccount("imsi:262015550000001"));
            assertEquals("r-1", ops.findAccount("e164:491705550001"));
            AccountsMXBean after = ops;
            assertThrows(RuntimeException.class, () -> after.getAccount("r-3"), "deleted stays deleted");
            assertTrue(ops.topUp("r-1", 500, "ref-1").startsWith("DUPLICATE"), "a repeated reference is recognised");
            assertTrue(ops.buyBundle("r-1", "day-1GB", "web-1").startsWith("DUPLICATE"));
            assertEquals(10_500 - 199, ops.getAccount("r-1").balance());

            try (Gateway gw = new Gateway(server.diameterPort, "gw" + n + ".localdomain")) {
                Answer u = gw.send(Gateway.update(session, 2, "491705550004", 1, 100_000));
                assertEquals(2001, u.resultCode(), "the session opened before the restart goes on");
                assertEquals(4_650, ops.getAccount("r-4").balance(), "exactly 100 more for 100,000 octets");
                assertEquals(2001, gw.send(Gateway.terminate(session, 3, "491705550004", 1, 0)).resultCode());
            }
            assertEquals(List.of(), ops.getAccount("r-4").openSessions());
            assertEquals(List.of(), ops.listAuditFindings());
            // the last records reach the files once the store holds them (the exporter never runs ahead of it)
            AccountsMXBean o = ops;
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertCdrFilesHoldEveryRecordOnce(dir.resolve("ocs-cdr"), o));
            server.terminate();
        }
    }

    /** Every record of every live account exactly once (no line written twice), sequences without gaps. */
    static void assertCdrFilesHoldEveryRecordOnce(Path cdr, AccountsMXBean ops) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(cdr)) {
            for (Path f : files.sorted().toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(lines::add);
            }
        }
        Set<String> distinct = new HashSet<>(lines);
        assertEquals(distinct.size(), lines.size(), "a CDR line written twice");
        Map<String, Set<Long>> seqs = new HashMap<>();
        new CdrFiles(cdr).read((LedgerRecord r) -> seqs.computeIfAbsent(r.accountId(), k -> new HashSet<>()).add(r.seq()));
        for (Map.Entry<String, Set<Long>> e : seqs.entrySet()) {
            long max = e.getValue().stream().mapToLong(Long::longValue).max().orElse(0);
            assertEquals(max, e.getValue().size(), e.getKey() + ": a gap in the exported sequence");
        }
        for (String id : List.of("r-1", "r-2", "r-4")) {
            assertEquals(ops.getAccount(id).ledgerSeq(), seqs.get(id).size(), id + ": every record exported");
        }
    }
}
