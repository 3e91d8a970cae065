package dev.ocs.diameter.gy;

import dev.ocs.core.domain.SubscriberId;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A gateway that dies without DPR (reset, or a plain close as when its process is killed) comes
 * back under the same Origin-Host and gets service within 10 s; its sessions live on in the grid.
 */
class GatewayReconnectIT {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.core().provisioning().create("reconnect", List.of(SubscriberId.msisdn("491705550001")), 100_000);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void gatewayResetAndBackWithinTenSeconds() throws Exception {
        reconnectAfter(true, "pgw-reset.test.localdomain");
    }

    @Test
    void gatewayClosedWithoutDprAndBackWithinTenSeconds() throws Exception {
        reconnectAfter(false, "pgw-close.test.localdomain");
    }

    private void reconnectAfter(boolean reset, String host) throws Exception {
        String session = host + ";" + System.nanoTime();
        RawGateway first = new RawGateway(server.port, host);
        assertEquals(2001, first.capabilities().avp(268).u32());
        assertEquals(2001, first.exchange(Ccr.of(session, Ccr.INITIAL, 0, "491705550001", Ccr.mscc(1, true, -1)))
                .avp(268).u32());
        if (reset) {
            first.abort();
        } else {
            first.close();
        }

        long deadline = System.nanoTime() + 10_000_000_000L;
        DiameterMessage cea = null;
        RawGateway again = null;
        while (System.nanoTime() < deadline) {
            try {
                again = new RawGateway(server.port, host);
                cea = again.capabilities();
                if (cea.avp(268).u32() == 2001) {
                    break;
                }
            } catch (IOException e) {
                // refused or closed while the server still holds the old connection: try again
            }
            if (again != null) {
                again.close();
            }
            again = null;
            Thread.sleep(200);
        }
        assertNotNull(again, "no CEA 2001 within 10 s after the gateway came back");
        try (RawGateway gw = again) {
            DiameterMessage cca = gw.exchange(Ccr.of(session, Ccr.TERMINATION, 1, null, Ccr.mscc(1, false, 50_000)));
            assertEquals(2001, cca.avp(268).u32(), "the session survived the gateway's restart");
        }
    }
}
