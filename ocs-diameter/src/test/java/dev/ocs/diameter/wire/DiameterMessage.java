package dev.ocs.diameter.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Diameter message written and read byte by byte from RFC 6733 section 3 (header) and 4 (AVPs),
 * independent of jdiameter: the tests' way of checking what goes over the wire.
 */
public final class DiameterMessage {

    public static final int FLAG_R = 0x80;
    public static final int FLAG_P = 0x40;
    public static final int FLAG_E = 0x20;
    public static final int FLAG_T = 0x10;

    public int flags;
    public int command;
    public long applicationId;
    public int hopByHop;
    public int endToEnd;
    public final List<Avp> avps = new ArrayList<>();

    /** One AVP; {@code children} is filled for grouped AVPs that were parsed as such. */
    public static final class Avp {
        public final int code;
        public final int flags;
        public final long vendor;
        public final byte[] data;

        public Avp(int code, int flags, long vendor, byte[] data) {
            this.code = code;
            this.flags = flags;
            this.vendor = vendor;
            this.data = data;
        }

        public boolean mandatory() {
            return (flags & 0x40) != 0;
        }

        public long u32() {
            if (data.length != 4) {
                throw new IllegalStateException("AVP " + code + " has " + data.length + " bytes, not 4");
            }
            return ByteBuffer.wrap(data).getInt() & 0xFFFF_FFFFL;
        }

        public long u64() {
            if (data.length != 8) {
                throw new IllegalStateException("AVP " + code + " has " + data.length + " bytes, not 8");
            }
            return ByteBuffer.wrap(data).getLong();
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        public List<Avp> group() {
            return parseAvps(data, 0, data.length);
        }

        public Avp child(int childCode) {
            for (Avp a : group()) {
                if (a.code == childCode) {
                    return a;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "AVP " + code + (vendor != 0 ? "/" + vendor : "") + " (" + data.length + " bytes)";
        }
    }

    public static DiameterMessage request(int command, long applicationId, int flags) {
        DiameterMessage m = new DiameterMessage();
        m.flags = FLAG_R | flags;
        m.command = command;
        m.applicationId = applicationId;
        return m;
    }

    public Avp avp(int code) {
        for (Avp a : avps) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }

    public List<Avp> all(int code) {
        return avps.stream().filter(a -> a.code == code).toList();
    }

    // ---- building AVPs ---------------------------------------------------------------------------

    public static Avp u32(int code, long value) {
        return new Avp(code, 0x40, 0, ByteBuffer.allocate(4).putInt((int) value).array());
    }

    public static Avp u64(int code, long value) {
        return new Avp(code, 0x40, 0, ByteBuffer.allocate(8).putLong(value).array());
    }

    public static Avp utf8(int code, String value) {
        return new Avp(code, 0x40, 0, value.getBytes(StandardCharsets.UTF_8));
    }

    public static Avp vendorU32(int code, long vendor, long value) {
        return new Avp(code, 0xC0, vendor, ByteBuffer.allocate(4).putInt((int) value).array());
    }

    public static Avp grouped(int code, Avp... children) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Avp c : children) {
            writeAvp(out, c);
        }
        return new Avp(code, 0x40, 0, out.toByteArray());
    }

    public DiameterMessage add(Avp... more) {
        avps.addAll(List.of(more));
        return this;
    }

    // ---- the wire ---------------------------------------------------------------------------------

    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Avp a : avps) {
            writeAvp(body, a);
        }
        int length = 20 + body.size();
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt((1 << 24) | length);
        b.putInt((flags << 24) | command);
        b.putInt((int) applicationId);
        b.putInt(hopByHop);
        b.putInt(endToEnd);
        b.put(body.toByteArray());
        return b.array();
    }

    private static void writeAvp(ByteArrayOutputStream out, Avp a) {
        boolean vendor = a.vendor != 0;
        int headerLength = vendor ? 12 : 8;
        int length = headerLength + a.data.length;
        ByteBuffer b = ByteBuffer.allocate((length + 3) & ~3);
        b.putInt(a.code);
        b.putInt(((a.flags | (vendor ? 0x80 : 0)) << 24) | length);
        if (vendor) {
            b.putInt((int) a.vendor);
        }
        b.put(a.data);
        out.writeBytes(b.array()); // the padding stays zero
    }

    public static DiameterMessage read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.readInt();
        int version = first >>> 24;
        if (version != 1) {
            throw new IOException("Diameter version " + version + ", expected 1");
        }
        int length = first & 0xFFFFFF;
        if (length < 20 || length % 4 != 0) {
            throw new IOException("bad Diameter message length " + length);
        }
        DiameterMessage m = new DiameterMessage();
        int second = data.readInt();
        m.flags = second >>> 24;
        m.command = second & 0xFFFFFF;
        m.applicationId = data.readInt() & 0xFFFF_FFFFL;
        m.hopByHop = data.readInt();
        m.endToEnd = data.readInt();
        byte[] body = new byte[length - 20];
        data.readFully(body);
        m.avps.addAll(parseAvps(body, 0, body.length));
        return m;
    }

    static List<Avp> parseAvps(byte[] bytes, int from, int to) {
        List<Avp> list = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes, from, to - from);
        while (b.remaining() > 0) {
            if (b.remaining() < 8) {
                throw new IllegalStateException("truncated AVP header");
            }
            int code = b.getInt();
            int word = b.getInt();
            int flags = word >>> 24;
            int length = word & 0xFFFFFF;
            long vendor = 0;
            int header = 8;
            if ((flags & 0x80) != 0) {
                vendor = b.getInt() & 0xFFFF_FFFFL;
                header = 12;
            }
            if (length < header || length - header > b.remaining()) {
                throw new IllegalStateException("AVP " + code + " length " + length + " overruns its container");
            }
            byte[] data = new byte[length - header];
            b.get(data);
            int pad = ((length + 3) & ~3) - length;
            for (int i = 0; i < pad; i++) {
                if (b.get() != 0) {
                    throw new IllegalStateException("AVP " + code + " padding is not zero");
                }
            }
            list.add(new Avp(code, flags, vendor, data));
        }
        return list;
    }
}
