package dev.ocs.diameter.transport;

import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 20,000 hostile frames from a seeded generator against the real server, over as many connections as
 * the server closes: afterwards no thread spins, a fresh gateway is served, the accounts the fuzz did
 * not name are untouched and the ledger audit is clean. (A longer run: bench/fuzz-bench.sh.)
 */
class FuzzIT {

    static final int FRAMES = 20_000;
    static final long SEED = 20_261_130L;

    @Test
    void twentyThousandHostileFramesLeaveTheServerIdleServingAndBalanced() throws Exception {
        try (TestServer server = TestServer.start("  cer-timeout-millis: 2000\n")) {
            List<String> named = new ArrayList<>();
            Map<String, Long> bystanders = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                String msisdn = String.valueOf(491771000000L + i);
                server.core().provisioning().create("fuzz-" + i, List.of(SubscriberId.msisdn(msisdn)), 1_000_000);
                named.add(msisdn);
                server.core().provisioning().create("bystander-" + i,
                        List.of(SubscriberId.msisdn(String.valueOf(491772000000L + i))), 5_000 + i);
                bystanders.put("bystander-" + i, 5_000L + i);
            }
            long t0 = System.nanoTime();
            int[] done = new FrameFuzzer(SEED, named, "fuzz.test.localdomain").sendTo(server.port, FRAMES);
            System.out.printf("fuzz: %d frames over %d connections in %d ms%n", done[0], done[1],
                    (System.nanoTime() - t0) / 1_000_000);
            Thread.sleep(3_000); // let the server finish what it read

            HostileFramesIT.assertNoThreadSpins();
            try (RawGateway fresh = new RawGateway(server.port, "after-fuzz.test.localdomain")) {
                assertEquals(2001, fresh.capabilities().avp(268).u32(), "a fresh gateway is served");
                assertEquals(2001, fresh.watchdog().avp(268).u32());
            }
            bystanders.forEach((id, balance) -> assertEquals(balance,
                    server.core().grid().accounts().get(id).balance(), id + " was not named by the fuzz"));
            server.core().exporter().exportPending();
            assertEquals(List.of(), LedgerAudit.audit(server.core().grid().accounts(), server.cdrFiles()));
            assertTrue(done[0] >= FRAMES);
        }
    }
}
