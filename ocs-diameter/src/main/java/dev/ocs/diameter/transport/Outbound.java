package dev.ocs.diameter.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What a connection has to send, written by a thread of its own: the threads that finish a charge only
 * queue the answer, so a gateway that stops reading (its socket buffer full) holds up its own connection
 * and nothing else. At most {@code maxBytes} wait; beyond, the gateway is not reading its answers and
 * {@link #offer} says so (the connection is then closed). Messages queued together leave in one write.
 * The writer is a virtual thread until {@link #writeOnOwnThread} (the gateway was let in), then a platform
 * thread (see {@link GatewayConnection}).
 */
final class Outbound {

    /** 4 MiB: some 15,000 answers, most of a second of a busy gateway's traffic. */
    static final long MAX_QUEUED_BYTES = 4L << 20;

    private final OutputStream out;
    private final long maxBytes;
    private final Runnable onDone;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean finishing;
    /** Set by {@link #writeOnOwnThread}: the virtual writer hands over to a platform thread. */
    private volatile boolean toPlatform;
    private final String name;
    /** The thread writing now: replaced once, before the platform thread starts, so wake-ups reach it. */
    private volatile Thread writer;

    /** @param onDone run when writing failed, or everything was sent after {@link #closeWhenSent} (closes the connection) */
    Outbound(OutputStream out, long maxBytes, String name, Runnable onDone) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.maxBytes = maxBytes;
        this.onDone = onDone;
        this.name = "diameter-write " + name;
        this.writer = Thread.ofVirtual().name(this.name).unstarted(this::run);
    }

    void start() {
        writer.start();
    }

    /** Queues a message; false when closed or when more than the maximum would wait. */
    boolean offer(byte[] message) {
        if (closed || finishing) {
            return false;
        }
        if (queuedBytes.addAndGet(message.length) > maxBytes) {
            queuedBytes.addAndGet(-message.length);
            return false;
        }
        queue.add(message);
        if (sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(writer);
        }
        return true;
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    void close() {
        closed = true;
        LockSupport.unpark(writer);
    }

    /** From now on writes on a platform thread of its own (the virtual writer hands over when it next waits). */
    void writeOnOwnThread() {
        toPlatform = true;
        LockSupport.unpark(writer);
    }

    /** Sends what is queued, then runs {@code onDone}; nothing more is accepted. */
    void closeWhenSent() {
        finishing = true;
        LockSupport.unpark(writer);
    }

    private void run() {
        try {
            while (!closed) {
                byte[] m = queue.poll();
                if (m != null) {
                    out.write(m);
                    queuedBytes.addAndGet(-m.length);
                    continue;
                }
                out.flush();
                if (finishing) {
                    break;
                }
                if (toPlatform && Thread.currentThread().isVirtual() && handOver()) {
                    return;
                }
                sleeping.set(true);
                if (queue.isEmpty() && !closed && !finishing && !(toPlatform && Thread.currentThread().isVirtual())) {
                    LockSupport.park(this);
                }
                sleeping.set(false);
            }
        } catch (IOException e) {
            closed = true;
        }
        if (finishing || closed) {
            onDone.run();
        }
    }

    /**
     * Starts the platform writer, which goes on from here (this virtual one touches nothing after);
     * false when none can be started: this one writes on, and the hand-over is not tried again.
     */
    private boolean handOver() {
        Thread next = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
        Thread current = writer;
        writer = next; // before it starts: whoever queues from now on wakes the new writer
        try {
            next.start();
            return true;
        } catch (OutOfMemoryError | IllegalStateException e) { // no native thread to be had
            writer = current;
            toPlatform = false;
            return false;
        }
    }
}
