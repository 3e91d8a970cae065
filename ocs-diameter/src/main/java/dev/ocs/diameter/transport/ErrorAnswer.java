package dev.ocs.diameter.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a request whose structure is broken (RFC 6733 7.1.3 protocol errors with the E bit,
 * 7.1.5 permanent failures), written by the transport itself since no parser may read the request:
 * the request's command, application and identifiers, Session-Id when it came first and whole,
 * our Origin-Host/Realm, the Result-Code, an Error-Message and, naming the offending AVP, a Failed-AVP
 * holding that AVP's header (RFC 6733 7.1.5: enough for a length error).
 */
final class ErrorAnswer {

    private ErrorAnswer() {
    }

    static byte[] encode(byte[] request, FrameCheck.Violation v, String originHost, String originRealm) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        int sessionAt = 20;
        if (request.length >= 28 && FrameCheck.readInt(request, 20) == 263 && (request[24] & 0x80) == 0) {
            int len = ((request[25] & 0xFF) << 16) | ((request[26] & 0xFF) << 8) | (request[27] & 0xFF);
            int padded = len + ((4 - (len & 3)) & 3);
            if (len >= 8 && sessionAt + padded <= request.length && v.avpOffset() != sessionAt) {
                body.write(request, sessionAt, padded);
            }
        }
        text(body, 264, originHost, true);
        text(body, 296, originRealm, true);
        unsigned32(body, 268, v.resultCode());
        text(body, 281, v.message(), false);
        if (v.avpOffset() >= 0) {
            int at = v.avpOffset();
            int header = at + 12 <= request.length && (request[at + 4] & 0x80) != 0 ? 12 : 8;
            header = Math.min(header, request.length - at);
            byte[] failed = new byte[header >= 8 ? header : 8];
            System.arraycopy(request, at, failed, 0, Math.max(0, header));
            if (failed.length == 8) {
                failed[4] &= 0x7F; // no vendor id follows
            }
            failed[5] = 0;
            failed[6] = 0;
            failed[7] = (byte) failed.length; // the header alone, well-formed inside Failed-AVP
            avp(body, 279, true, failed);
        }
        return withHeaderOf(request, v.resultCode(), body.toByteArray());
    }

    /**
     * A CEA refusing a gateway (RFC 6733 5.3.2: Result-Code, Origin-Host/Realm, Host-IP-Address,
     * Vendor-Id, Product-Name), written before jdiameter sees the CER: 3010 for an unknown peer, 5012
     * for a second connection of one Origin-Host.
     */
    static byte[] capabilitiesRefusal(byte[] cer, long resultCode, String message, String originHost, String originRealm,
                                      java.net.InetAddress local) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(160);
        unsigned32(body, 268, resultCode);
        text(body, 264, originHost, true);
        text(body, 296, originRealm, true);
        byte[] ip = local.getAddress();
        byte[] address = new byte[2 + ip.length];
        address[1] = (byte) (ip.length == 4 ? 1 : 2); // address family: IPv4 1, IPv6 2
        System.arraycopy(ip, 0, address, 2, ip.length);
        avp(body, 257, true, address);
        unsigned32(body, 266, 0);
        avp(body, 269, false, "ocs".getBytes(StandardCharsets.UTF_8));
        text(body, 281, message, false);
        return withHeaderOf(cer, resultCode, body.toByteArray());
    }

    /**
     * A CCA 3004 DIAMETER_TOO_BUSY for a CCR refused before parsing (the frame has passed {@link
     * FrameCheck}): Session-Id, Origin-Host/Realm, Result-Code, Auth-Application-Id, and the request's
     * CC-Request-Type and CC-Request-Number, so that the gateway matches it to the request.
     */
    static byte[] tooBusy(byte[] ccr, String originHost, String originRealm) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(160);
        copyTopLevel(body, ccr, 263);
        text(body, 264, originHost, true);
        text(body, 296, originRealm, true);
        unsigned32(body, 268, 3004);
        unsigned32(body, 258, 4);
        copyTopLevel(body, ccr, 416);
        copyTopLevel(body, ccr, 415);
        return withHeaderOf(ccr, 3004, body.toByteArray());
    }

    /** Copies the first top-level AVP {@code code} of a structurally checked message, padding included. */
    private static void copyTopLevel(ByteArrayOutputStream out, byte[] message, int code) {
        int at = 20;
        while (at + 8 <= message.length) {
            int len = ((message[at + 5] & 0xFF) << 16) | ((message[at + 6] & 0xFF) << 8) | (message[at + 7] & 0xFF);
            int padded = len + ((4 - (len & 3)) & 3);
            if (len < 8 || at + padded > message.length) {
                return;
            }
            if (FrameCheck.readInt(message, at) == code && (message[at + 4] & 0x80) == 0) {
                out.write(message, at, padded);
                return;
            }
            at += padded;
        }
    }

    private static byte[] withHeaderOf(byte[] request, long resultCode, byte[] avps) {
        int length = 20 + avps.length;
        byte[] answer = new byte[length];
        answer[0] = 1;
        answer[1] = (byte) (length >>> 16);
        answer[2] = (byte) (length >>> 8);
        answer[3] = (byte) length;
        int flags = request[4] & 0x40; // P kept, R cleared
        if (resultCode >= 3000 && resultCode < 4000) {
            flags |= 0x20; // E: a protocol error
        }
        answer[4] = (byte) flags;
        System.arraycopy(request, 5, answer, 5, 15); // command code, application, hop-by-hop, end-to-end
        System.arraycopy(avps, 0, answer, 20, avps.length);
        return answer;
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
}
