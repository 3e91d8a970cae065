package dev.ocs.client.gy;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Diameter message as an engineer reads a trace: the header line, then every AVP by name with
 * its value, grouped AVPs indented. Unknown AVPs show their code and bytes.
 */
public final class Trace {

    private enum Kind { GROUPED, U32, U64, TEXT, ADDRESS, BYTES }

    private record Def(String name, Kind kind) {
    }

    private static final Map<Integer, Def> AVPS = Map.ofEntries(
            Map.entry(257, new Def("Host-IP-Address", Kind.ADDRESS)),
            Map.entry(258, new Def("Auth-Application-Id", Kind.U32)),
            Map.entry(260, new Def("Vendor-Specific-Application-Id", Kind.GROUPED)),
            Map.entry(263, new Def("Session-Id", Kind.TEXT)),
            Map.entry(264, new Def("Origin-Host", Kind.TEXT)),
            Map.entry(266, new Def("Vendor-Id", Kind.U32)),
            Map.entry(268, new Def("Result-Code", Kind.U32)),
            Map.entry(269, new Def("Product-Name", Kind.TEXT)),
            Map.entry(273, new Def("Disconnect-Cause", Kind.U32)),
            Map.entry(278, new Def("Origin-State-Id", Kind.U32)),
            Map.entry(279, new Def("Failed-AVP", Kind.GROUPED)),
            Map.entry(281, new Def("Error-Message", Kind.TEXT)),
            Map.entry(283, new Def("Destination-Realm", Kind.TEXT)),
            Map.entry(293, new Def("Destination-Host", Kind.TEXT)),
            Map.entry(296, new Def("Origin-Realm", Kind.TEXT)),
            Map.entry(297, new Def("Experimental-Result", Kind.GROUPED)),
            Map.entry(298, new Def("Experimental-Result-Code", Kind.U32)),
            Map.entry(415, new Def("CC-Request-Number", Kind.U32)),
            Map.entry(416, new Def("CC-Request-Type", Kind.U32)),
            Map.entry(421, new Def("CC-Total-Octets", Kind.U64)),
            Map.entry(430, new Def("Final-Unit-Indication", Kind.GROUPED)),
            Map.entry(431, new Def("Granted-Service-Unit", Kind.GROUPED)),
            Map.entry(432, new Def("Rating-Group", Kind.U32)),
            Map.entry(433, new Def("Redirect-Address-Type", Kind.U32)),
            Map.entry(434, new Def("Redirect-Server", Kind.GROUPED)),
            Map.entry(435, new Def("Redirect-Server-Address", Kind.TEXT)),
            Map.entry(437, new Def("Requested-Service-Unit", Kind.GROUPED)),
            Map.entry(439, new Def("Service-Identifier", Kind.U32)),
            Map.entry(443, new Def("Subscription-Id", Kind.GROUPED)),
            Map.entry(444, new Def("Subscription-Id-Data", Kind.TEXT)),
            Map.entry(446, new Def("Used-Service-Unit", Kind.GROUPED)),
            Map.entry(448, new Def("Validity-Time", Kind.U32)),
            Map.entry(449, new Def("Final-Unit-Action", Kind.U32)),
            Map.entry(450, new Def("Subscription-Id-Type", Kind.U32)),
            Map.entry(455, new Def("Multiple-Services-Indicator", Kind.U32)),
            Map.entry(456, new Def("Multiple-Services-Credit-Control", Kind.GROUPED)),
            Map.entry(461, new Def("Service-Context-Id", Kind.TEXT)),
            Map.entry(869, new Def("Volume-Quota-Threshold", Kind.U32)),
            Map.entry(1066, new Def("Quota-Holding-Time", Kind.U32)));

    private static final Map<Integer, String> COMMANDS = Map.of(257, "Capabilities-Exchange", 272, "Credit-Control",
            280, "Device-Watchdog", 282, "Disconnect-Peer");

    private Trace() {
    }

    /** The whole message, one line per AVP; {@code b} holds one message from its reader index (left unchanged). */
    public static String of(ByteBuf b) {
        int start = b.readerIndex();
        int length = b.getInt(start) & 0xFFFFFF;
        int flags = b.getByte(start + 4) & 0xFF;
        int command = b.getInt(start + 4) & 0xFFFFFF;
        StringBuilder s = new StringBuilder(512);
        s.append(COMMANDS.getOrDefault(command, "command " + command)).append((flags & 0x80) != 0 ? "-Request" : "-Answer")
                .append(" (").append(command).append(", app ").append(b.getInt(start + 8) & 0xFFFF_FFFFL)
                .append(", hbh ").append(Integer.toUnsignedString(b.getInt(start + 12))).append(", ").append(length)
                .append(" bytes)\n");
        avps(b, start + 20, start + length, "  ", s);
        return s.toString();
    }

    private static void avps(ByteBuf b, int from, int to, String indent, StringBuilder s) {
        for (int at = from; at < to; ) {
            int code = b.getInt(at);
            int avpFlags = b.getByte(at + 4) & 0xFF;
            int length = b.getInt(at + 4) & 0xFFFFFF;
            if (length < 8 || at + length > to) {
                s.append(indent).append("<malformed AVP ").append(code).append(" length ").append(length).append(">\n");
                return;
            }
            boolean vendor = (avpFlags & 0x80) != 0;
            int data = at + (vendor ? 12 : 8);
            int dataLength = at + length - data;
            Def def = AVPS.get(code);
            s.append(indent).append(def == null ? "AVP " + code : def.name());
            if (vendor) {
                s.append(" [vendor ").append(b.getInt(at + 8) & 0xFFFF_FFFFL).append(']');
            }
            Kind kind = def == null ? Kind.BYTES : def.kind();
            if (kind == Kind.GROUPED) {
                s.append('\n');
                avps(b, data, data + dataLength, indent + "  ", s);
            } else {
                s.append(": ").append(value(b, data, dataLength, kind)).append('\n');
            }
            at += (length + 3) & ~3;
        }
    }

    private static String value(ByteBuf b, int at, int length, Kind kind) {
        return switch (kind) {
            case U32 -> length == 4 ? Long.toString(b.getInt(at) & 0xFFFF_FFFFL) : hex(b, at, length);
            case U64 -> length == 8 ? Long.toUnsignedString(b.getLong(at)) : hex(b, at, length);
            case TEXT -> b.toString(at, length, StandardCharsets.UTF_8);
            case ADDRESS -> length == 6 && b.getShort(at) == 1
                    ? (b.getByte(at + 2) & 0xFF) + "." + (b.getByte(at + 3) & 0xFF) + "." + (b.getByte(at + 4) & 0xFF) + "."
                    + (b.getByte(at + 5) & 0xFF) : hex(b, at, length);
            default -> hex(b, at, length);
        };
    }

    private static String hex(ByteBuf b, int at, int length) {
        StringBuilder s = new StringBuilder(length * 2 + 2).append("0x");
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit((b.getByte(at + i) >> 4) & 0xF, 16)).append(Character.forDigit(b.getByte(at + i) & 0xF, 16));
        }
        return s.toString();
    }
}
