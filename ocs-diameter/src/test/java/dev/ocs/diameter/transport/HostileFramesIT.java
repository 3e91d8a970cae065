package dev.ocs.diameter.transport;

import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

import static dev.ocs.diameter.wire.DiameterMessage.FLAG_R;
import static dev.ocs.diameter.wire.DiameterMessage.grouped;
import static dev.ocs.diameter.wire.DiameterMessage.request;
import static dev.ocs.diameter.wire.DiameterMessage.u32;
import static dev.ocs.diameter.wire.DiameterMessage.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames an attacker sends, against the real server: each is answered as RFC 6733 says or closes the
 * connection, the messages behind a broken one are still served, and afterwards no thread spins.
 */
class HostileFramesIT {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("  cer-timeout-millis: 1000\n  max-message-bytes: 65536\n");
    }

    @AfterAll
    static void stop() throws Exception {
        assertNoThreadSpins();
        server.close();
    }

    private static final java.util.concurrent.atomic.AtomicInteger GATEWAYS = new java.util.concurrent.atomic.AtomicInteger();

    /** A gateway of its own (a second connection of one Origin-Host would be refused as a duplicate). */
    private static RawGateway connected() throws Exception {
        RawGateway gw = new RawGateway(server.port, "hostile-" + GATEWAYS.incrementAndGet() + ".test.localdomain");
        assertEquals(2001, gw.capabilities().avp(268).u32());
        return gw;
    }

    /** A CCR whose last AVP (an OctetString of 1 byte) has no padding: 137 bytes, as the probe found. */
    static byte[] unpaddedLastAvp() {
        DiameterMessage ccr = request(272, 4, 0x40).add(utf8(263, "pgw;hostile;1"), utf8(264, RawGateway.ORIGIN_HOST),
                utf8(296, RawGateway.ORIGIN_REALM), utf8(283, "localdomain"), u32(258, 4), u32(416, 1), u32(415, 0));
        byte[] padded = ccr.encode();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(padded, 0, padded.length);
        b.write(new byte[] {0, 0, 3, (byte) 0xE8, 0, 0, 0, 9, 7}, 0, 9); // AVP 1000, 9 bytes, its 3 padding bytes missing
        byte[] frame = b.toByteArray();
        frame[1] = (byte) (frame.length >>> 16);
        frame[2] = (byte) (frame.length >>> 8);
        frame[3] = (byte) frame.length;
        return frame;
    }

    @Test
    void theUnpaddedFrameThatSpunAThreadClosesItsConnectionOnly() throws Exception {
        byte[] frame = unpaddedLastAvp();
        try (RawGateway gw = connected()) {
            gw.writeRaw(frame);
            assertTrue(gw.closedByServer(), "a length that is not a multiple of 4 cannot be framed");
        }
        try (RawGateway beforeCer = new RawGateway(server.port)) {
            beforeCer.writeRaw(frame);
            assertTrue(beforeCer.closedByServer(), "before the CER too");
        }
        try (RawGateway fresh = connected()) {
            assertEquals(2001, fresh.watchdog().avp(268).u32(), "others are served");
        }
    }

    @Test
    void aGroupedAvpWhoseLastAvpLacksPaddingIsAnswered5014AndTheConnectionGoesOn() throws Exception {
        try (RawGateway gw = connected()) {
            // MSCC = Rating-Group (12 bytes) + a 9-byte AVP without its 3 padding bytes: 29 bytes, padded to 32 outside
            DiameterMessage.Avp broken = new DiameterMessage.Avp(456, 0x40, 0,
                    new byte[] {0, 0, 1, (byte) 0xB0, 0x40, 0, 0, 12, 0, 0, 0, 1, 0, 0, 3, 0x20, 0, 0, 0, 9, 7});
            DiameterMessage ccr = request(272, 4, 0x40).add(utf8(263, "pgw;hostile;2"), utf8(264, RawGateway.ORIGIN_HOST),
                    utf8(296, RawGateway.ORIGIN_REALM), utf8(283, "localdomain"), u32(258, 4), u32(416, 1), u32(415, 0),
                    broken);
            DiameterMessage answer = gw.exchange(ccr);
            assertEquals(5014, answer.avp(268).u32());
            assertEquals(456, answer.avp(279).group().get(0).code, "Failed-AVP names the grouped AVP");
            assertEquals(2001, gw.watchdog().avp(268).u32(), "the connection goes on");
        }
    }

    @Test
    void aGarbageFrameInAPipelineIsAnsweredAndTheRequestsBehindItAreServed() throws Exception {
        try (RawGateway gw = connected()) {
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            Map<Integer, Boolean> expected = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                if (i == 5) {
                    byte[] garbage = new byte[40];
                    for (int k = 20; k < 40; k++) {
                        garbage[k] = (byte) (0xA5 ^ k);
                    }
                    garbage[0] = 1;
                    garbage[3] = 40;
                    garbage[4] = (byte) FLAG_R;
                    garbage[7] = (byte) 280;
                    garbage[15] = 99; // hop-by-hop 99
                    pipeline.write(garbage, 0, 40);
                    expected.put(99, false);
                }
                DiameterMessage dwr = request(280, 0, 0).add(utf8(264, RawGateway.ORIGIN_HOST), utf8(296, RawGateway.ORIGIN_REALM));
                dwr.hopByHop = 1000 + i;
                dwr.endToEnd = 1000 + i;
                byte[] bytes = dwr.encode();
                pipeline.write(bytes, 0, bytes.length);
                expected.put(1000 + i, false);
            }
            gw.writeRaw(pipeline.toByteArray());
            for (int n = 0; n < expected.size(); n++) {
                DiameterMessage m = gw.next();
                assertTrue(expected.containsKey(m.hopByHop), "unexpected answer " + m.hopByHop);
                expected.put(m.hopByHop, true);
                if (m.hopByHop == 99) {
                    assertTrue(m.avp(268).u32() >= 3000, "the garbage request gets an error answer");
                } else {
                    assertEquals(2001, m.avp(268).u32());
                }
            }
            assertTrue(expected.values().stream().allMatch(b -> b), "every request answered: " + expected);
        }
    }

    @Test
    void aMessageOfFourMegabytesClosesTheConnectionAtItsHeader() throws Exception {
        try (RawGateway gw = connected()) {
            byte[] header = new byte[20];
            int length = 4 << 20;
            header[0] = 1;
            header[1] = (byte) (length >>> 16);
            header[2] = (byte) (length >>> 8);
            header[3] = (byte) length;
            header[4] = (byte) FLAG_R;
            header[7] = (byte) 272;
            gw.writeRaw(header);
            assertTrue(gw.closedByServer(), "refused at the header, before 4 MB are buffered");
        }
    }

    @Test
    void lengthsBelowTheHeaderCloseTheConnection() throws Exception {
        for (int length : new int[] {0, 8, 16}) {
            try (RawGateway gw = connected()) {
                gw.writeRaw(new byte[] {1, 0, 0, (byte) length, (byte) FLAG_R, 0, 1, 24, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1});
                assertTrue(gw.closedByServer(), "length " + length);
            }
        }
    }

    @Test
    void silentConnectionsAreClosedAtTheCerDeadline() throws Exception {
        RawGateway[] silent = new RawGateway[50];
        for (int i = 0; i < silent.length; i++) {
            silent[i] = new RawGateway(server.port);
        }
        for (RawGateway gw : silent) {
            assertTrue(gw.closedByServer(), "closed within the 1 s CER deadline (read timeout 10 s)");
            gw.close();
        }
    }

    /** No thread of this JVM (the server's included) burns more than a third of a core over two seconds. */
    static void assertNoThreadSpins() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> before = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
        }
        Thread.sleep(2_000);
        for (long id : threads.getAllThreadIds()) {
            Long was = before.get(id);
            long now = threads.getThreadCpuTime(id);
            if (was != null && was >= 0 && now >= 0) {
                var info = threads.getThreadInfo(id);
                assertTrue(now - was < 700_000_000L, "thread " + (info == null ? id : info.getThreadName())
                        + " spent " + (now - was) / 1_000_000 + " ms of CPU in 2 s");
            }
        }
    }
}
