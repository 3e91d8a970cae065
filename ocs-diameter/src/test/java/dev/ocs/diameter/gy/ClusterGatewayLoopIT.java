package dev.ocs.diameter.gy;

import dev.ocs.core.domain.SubscriberId;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.ocs.diameter.wire.Ccr.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Two OCS nodes in one grid: the gateway is connected to B, the operator tops up on A, and the RAR
 * still reaches the gateway (through B, which holds its connection).
 */
class ClusterGatewayLoopIT {

    @Test
    void aTopUpOnOneNodeReauthorisesASessionWhoseGatewayIsOnTheOther() throws Exception {
        int[] grid = {TestServer.freePort(), TestServer.freePort()};
        String cluster = "ocs-it-pair-" + grid[0];
        try (TestServer a = TestServer.member(cluster, grid, 0); TestServer b = TestServer.member(cluster, grid, 1);
             RawGateway gw = new RawGateway(b.port)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.core().grid().members() == 2 && b.core().grid().members() == 2);
            assertEquals(2001, gw.capabilities().avp(268).u32());
            a.core().provisioning().create("pair", List.of(SubscriberId.msisdn("491707770009")), 1_500);
            String s = "pgw.test.localdomain;pair;1";
            assertEquals(2001, gw.exchange(Ccr.of(s, INITIAL, 0, "491707770009", Ccr.mscc(1, true, -1))).avp(268).u32());
            gw.exchange(Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 1_000_000)));
            DiameterMessage out = gw.exchange(Ccr.of(s, UPDATE, 2, null, Ccr.mscc(1, true, 500_000)));
            assertEquals(4012, out.all(456).get(0).child(268).u32());
            await().atMost(Duration.ofSeconds(10)).until(() -> a.core().grid().signals().reachable(RawGateway.ORIGIN_HOST));

            a.core().provisioning().topUp("pair", 2_000, "voucher-pair");
            DiameterMessage rar = gw.next();
            assertEquals(258, rar.command);
            assertEquals(s, rar.avp(263).text());
            gw.answer(rar);
            await().atMost(Duration.ofSeconds(10)).until(() -> b.core().provisioning().gatewayRequests().get("rar-answered") == 1);
            assertEquals(0, a.core().provisioning().gatewayRequests().get("rar-sent"), "A does not hold the gateway");
            DiameterMessage granted = gw.exchange(Ccr.of(s, UPDATE, 3, null, Ccr.mscc(1, true, 0)));
            assertEquals(1_000_000, granted.all(456).get(0).child(431).child(421).u64());
        }
    }
}
