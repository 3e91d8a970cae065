package dev.ocs.diameter.transport;

import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Our encoder writes exactly the bytes of jdiameter's, for every shape of message a Gy server sends. */
class MessageEncoderTest {

    private final MessageParser jdiameter = new MessageParser();

    private byte[] theirs(IMessage m) throws Exception {
        ByteBuffer b = jdiameter.encodeMessage(m);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    @Test
    void aCreditControlAnswerEncodesToJdiametersBytes() throws Exception {
        IMessage m = jdiameter.createEmptyMessage(272, 4);
        m.setRequest(false);
        m.setProxiable(true);
        m.setHopByHopIdentifier(0x9abcdef0L); // above 2^31: written as the unsigned value it is
        m.setEndToEndIdentifier(0xfedcba98L);
        AvpSet a = m.getAvps();
        a.addAvp(263, "gw.example.net;1234567890;42;7", true, false, false);
        a.addAvp(268, 2001L, true, false, true);
        a.addAvp(264, "ocs.example.net", true, false, true);
        a.addAvp(296, "example.net", true, false, true);
        a.addAvp(258, 4L, true, false, true);
        a.addAvp(416, 2, true, false);
        a.addAvp(415, 3L, true, false, true);
        AvpSet mscc = a.addGroupedAvp(456, true, false);
        AvpSet gsu = mscc.addGroupedAvp(431, true, false);
        gsu.addAvp(421, 1_000_000L, true, false);
        mscc.addAvp(432, 10L, true, false, true);
        mscc.addAvp(448, 3600L, true, false, true);
        mscc.addAvp(268, 2001L, true, false, true);
        AvpSet fui = mscc.addGroupedAvp(430, true, false);
        fui.addAvp(449, 0, true, false);
        a.addAvp(1, "abc", 10415, true, false, false); // vendor-specific, 3 octets: padded
        a.addAvp(281, "", false, false, false); // empty data
        assertArrayEquals(theirs(m), MessageEncoder.encode(m));
    }

    @Test
    void messagesOfEveryShapeEncodeToJdiametersBytes() throws Exception {
        Random r = new Random(12);
        for (int n = 0; n < 2_000; n++) {
            IMessage m = jdiameter.createEmptyMessage(r.nextBoolean() ? 272 : 258, r.nextInt(5));
            m.setRequest(r.nextBoolean());
            m.setProxiable(r.nextBoolean());
            m.setError(r.nextInt(10) == 0);
            m.setHopByHopIdentifier(r.nextLong() & 0xffffffffL);
            m.setEndToEndIdentifier(r.nextLong() & 0xffffffffL);
            fill(m.getAvps(), r, 0);
            assertArrayEquals(theirs(m), MessageEncoder.encode(m), "message " + n);
        }
    }

    /** A message as read from the wire holds its grouped AVPs as raw bytes: they go out unchanged. */
    @Test
    void aDecodedMessageEncodesToTheBytesItWasReadFrom() throws Exception {
        Random r = new Random(34);
        for (int n = 0; n < 200; n++) {
            IMessage m = jdiameter.createEmptyMessage(272, 4);
            fill(m.getAvps(), r, 0);
            byte[] wire = theirs(m);
            IMessage read = jdiameter.createMessage(ByteBuffer.wrap(wire));
            assertArrayEquals(wire, MessageEncoder.encode(read), "message " + n);
        }
    }

    private static void fill(AvpSet set, Random r, int depth) {
        int count = r.nextInt(depth == 0 ? 12 : 5);
        for (int i = 0; i < count; i++) {
            int code = 1 + r.nextInt(2_000);
            long vendor = r.nextInt(4) == 0 ? 10415 : 0;
            boolean m = r.nextBoolean();
            boolean p = r.nextInt(8) == 0;
            switch (r.nextInt(depth < 3 ? 5 : 4)) {
                case 0 -> set.addAvp(code, r.nextLong() & 0xffffffffL, vendor, m, p, true);
                case 1 -> set.addAvp(code, r.nextLong(), vendor, m, p, false);
                case 2 -> {
                    byte[] b = new byte[r.nextInt(9)];
                    r.nextBytes(b);
                    set.addAvp(code, b, vendor, m, p);
                }
                case 3 -> set.addAvp(code, "s".repeat(r.nextInt(7)) + new String(new byte[] {(byte) ('a' + r.nextInt(26))},
                        StandardCharsets.US_ASCII), vendor, m, p, r.nextBoolean());
                default -> fill(set.addGroupedAvp(code, vendor, m, p), r, depth + 1);
            }
        }
    }
}
