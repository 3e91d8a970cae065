package dev.ocs.diameter.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Diameter bytes the transport writes and reads itself, without jdiameter's parser: AVPs, a whole
 * message, and the top-level AVPs of a message {@link FrameCheck} has passed (RFC 6733 3, 4).
 */
final class Wire {

    private Wire() {
    }

    /** A message: version 1, its length, flags, command, application, identifiers, then the AVPs. */
    static byte[] message(int flags, int command, int applicationId, int hopByHop, int endToEnd, byte[] avps) {
        int length = 20 + avps.length;
        byte[] m = new byte[length];
        put(m, 0, length);
        m[0] = 1;
        put(m, 4, command);
        m[4] = (byte) flags;
        put(m, 8, applicationId);
        put(m, 12, hopByHop);
        put(m, 16, endToEnd);
        System.arraycopy(avps, 0, m, 20, avps.length);
        return m;
    }

    /** Where the first top-level AVP {@code code} (no vendor) of a checked message starts, or -1. */
    static int topLevel(byte[] m, int code) {
        int at = 20;
        while (at + 8 <= m.length) {
            int len = length(m, at);
            if (len < 8 || at + padded(len) > m.length) {
                return -1;
            }
            if (FrameCheck.readInt(m, at) == code && (m[at + 4] & 0x80) == 0) {
                return at;
            }
            at += padded(len);
        }
        return -1;
    }

    /** The length of the AVP at {@code at}, its header included, its padding not. */
    static int length(byte[] m, int at) {
        return ((m[at + 5] & 0xFF) << 16) | ((m[at + 6] & 0xFF) << 8) | (m[at + 7] & 0xFF);
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }

    static void text(ByteArrayOutputStream out, int code, String value, boolean mandatory) {
        avp(out, code, mandatory, value.getBytes(StandardCharsets.UTF_8));
    }

    static void unsigned32(ByteArrayOutputStream out, int code, long value) {
        avp(out, code, true, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static void avp(ByteArrayOutputStream out, int code, boolean mandatory, byte[] data) {
        int length = 8 + data.length;
        out.write(code >>> 24);
        out.write(code >>> 16);
        out.write(code >>> 8);
        out.write(code);
        out.write(mandatory ? 0x40 : 0);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(data, 0, data.length);
        for (int i = length; (i & 3) != 0; i++) {
            out.write(0);
        }
    }

    /** {@code v} as four octets, network order, at {@code at}. */
    static void put(byte[] m, int at, int v) {
        m[at] = (byte) (v >>> 24);
        m[at + 1] = (byte) (v >>> 16);
        m[at + 2] = (byte) (v >>> 8);
        m[at + 3] = (byte) v;
    }
}
