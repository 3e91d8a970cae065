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
        Wire.text(body, 264, originHost, true);
        Wire.text(body, 296, originRealm, true);
        Wire.unsigned32(body, 268, v.resultCode());
        Wire.text(body, 281, v.message(), false);
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
            Wire.avp(body, 279, true, failed);
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
        Wire.unsigned32(body, 268, resultCode);
        Wire.text(body, 264, originHost, true);
        Wire.text(body, 296, originRealm, true);
        byte[] ip = local.getAddress();
        byte[] address = new byte[2 + ip.length];
        address[1] = (byte) (ip.length == 4 ? 1 : 2); // address family: IPv4 1, IPv6 2
        System.arraycopy(ip, 0, address, 2, ip.length);
        Wire.avp(body, 257, true, address);
        Wire.unsigned32(body, 266, 0);
        Wire.avp(body, 269, false, "ocs".getBytes(StandardCharsets.UTF_8));
        Wire.text(body, 281, message, false);
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
        Wire.text(body, 264, originHost, true);
        Wire.text(body, 296, originRealm, true);
        Wire.unsigned32(body, 268, 3004);
        Wire.unsigned32(body, 258, 4);
        copyTopLevel(body, ccr, 416);
        copyTopLevel(body, ccr, 415);
        return withHeaderOf(ccr, 3004, body.toByteArray());
    }

    /** Copies the first top-level AVP {@code code} of a structurally checked message, padding included. */
    private static void copyTopLevel(ByteArrayOutputStream out, byte[] message, int code) {
        int at = Wire.topLevel(message, code);
        if (at >= 0) {
            out.write(message, at, Wire.padded(Wire.length(message, at)));
        }
    }

    /** The answer to {@code request}: its command, application and identifiers; P kept, E for a 3xxx. */
    private static byte[] withHeaderOf(byte[] request, long resultCode, byte[] avps) {
        int flags = request[4] & 0x40;
        if (resultCode >= 3000 && resultCode < 4000) {
            flags |= 0x20; // E: a protocol error
        }
        return Wire.message(flags, FrameCheck.readInt(request, 4) & 0xFFFFFF, FrameCheck.readInt(request, 8),
                FrameCheck.readInt(request, 12), FrameCheck.readInt(request, 16), avps);
    }
}
