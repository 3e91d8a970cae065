package dev.ocs.diameter.transport;

import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.DiameterMessage.Avp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.ocs.diameter.wire.DiameterMessage.grouped;
import static dev.ocs.diameter.wire.DiameterMessage.request;
import static dev.ocs.diameter.wire.DiameterMessage.u32;
import static dev.ocs.diameter.wire.DiameterMessage.u64;
import static dev.ocs.diameter.wire.DiameterMessage.utf8;

/**
 * Hostile Diameter frames from a seed: well-formed CCRs, DWRs and CERs for the subscribers it is
 * given, then mutated: bit flips, truncations, lying lengths, AVPs without their padding at the end
 * of the message or of a grouped AVP, zero and huge AVP lengths, deep nesting, oversized messages and
 * overflowing values. The same seed gives the same frames.
 */
public final class FrameFuzzer {

    private final Random random;
    private final List<String> msisdns;
    private final String originHost;
    private int sessions;

    public FrameFuzzer(long seed, List<String> msisdns, String originHost) {
        this.random = new Random(seed);
        this.msisdns = List.copyOf(msisdns);
        this.originHost = originHost;
    }

    /**
     * Writes {@code frames} frames over fresh connections (a new one each time the server closes one,
     * answers drained and dropped); answers how many frames were written and over how many connections.
     */
    public int[] sendTo(int port, int frames) throws IOException, InterruptedException {
        int sent = 0;
        int connections = 0;
        while (sent < frames) {
            connections++;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setTcpNoDelay(true);
                Thread drain = Thread.ofVirtual().start(() -> {
                    try (InputStream in = s.getInputStream()) {
                        byte[] sink = new byte[8192];
                        while (in.read(sink) >= 0) {
                            // answers and error answers: read so that the server's writes never block
                        }
                    } catch (IOException ignored) {
                        // closed by the server: the next connection goes on
                    }
                });
                OutputStream out = s.getOutputStream();
                try {
                    for (int i = 0; i < 200 && sent < frames; i++) {
                        out.write(next());
                        sent++;
                    }
                    out.flush();
                } catch (IOException closedByServer) {
                    // expected for frames that cannot be framed
                }
                s.shutdownOutput();
                drain.join(5_000);
            } catch (IOException e) {
                Thread.sleep(10); // refused while the server catches up: try again
            }
        }
        return new int[] {sent, connections};
    }

    /** The next frame, as bytes to write (not always one whole message: truncated and lying frames are the point). */
    public byte[] next() {
        byte[] base = base().encode();
        return switch (random.nextInt(12)) {
            case 0 -> base; // well-formed
            case 1 -> flipBits(base);
            case 2 -> truncate(base);
            case 3 -> lieAboutLength(base);
            case 4 -> unpaddedAtTheEnd(base);
            case 5 -> unpaddedInsideAGroup();
            case 6 -> avpLength(base, random.nextBoolean() ? 0 : 0xFFFFFF);
            case 7 -> deepNesting();
            case 8 -> oversized();
            case 9 -> overflowingValues();
            case 10 -> headerBits(base);
            default -> flipBits(flipBits(base));
        };
    }

    private DiameterMessage base() {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return request(280, 0, 0).add(utf8(264, originHost), utf8(296, "test.localdomain"));
        }
        if (kind == 1) {
            return request(257, 0, 0).add(utf8(264, originHost), utf8(296, "test.localdomain"),
                    new Avp(257, 0x40, 0, new byte[] {0, 1, 127, 0, 0, 1}), u32(266, 0), utf8(269, "fuzz"), u32(258, 4),
                    grouped(260, u32(266, 10415), u32(258, 4)));
        }
        String session = originHost + ";fuzz;" + (++sessions % 64);
        int type = 1 + random.nextInt(4);
        DiameterMessage m = request(272, 4, 0x40).add(utf8(263, session), utf8(264, originHost),
                utf8(296, "test.localdomain"), utf8(283, "localdomain"), u32(258, 4), utf8(461, "32251@3gpp.org"),
                u32(416, type), u32(415, random.nextInt(4)));
        m.add(grouped(443, u32(450, 0), utf8(444, msisdns.get(random.nextInt(msisdns.size())))));
        m.add(u32(455, 1));
        for (int i = random.nextInt(3); i >= 0; i--) {
            List<Avp> parts = new ArrayList<>();
            if (random.nextBoolean()) {
                parts.add(grouped(437));
            }
            if (random.nextBoolean()) {
                parts.add(grouped(446, u64(421, random.nextInt(2_000_000))));
            }
            parts.add(u32(432, 1 + random.nextInt(3)));
            m.add(grouped(456, parts.toArray(new Avp[0])));
        }
        return m;
    }

    private byte[] flipBits(byte[] b) {
        byte[] c = b.clone();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            int at = random.nextInt(c.length);
            c[at] ^= (byte) (1 << random.nextInt(8));
        }
        return c;
    }

    private byte[] truncate(byte[] b) {
        return Arrays.copyOf(b, 1 + random.nextInt(b.length - 1));
    }

    private byte[] lieAboutLength(byte[] b) {
        byte[] c = b.clone();
        int lie = random.nextBoolean() ? random.nextInt(c.length) : c.length + 4 * (1 + random.nextInt(64));
        c[1] = (byte) (lie >>> 16);
        c[2] = (byte) (lie >>> 8);
        c[3] = (byte) lie;
        return c;
    }

    /** The probe's finding: an AVP whose length is not a multiple of 4 and whose padding is missing at the very end. */
    private byte[] unpaddedAtTheEnd(byte[] b) {
        int extra = 1 + random.nextInt(3);
        byte[] c = Arrays.copyOf(b, b.length + 8 + extra);
        int at = b.length;
        c[at + 2] = 3;
        c[at + 3] = (byte) 0xE8; // AVP 1000
        c[at + 7] = (byte) (8 + extra);
        setLength(c, c.length);
        return c;
    }

    private byte[] unpaddedInsideAGroup() {
        DiameterMessage m = base();
        int extra = 1 + random.nextInt(3);
        byte[] inner = new byte[12 + 8 + extra];
        inner[2] = 1;
        inner[3] = (byte) 0xB0; // Rating-Group 432
        inner[4] = 0x40;
        inner[7] = 12;
        inner[11] = 1;
        inner[14] = 3;
        inner[15] = (byte) 0xE8;
        inner[19] = (byte) (8 + extra);
        m.add(new Avp(456, 0x40, 0, inner));
        return m.encode();
    }

    private byte[] avpLength(byte[] b, int length) {
        byte[] c = b.clone();
        if (c.length >= 28) {
            c[25] = (byte) (length >>> 16);
            c[26] = (byte) (length >>> 8);
            c[27] = (byte) length;
        }
        return c;
    }

    private byte[] deepNesting() {
        Avp inner = u32(432, 1);
        for (int i = 0; i < 12 + random.nextInt(40); i++) {
            inner = grouped(456, inner);
        }
        return base().add(inner).encode();
    }

    private byte[] oversized() {
        byte[] c = new byte[(64 << 10) + 4 * (1 + random.nextInt(16 << 10))];
        random.nextBytes(c);
        c[0] = 1;
        setLength(c, c.length);
        c[4] = (byte) 0x80;
        return c;
    }

    private byte[] overflowingValues() {
        DiameterMessage m = base();
        m.add(grouped(456, grouped(437, u64(421, -1L)), grouped(446, u64(421, Long.MAX_VALUE)),
                grouped(446, u64(421, Long.MAX_VALUE)), u32(432, 0xFFFF_FFFFL)));
        m.add(u32(415, 0xFFFF_FFFFL));
        return m.encode();
    }

    private byte[] headerBits(byte[] b) {
        byte[] c = b.clone();
        c[4] = (byte) (c[4] | (1 << random.nextInt(8)));
        return c;
    }

    private static void setLength(byte[] c, int length) {
        c[1] = (byte) (length >>> 16);
        c[2] = (byte) (length >>> 8);
        c[3] = (byte) length;
    }
}
