package dev.ocs.diameter.transport;

/**
 * The structure of one framed Diameter message, checked before any parser sees it (RFC 6733 3, 4.1,
 * 7.1.3, 7.1.5): header bits, every AVP's header and length, its padding, and the AVPs inside the
 * grouped AVPs this server reads. jdiameter's parser loops forever on an AVP whose padding is missing
 * at the end of a message or of a grouped AVP, and on an AVP length of 0; nothing like that passes here.
 */
public final class FrameCheck {

    public static final long INVALID_HDR_BITS = 3008;
    public static final long INVALID_AVP_BITS = 3009;
    public static final long INVALID_AVP_VALUE = 5004;
    public static final long INVALID_AVP_LENGTH = 5014;

    /** Grouped AVPs nest no deeper than this (Gy: MSCC > USU > ... is three). */
    static final int MAX_DEPTH = 8;

    /**
     * What is wrong with a message.
     *
     * @param avpOffset where the offending AVP starts in the message, or -1 for the header
     */
    public record Violation(long resultCode, int avpOffset, String message) {
    }

    private FrameCheck() {
    }

    /** @param frame one whole message (its length field already checked against the frame) */
    public static Violation check(byte[] frame) {
        int flags = frame[4] & 0xFF;
        if ((flags & 0x0F) != 0) {
            return new Violation(INVALID_HDR_BITS, -1, "reserved command flag bits are set");
        }
        if ((flags & 0x80) != 0 && (flags & 0x20) != 0) {
            return new Violation(INVALID_HDR_BITS, -1, "a request with the E bit set");
        }
        return avps(frame, 20, frame.length, 0);
    }

    /** Checks the AVPs in {@code [from, to)}; they must fill it exactly, padding included. */
    private static Violation avps(byte[] f, int from, int to, int depth) {
        int at = from;
        while (at < to) {
            if (to - at < 8) {
                return new Violation(INVALID_AVP_LENGTH, at, "a truncated AVP header");
            }
            int code = readInt(f, at);
            int avpFlags = f[at + 4] & 0xFF;
            int length = ((f[at + 5] & 0xFF) << 16) | ((f[at + 6] & 0xFF) << 8) | (f[at + 7] & 0xFF);
            boolean vendorBit = (avpFlags & 0x80) != 0;
            int header = vendorBit ? 12 : 8;
            if ((avpFlags & 0x1F) != 0) {
                return new Violation(INVALID_AVP_BITS, at, "AVP " + code + " has reserved flag bits set");
            }
            if (length < header) {
                return new Violation(INVALID_AVP_LENGTH, at, "AVP " + code + " is shorter than its header");
            }
            int padded = length + ((4 - (length & 3)) & 3);
            if (padded > to - at) {
                return new Violation(INVALID_AVP_LENGTH, at, "AVP " + code + " (with its padding) runs past its container");
            }
            long vendor = vendorBit ? readInt(f, at + 8) & 0xFFFF_FFFFL : 0;
            if (grouped(code, vendor)) {
                if (depth >= MAX_DEPTH) {
                    return new Violation(INVALID_AVP_VALUE, at, "grouped AVPs nested deeper than " + MAX_DEPTH);
                }
                if ((length & 3) != 0) {
                    return new Violation(INVALID_AVP_LENGTH, at, "grouped AVP " + code + " does not end on a padded AVP");
                }
                Violation inner = avps(f, at + header, at + length, depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
            at += padded;
        }
        return null;
    }

    /**
     * The grouped AVPs something in this server decodes (RFC 6733 base and RFC 4006 credit control:
     * jdiameter's capabilities exchange, our CCR reader). Others are never parsed as groups, so their
     * contents need no check here.
     */
    static boolean grouped(int code, long vendor) {
        return vendor == 0 && switch (code) {
            case 260, 279, 284, 297, 300, 413, 423, 430, 431, 434, 437, 440, 443, 445, 446, 456, 457, 458 -> true;
            default -> false;
        };
    }

    static int readInt(byte[] f, int at) {
        return ((f[at] & 0xFF) << 24) | ((f[at + 1] & 0xFF) << 16) | ((f[at + 2] & 0xFF) << 8) | (f[at + 3] & 0xFF);
    }
}
