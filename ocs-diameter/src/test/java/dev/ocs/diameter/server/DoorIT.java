package dev.ocs.diameter.server;

import dev.ocs.core.management.Rejections;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Who gets in at the Diameter port (unlisted gateways: PeerPolicyIT): a second connection
 * of one Origin-Host is refused on its own connection, silent connections leave at the CER deadline,
 * and connections are counted in all and per source address.
 */
class DoorIT {

    @Test
    void aSecondConnectionOfOneOriginHostIsRefusedOnItsOwnConnection() throws Exception {
        try (TestServer server = TestServer.start();
             RawGateway first = new RawGateway(server.port, "twin.test.localdomain");
             RawGateway second = new RawGateway(server.port, "twin.test.localdomain")) {
            assertEquals(2001, first.capabilities().avp(268).u32());
            assertEquals(2001, first.watchdog().avp(268).u32());
            DiameterMessage cea = second.capabilities();
            assertEquals(5012, cea.avp(268).u32());
            assertTrue(cea.avp(281).text().contains("already connected"), cea.avp(281).text());
            assertTrue(second.closedByServer());
            assertEquals(0, first.available(), "nothing was sent to the first connection");
            assertEquals(2001, first.watchdog().avp(268).u32(), "the first connection is untouched");
            assertEquals(1, server.core().rejections().get(Rejections.DUPLICATE_PEER));
        }
    }

    @Test
    void fiveHundredSilentConnectionsAreClosedAtTheCerDeadline() throws Exception {
        try (TestServer server = TestServer.start("  cer-timeout-millis: 1000\n  max-connections-per-address: 1000\n")) {
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            List<RawGateway> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    silent.add(new RawGateway(server.port));
                }
                assertTrue(ManagementFactory.getThreadMXBean().getThreadCount() < threadsBefore + 20,
                        "connections are read on virtual threads, not a platform thread each");
                for (RawGateway gw : silent) {
                    assertTrue(gw.closedByServer(), "closed at the 1 s CER deadline (read timeout 10 s)");
                }
            } finally {
                for (RawGateway gw : silent) {
                    gw.close();
                }
            }
            assertEquals(500, server.core().rejections().get(Rejections.CER_TIMEOUT));
            try (RawGateway gw = new RawGateway(server.port, "after.test.localdomain")) {
                assertEquals(2001, gw.capabilities().avp(268).u32());
            }
        }
    }

    @Test
    void aGatewayLetInIsReadAndWrittenByPlatformThreadsOfItsOwn() throws Exception {
        try (TestServer server = TestServer.start();
             RawGateway gw = new RawGateway(server.port, "own.test.localdomain")) {
            String key = "aaa://127.0.0.1:" + gw.localPort();
            assertEquals(0, platformThreads(key), "before its CER a connection has virtual threads only");
            assertEquals(2001, gw.capabilities().avp(268).u32());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> platformThreads(key) == 2);
            assertEquals(2001, gw.watchdog().avp(268).u32(), "served by them");
            gw.close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> platformThreads(key) == 0);
        }
    }

    /** The platform threads reading and writing the connection {@code key} (virtual threads are not listed). */
    private static long platformThreads(String key) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("diameter-read " + key) || t.getName().equals("diameter-write " + key))
                .count();
    }

    @Test
    void aGatewayThatLeavesItsAnswersUnreadIsClosedAndTheOthersAreServed() throws Exception {
        try (TestServer server = TestServer.start();
             RawGateway deaf = new RawGateway(server.port, "deaf.test.localdomain", 4096);
             RawGateway other = new RawGateway(server.port, "other.test.localdomain")) {
            assertEquals(2001, deaf.capabilities().avp(268).u32());
            assertEquals(2001, other.capabilities().avp(268).u32());
            java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 1_000; i++) {
                DiameterMessage dwr = DiameterMessage.request(280, 0, 0)
                        .add(DiameterMessage.utf8(264, "deaf.test.localdomain"), DiameterMessage.utf8(296, RawGateway.ORIGIN_REALM));
                dwr.hopByHop = i;
                dwr.endToEnd = i;
                batch.write(dwr.encode());
            }
            byte[] thousand = batch.toByteArray();
            int sent = 0;
            try {
                // its answers (about 90 bytes each) fill the socket buffers, then the server's queue of 4 MiB
                while (sent < 400 && server.core().rejections().get(Rejections.SLOW_READER) == 0) {
                    deaf.writeRaw(thousand);
                    sent++;
                }
            } catch (java.io.IOException e) {
                // the server closed the connection while we wrote
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> server.core().rejections().get(Rejections.SLOW_READER) == 1);
            assertEquals(2001, other.watchdog().avp(268).u32(), "the other gateway is served");
        }
    }

    /** Whether the server closes (or resets) a fresh connection before anything is sent on it. */
    private static boolean closedAtAccept(int port) throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    @Test
    void connectionsBeyondTheLimitOfAnAddressAreRefusedAtAccept() throws Exception {
        try (TestServer server = TestServer.start("  max-connections-per-address: 3\n")) {
            List<RawGateway> in = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawGateway gw = new RawGateway(server.port, "limit-" + i + ".test.localdomain");
                    assertEquals(2001, gw.capabilities().avp(268).u32());
                    in.add(gw);
                }
                assertTrue(closedAtAccept(server.port), "the fourth connection is closed at accept");
                assertEquals(1, server.core().rejections().get(Rejections.CONNECTION_LIMIT));
                in.remove(0).close();
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                    try (RawGateway again = new RawGateway(server.port, "limit-4.test.localdomain")) {
                        return again.capabilities().avp(268).u32() == 2001;
                    } catch (java.io.IOException e) {
                        return false; // the closed one was not counted out yet
                    }
                });
                for (RawGateway gw : in) {
                    assertEquals(2001, gw.watchdog().avp(268).u32(), "the ones inside were not disturbed");
                }
            } finally {
                for (RawGateway gw : in) {
                    gw.close();
                }
            }
        }
    }
}
