package dev.ocs.core.store.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for {@link AccountCodec}: the layout of {@code DataOutputStream}
 * (int-length-prefixed UTF-8 strings instead of its 64 KiB-limited modified UTF-8) without its
 * synchronized single-byte writes, which made encoding the write-behind's largest cost (measured).
 * One per thread, reused: only the finished copy is allocated per account.
 */
final class ByteWriter {

    private static final ThreadLocal<ByteWriter> PER_THREAD = ThreadLocal.withInitial(() -> new ByteWriter(1024));

    private byte[] buf;
    private int pos;

    private ByteWriter(int capacity) {
        this.buf = new byte[capacity];
    }

    /** This thread's writer, emptied. */
    static ByteWriter reset() {
        ByteWriter w = PER_THREAD.get();
        w.pos = 0;
        return w;
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void u8(int v) {
        room(1);
        buf[pos++] = (byte) v;
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    void i32(int v) {
        room(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i64(long v) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    /** UTF-8 with an int length; ASCII (ids, references, enum names) is copied without an intermediate array. */
    void str(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            i32(n);
            room(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            room(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
