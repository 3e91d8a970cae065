package dev.ocs.client.gy;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answers a gateway needs from a complete Diameter message: Result-Code (268) or
 * Experimental-Result (297/298), CC-Request-Number (415) and each MSCC (456) with Rating-Group
 * (432), Granted-Service-Unit (431) / CC-Total-Octets (421), Result-Code and Final-Unit-Indication
 * (430). Everything else is skipped by its length, so unknown AVPs cost nothing.
 */
public final class AnswerReader {

    private AnswerReader() {
    }

    /** The message's header fields; {@code b} holds exactly one message from its reader index. */
    public static int command(ByteBuf b) {
        return b.getInt(b.readerIndex() + 4) & 0xFFFFFF;
    }

    public static boolean isRequest(ByteBuf b) {
        return (b.getByte(b.readerIndex() + 4) & 0x80) != 0;
    }

    public static int hopByHop(ByteBuf b) {
        return b.getInt(b.readerIndex() + 12);
    }

    public static int endToEnd(ByteBuf b) {
        return b.getInt(b.readerIndex() + 16);
    }

    public static Answer read(ByteBuf b) {
        int start = b.readerIndex();
        int length = b.getInt(start) & 0xFFFFFF;
        long result = -1;
        long number = -1;
        List<Answer.Grant> grants = new ArrayList<>(1);
        int end = start + length;
        for (int at = start + 20; at < end; ) {
            int code = b.getInt(at);
            int avpLength = avpLength(b, at, end);
            int data = at + header(b, at);
            switch (code) {
                case 268 -> result = u32(b, data);
                case 415 -> number = u32(b, data);
                case 297 -> result = child(b, data, at + avpLength, 298, result);
                case 456 -> grants.add(mscc(b, data, at + avpLength));
                default -> { }
            }
            at += (avpLength + 3) & ~3;
        }
        return new Answer(command(b), hopByHop(b), result, number, grants);
    }

    private static Answer.Grant mscc(ByteBuf b, int from, int to) {
        long rg = -1;
        long granted = 0;
        long result = -1;
        boolean finalUnit = false;
        for (int at = from; at < to; ) {
            int code = b.getInt(at);
            int avpLength = avpLength(b, at, to);
            int data = at + header(b, at);
            switch (code) {
                case 432 -> rg = u32(b, data);
                case 268 -> result = u32(b, data);
                case 430 -> finalUnit = true;
                case 431 -> granted = Math.max(0, child(b, data, at + avpLength, 421, 0));
                default -> { }
            }
            at += (avpLength + 3) & ~3;
        }
        return new Answer.Grant(rg, granted, result, finalUnit);
    }

    /** The value of the first {@code code} AVP (Unsigned32 or Unsigned64) inside a group, or {@code otherwise}. */
    private static long child(ByteBuf b, int from, int to, int code, long otherwise) {
        for (int at = from; at < to; ) {
            int avpLength = avpLength(b, at, to);
            if (b.getInt(at) == code) {
                int dataLength = avpLength - header(b, at);
                int data = at + header(b, at);
                return dataLength == 8 ? b.getLong(data) : u32(b, data);
            }
            at += (avpLength + 3) & ~3;
        }
        return otherwise;
    }

    private static int header(ByteBuf b, int at) {
        return (b.getByte(at + 4) & 0x80) != 0 ? 12 : 8;
    }

    private static int avpLength(ByteBuf b, int at, int end) {
        int length = b.getInt(at + 4) & 0xFFFFFF;
        if (length < 8 || at + length > end) {
            throw new IllegalArgumentException("AVP " + b.getInt(at) + " length " + length + " overruns its container");
        }
        return length;
    }

    private static long u32(ByteBuf b, int at) {
        return b.getInt(at) & 0xFFFF_FFFFL;
    }
}
