package dev.ocs.client.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and latency histograms of a load run, written by the sending and receiving threads and
 * read by the once-a-second progress line and the final report. Latencies are in microseconds from
 * each request's scheduled time; the measured histogram leaves the warm-up out and holds the answers
 * the server admitted; 3004 TOO_BUSY answers (refused at once under overload) have a histogram of their own.
 */
public final class LoadStats {

    static final long TOO_BUSY = 3004;
    /** Latencies up to one minute keep three significant digits. */
    private static final long HIGHEST_MICROS = 60_000_000L;

    final LongAdder sent = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder sessionsStarted = new LongAdder();
    final LongAdder sessionsCompleted = new LongAdder();
    private final ConcurrentHashMap<Long, LongAdder> resultCodes = new ConcurrentHashMap<>();
    private final Recorder progress = new Recorder(HIGHEST_MICROS, 3);
    private final Recorder measured = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram measuredTotal = new Histogram(HIGHEST_MICROS, 3);
    private final Recorder refused = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram refusedTotal = new Histogram(HIGHEST_MICROS, 3);

    /** An answer: its result code and, when {@code measure}, its latency into the report. */
    void answer(long resultCode, long latencyNanos, boolean measure) {
        answered.increment();
        resultCodes.computeIfAbsent(resultCode, k -> new LongAdder()).increment();
        if (resultCode != 2001 && resultCode != 4012) {
            errors.increment();
        }
        long micros = Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1_000));
        progress.recordValue(micros);
        if (measure) {
            (resultCode == TOO_BUSY ? refused : measured).recordValue(micros);
        }
    }

    void timeout() {
        timeouts.increment();
    }

    public long sent() {
        return sent.sum();
    }

    public long answered() {
        return answered.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    /** Answers that were neither success (2001) nor credit-limit (4012), plus timeouts. */
    public long errors() {
        return errors.sum() + timeouts.sum();
    }

    public long inFlight() {
        return sent.sum() - answered.sum() - timeouts.sum();
    }

    public Map<Long, Long> resultCodes() {
        Map<Long, Long> m = new TreeMap<>();
        resultCodes.forEach((code, n) -> m.put(code, n.sum()));
        return m;
    }

    /** Latencies since the previous call (for the progress line). */
    Histogram lastInterval() {
        return progress.getIntervalHistogram();
    }

    /** All measured latencies so far. */
    synchronized Histogram measured() {
        measuredTotal.add(measured.getIntervalHistogram());
        return measuredTotal.copy();
    }

    /** All measured latencies of 3004 answers so far. */
    synchronized Histogram refused() {
        refusedTotal.add(refused.getIntervalHistogram());
        return refusedTotal.copy();
    }
}
