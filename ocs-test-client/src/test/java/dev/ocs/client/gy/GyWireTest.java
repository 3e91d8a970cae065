package dev.ocs.client.gy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The CCR writer checked byte by byte against RFC 6733 framing, and the CCA reader on a hand-built answer. */
class GyWireTest {

    private final GyWriter writer = new GyWriter("gw.test.localdomain", "localdomain", "localdomain");

    @Test
    void ccrIsFramedWithPaddedAvpsAndCorrectLengths() {
        ByteBuf b = Unpooled.buffer();
        writer.ccr(b, new CcRequest("gw;1;2", CcRequest.Type.UPDATE, 3, "491790000001",
                List.of(new CcRequest.Mscc(1, true, 12_345), new CcRequest.Mscc(2, false, 7))), 0x11223344, 0x55667788);
        assertEquals(1, b.getByte(0), "version");
        assertEquals(b.readableBytes(), b.getInt(0) & 0xFFFFFF, "message length");
        assertEquals(0, b.readableBytes() % 4);
        assertEquals(0xC0, b.getByte(4) & 0xFF, "R and P flags");
        assertEquals(272, b.getInt(4) & 0xFFFFFF);
        assertEquals(4, b.getInt(8));
        assertEquals(0x11223344, b.getInt(12));
        String trace = Trace.of(b);
        assertTrue(trace.contains("Session-Id: gw;1;2"), trace);
        assertTrue(trace.contains("CC-Request-Type: 2"), trace);
        assertTrue(trace.contains("CC-Request-Number: 3"), trace);
        assertTrue(trace.contains("Subscription-Id-Data: 491790000001"), trace);
        assertTrue(trace.contains("CC-Total-Octets: 12345"), trace);
        assertFalse(trace.contains("malformed"), trace);
        assertEquals(1, trace.split("Requested-Service-Unit", -1).length - 1, "asked for RG 1 only");
    }

    @Test
    void answerReaderFindsResultGrantsAndFinalUnits() {
        ByteBuf b = Unpooled.buffer();
        // an answer built with the writer's primitives: header, Result-Code, CC-Request-Number, two MSCCs
        b.writeInt(0).writeInt(272).writeInt(4).writeInt(99).writeInt(100);
        GyWriter.utf8(b, 263, "gw;1;2");
        GyWriter.u32(b, 268, 2001);
        GyWriter.u32(b, 415, 5);
        int m1 = GyWriter.begin(b, 456);
        GyWriter.u32(b, 432, 1);
        int gsu = GyWriter.begin(b, 431);
        GyWriter.u64(b, 421, 1_048_576);
        GyWriter.end(b, gsu);
        int fui = GyWriter.begin(b, 430);
        GyWriter.u32(b, 449, 0);
        GyWriter.end(b, fui);
        GyWriter.u32(b, 268, 2001);
        GyWriter.end(b, m1);
        int m2 = GyWriter.begin(b, 456);
        GyWriter.u32(b, 432, 3);
        GyWriter.u32(b, 268, 4012);
        GyWriter.end(b, m2);
        b.setInt(0, (1 << 24) | b.readableBytes());

        Answer a = AnswerReader.read(b);
        assertEquals(99, a.hopByHop());
        assertEquals(2001, a.resultCode());
        assertEquals(5, a.requestNumber());
        assertEquals(new Answer.Grant(1, 1_048_576, 2001, true), a.grant(1));
        assertEquals(new Answer.Grant(3, 0, 4012, false), a.grant(3));
        assertFalse(AnswerReader.isRequest(b));
    }

    @Test
    void anAvpOverrunningItsMessageIsRefused() {
        ByteBuf b = Unpooled.buffer();
        b.writeInt((1 << 24) | 32).writeInt(272).writeInt(4).writeInt(1).writeInt(1);
        b.writeInt(268).writeInt((0x40 << 24) | 64).writeInt(2001); // claims 64 bytes, has 12
        assertThrows(IllegalArgumentException.class, () -> AnswerReader.read(b));
    }
}
