package dev.ocs.client.gy;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes the messages a gateway sends (RFC 6733 section 3 header, section 4 AVPs; RFC 4006 CCR)
 * straight into a buffer, without building an object per AVP: the load client writes tens of
 * thousands of them a second. Lengths are patched in once a message or grouped AVP is complete.
 */
public final class GyWriter {

    public static final int CER = 257;
    public static final int CCR = 272;
    public static final int DWR = 280;
    public static final int DPR = 282;
    public static final int FLAG_R = 0x80;
    public static final int FLAG_P = 0x40;
    public static final int GY_APPLICATION = 4;
    private static final int MANDATORY = 0x40;

    private final String originHost;
    private final String originRealm;
    private final String destinationRealm;

    public GyWriter(String originHost, String originRealm, String destinationRealm) {
        this.originHost = originHost;
        this.originRealm = originRealm;
        this.destinationRealm = destinationRealm;
    }

    public String originHost() {
        return originHost;
    }

    /** A Credit-Control-Request for {@code request}, with Subscription-Id (E.164) in every request. */
    public void ccr(ByteBuf b, CcRequest request, int hopByHop, int endToEnd) {
        int start = header(b, FLAG_R | FLAG_P, CCR, GY_APPLICATION, hopByHop, endToEnd);
        utf8(b, 263, request.sessionId());
        utf8(b, 264, originHost);
        utf8(b, 296, originRealm);
        utf8(b, 283, destinationRealm);
        u32(b, 258, GY_APPLICATION);
        utf8(b, 461, "32251@3gpp.org");
        u32(b, 416, request.type().code);
        u32(b, 415, request.number());
        int sub = begin(b, 443);
        u32(b, 450, 0); // END_USER_E164
        utf8(b, 444, request.msisdn());
        end(b, sub);
        u32(b, 455, 1); // Multiple-Services-Indicator: MULTIPLE_SERVICES_SUPPORTED
        for (CcRequest.Mscc m : request.services()) {
            int mscc = begin(b, 456);
            if (m.ask()) {
                end(b, begin(b, 437)); // Requested-Service-Unit, empty: the OCS chooses the quota
            }
            if (m.usedOctets() >= 0) {
                int used = begin(b, 446);
                u64(b, 421, m.usedOctets());
                end(b, used);
            }
            u32(b, 432, m.ratingGroup());
            end(b, mscc);
        }
        endMessage(b, start);
    }

    /** Capabilities-Exchange-Request announcing Gy (Auth-Application-Id 4, also as 3GPP vendor-specific). */
    public void cer(ByteBuf b, int hopByHop, int endToEnd, byte[] ipv4) {
        int start = header(b, FLAG_R, CER, 0, hopByHop, endToEnd);
        utf8(b, 264, originHost);
        utf8(b, 296, originRealm);
        avpHeader(b, 257, 8 + 6);
        b.writeShort(1).writeBytes(ipv4).writeShort(0); // Host-IP-Address: family 1 (IPv4), padded
        u32(b, 266, 0);
        utf8(b, 269, "ocs-test-client");
        u32(b, 258, GY_APPLICATION);
        int vsa = begin(b, 260);
        u32(b, 266, 10415);
        u32(b, 258, GY_APPLICATION);
        end(b, vsa);
        endMessage(b, start);
    }

    public void dwr(ByteBuf b, int hopByHop, int endToEnd) {
        int start = header(b, FLAG_R, DWR, 0, hopByHop, endToEnd);
        utf8(b, 264, originHost);
        utf8(b, 296, originRealm);
        endMessage(b, start);
    }

    /** Disconnect-Peer-Request, cause REBOOTING (0). */
    public void dpr(ByteBuf b, int hopByHop, int endToEnd) {
        int start = header(b, FLAG_R, DPR, 0, hopByHop, endToEnd);
        utf8(b, 264, originHost);
        utf8(b, 296, originRealm);
        u32(b, 273, 0);
        endMessage(b, start);
    }

    /** A success answer to a peer's request (DWR, DPR): same command, ids echoed, Result-Code 2001. */
    public void answer(ByteBuf b, int command, int hopByHop, int endToEnd) {
        int start = header(b, 0, command, 0, hopByHop, endToEnd);
        u32(b, 268, 2001);
        utf8(b, 264, originHost);
        utf8(b, 296, originRealm);
        endMessage(b, start);
    }

    // ---- primitives ---------------------------------------------------------------------------------

    private static int header(ByteBuf b, int flags, int command, long application, int hopByHop, int endToEnd) {
        int start = b.writerIndex();
        b.writeInt(1 << 24); // version 1, length patched by end()
        b.writeInt((flags << 24) | command);
        b.writeInt((int) application);
        b.writeInt(hopByHop);
        b.writeInt(endToEnd);
        return start;
    }

    private static void avpHeader(ByteBuf b, int code, int length) {
        b.writeInt(code);
        b.writeInt((MANDATORY << 24) | length);
    }

    static void u32(ByteBuf b, int code, long value) {
        avpHeader(b, code, 12);
        b.writeInt((int) value);
    }

    static void u64(ByteBuf b, int code, long value) {
        avpHeader(b, code, 16);
        b.writeLong(value);
    }

    static void utf8(ByteBuf b, int code, String value) {
        int at = b.writerIndex();
        avpHeader(b, code, 8);
        int length = 8 + b.writeCharSequence(value, StandardCharsets.UTF_8);
        b.setInt(at + 4, (MANDATORY << 24) | length);
        pad(b, length);
    }

    /** Starts a grouped AVP; answers where it starts, for {@link #end}. */
    static int begin(ByteBuf b, int code) {
        int at = b.writerIndex();
        avpHeader(b, code, 8);
        return at;
    }

    private static void endMessage(ByteBuf b, int start) {
        b.setInt(start, (1 << 24) | (b.writerIndex() - start));
    }

    /** Completes a grouped AVP started at {@code at}: patches its length (flags kept) and pads it. */
    static void end(ByteBuf b, int at) {
        int length = b.writerIndex() - at;
        b.setInt(at + 4, (b.getByte(at + 4) << 24) | length);
        pad(b, length);
    }

    private static void pad(ByteBuf b, int length) {
        for (int i = length; (i & 3) != 0; i++) {
            b.writeByte(0);
        }
    }

}
