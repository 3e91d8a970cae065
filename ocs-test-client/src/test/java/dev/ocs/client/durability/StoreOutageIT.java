package dev.ocs.client.durability;

import dev.ocs.client.gy.Answer;
import dev.ocs.api.AccountView;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.core.store.jdbc.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PostgreSQL server goes away under a running OCS: statistics and the log say so; an operator
 * change is refused with a message and changes nothing; charging goes on from memory. When the
 * database is back everything reaches it: a SIGKILL then loses nothing.
 */
class StoreOutageIT {

    @TempDir
    Path dir;

    @Test
    void chargingGoesOnOperatorChangesAreRefusedAndNothingIsLostWhenTheDatabaseReturns() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start()) {
            String grid = "{cluster-name: outage-it-" + ProcessHandle.current().pid() + ", port: " + ServerProcess.freePort()
                    + ", backup-count: 0}";
            try (ServerProcess server = ServerProcess.configure(dir, "ocs", grid,
                    "{backend: postgresql, url: '" + pg.jdbcUrl() + "', user: ocs, connect-timeout-millis: 1000}").start();
                 Gateway gw = new Gateway(server.diameterPort, "gw.outage.localdomain")) {
                AccountsMXBean ops = server.accounts();
                ops.createAccount("o-1", List.of("e164:491705559001"), 10_000);
                String session = "gw.outage;1;" + System.nanoTime();
                assertEquals(2001, gw.send(Gateway.initial(session, "491705559001", 1)).resultCode());
                assertEquals(2001, gw.send(Gateway.update(session, 1, "491705559001", 1, 100_000)).resultCode());

                pg.stopServer();
                await().atMost(Duration.ofSeconds(30)).until(() -> server.stats().getStoreState().startsWith("FAILING"));
                assertTrue(server.currentRunLog().contains("cannot be written"), "the log says so");
                RuntimeException refused = assertThrows(RuntimeException.class, () -> ops.topUp("o-1", 500, "out-1"));
                assertTrue(String.valueOf(refused.getMessage()).contains("Nothing was changed"), refused.getMessage());
                assertEquals(9_900, ops.getAccount("o-1").balance(), "the refused top-up changed nothing");

                Answer during = gw.send(Gateway.update(session, 2, "491705559001", 1, 200_000));
                assertEquals(2001, during.resultCode(), "charging goes on from memory");
                assertEquals(2001, gw.send(Gateway.terminate(session, 3, "491705559001", 1, 50_000)).resultCode());
                assertEquals(9_650, ops.getAccount("o-1").balance());
                assertTrue(server.stats().getStoreQueue() > 0, "the changes wait for the database");
                assertTrue(server.stats().getStoreErrors() > 0);

                pg.startServer();
                await().atMost(Duration.ofSeconds(30)).until(() -> server.stats().getStoreState().equals("OK")
                        && server.stats().getStoreQueue() == 0);
                assertTrue(ops.topUp("o-1", 500, "out-1").startsWith("APPLIED"), "operator changes are taken again");
                AccountView before = ops.getAccount("o-1");

                server.kill();
                server.start();
                AccountsMXBean after = server.accounts();
                assertEquals(before, after.getAccount("o-1"), "what was charged during the outage reached the database");
                assertEquals(List.of(), after.listAuditFindings());
                server.terminate();
            }
        }
    }
}
