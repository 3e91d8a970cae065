package dev.ocs.client.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The answers slower than a threshold, by wall-clock time of their schedule: to lay the tail beside a
 * server's GC or safepoint log (both with wall-clock decorations) and see what each slow request waited
 * for. Bounded (the first {@link #CAPACITY} slow answers); written by the load's one event-loop thread.
 */
public final class SlowLog {

    static final int CAPACITY = 1 << 20;

    private final long thresholdNanos;
    private final long wallAtOrigin;
    private final long nanoAtOrigin;
    private final long[] scheduled = new long[CAPACITY];
    private final int[] micros = new int[CAPACITY];
    private int size;
    private long dropped;

    public SlowLog(long thresholdMillis) {
        this.thresholdNanos = thresholdMillis * 1_000_000L;
        this.wallAtOrigin = System.currentTimeMillis();
        this.nanoAtOrigin = System.nanoTime();
    }

    /** An answer to a request scheduled at {@code scheduledNanos} (System.nanoTime) that took {@code latencyNanos}. */
    void answer(long scheduledNanos, long latencyNanos) {
        if (latencyNanos < thresholdNanos) {
            return;
        }
        if (size == CAPACITY) {
            dropped++;
            return;
        }
        scheduled[size] = scheduledNanos;
        micros[size++] = (int) Math.min(Integer.MAX_VALUE, latencyNanos / 1_000);
    }

    /** One line per slow answer: its scheduled wall-clock time in epoch milliseconds (three decimals) and its latency in ms. */
    public void write(Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("# scheduled_epoch_ms latency_ms (answers slower than " + thresholdNanos / 1_000_000 + " ms; "
                    + dropped + " more not kept)");
            for (int i = 0; i < size; i++) {
                long wallMicros = wallAtOrigin * 1_000 + (scheduled[i] - nanoAtOrigin) / 1_000;
                w.printf("%d.%03d %.3f%n", wallMicros / 1_000, wallMicros % 1_000, micros[i] / 1_000.0);
            }
        }
    }
}
