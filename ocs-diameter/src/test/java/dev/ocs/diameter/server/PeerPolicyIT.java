package dev.ocs.diameter.server;

import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Who may connect, and how the server leaves: the production peer list, and DPR at shutdown. */
class PeerPolicyIT {

    @Test
    void productionConfigServesListedGatewaysAndRefusesOthers() throws Exception {
        String peers = "  accept-undefined-peers: false\n  peers: [aaa://allowed.test.localdomain:3868]\n"
                + "  peer-realm: test.localdomain\n";
        try (TestServer server = TestServer.start(peers)) {
            try (RawGateway allowed = new RawGateway(server.port, "allowed.test.localdomain")) {
                assertEquals(2001, allowed.capabilities().avp(268).u32());
                assertEquals(2001, allowed.watchdog().avp(268).u32());
            }
            try (RawGateway stranger = new RawGateway(server.port, "stranger.test.localdomain")) {
                DiameterMessage cea = stranger.capabilities(); // jdiameter closed the connection without a word
                assertEquals(257, cea.command);
                assertEquals(3010, cea.avp(268).u32(), "DIAMETER_UNKNOWN_PEER");
                assertTrue((cea.flags & DiameterMessage.FLAG_E) != 0, "a protocol error carries the E bit");
                assertEquals("ocs.localdomain", cea.avp(264).text());
                assertNotNull(cea.avp(257), "Host-IP-Address");
                assertNotNull(cea.avp(269), "Product-Name");
                assertTrue(stranger.closedByServer());
            }
            assertEquals(1, server.core().rejections().get(dev.ocs.core.management.Rejections.UNKNOWN_PEER));
        }
    }

    @Test
    void shutdownSendsDisconnectPeerRequest() throws Exception {
        TestServer server = TestServer.start();
        try (RawGateway gw = new RawGateway(server.port)) {
            assertEquals(2001, gw.capabilities().avp(268).u32());
            // a watchdog answered means the server's side of the peer is fully up (its state machine
            // has taken the CEA); a shutdown racing the capabilities exchange may close without a DPR
            assertEquals(2001, gw.watchdog().avp(268).u32());
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            DiameterMessage dpr = gw.next();
            assertEquals(282, dpr.command, "Disconnect-Peer-Request");
            assertTrue((dpr.flags & DiameterMessage.FLAG_R) != 0);
            assertNotNull(dpr.avp(273), "Disconnect-Cause");
            gw.answer(dpr);
            stopping.get(30, TimeUnit.SECONDS);
        }
    }
}
