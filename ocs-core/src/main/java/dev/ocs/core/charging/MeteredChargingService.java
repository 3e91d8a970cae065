package dev.ocs.core.charging;

import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what passes through the charging service: requests by kind, outcomes by status, requests
 * in flight, and latency (HdrHistogram, microseconds). Cheap on the request path: adders and a
 * recorder, no locks, no allocation.
 */
public final class MeteredChargingService implements ChargingService {

    private static final String[] KINDS = {"INITIAL", "UPDATE", "TERMINATE", "EVENT"};

    private final ChargingService delegate;
    private final LongAdder[] requests = new LongAdder[KINDS.length];
    private final LongAdder[] results = new LongAdder[ResultStatus.values().length];
    private final LongAdder failures = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final Recorder latency = new Recorder(3_600_000_000L, 3);
    /** Upper bounds of the cumulative latency buckets (microseconds) behind the Prometheus histogram; the last bucket is the rest. */
    public static final long[] LATENCY_BOUNDS_MICROS = {500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
            500_000, 1_000_000, 2_000_000, 5_000_000};
    private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BOUNDS_MICROS.length + 1];
    private final LongAdder latencySumMicros = new LongAdder();
    private Histogram lastInterval;

    public MeteredChargingService(ChargingService delegate) {
        this.delegate = delegate;
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new LongAdder();
        }
        for (int i = 0; i < results.length; i++) {
            results[i] = new LongAdder();
        }
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    @Override
    public CompletableFuture<ChargingResult> charge(ChargingRequest request) {
        long start = System.nanoTime();
        requests[kind(request)].increment();
        inFlight.incrementAndGet();
        return delegate.charge(request).whenComplete((r, e) -> {
            inFlight.decrementAndGet();
            long micros = Math.max(0, (System.nanoTime() - start) / 1_000);
            latency.recordValue(Math.min(micros, 3_600_000_000L));
            int b = 0;
            while (b < LATENCY_BOUNDS_MICROS.length && micros > LATENCY_BOUNDS_MICROS[b]) {
                b++;
            }
            latencyBuckets[b].increment();
            latencySumMicros.add(micros);
            if (e != null) {
                failures.increment();
            } else {
                results[r.status().ordinal()].increment();
            }
        });
    }

    @Override
    public boolean isTransient(Throwable failure) {
        return delegate.isTransient(failure);
    }

    private static int kind(ChargingRequest r) {
        return switch (r) {
            case ChargingRequest.Initial i -> 0;
            case ChargingRequest.Update u -> 1;
            case ChargingRequest.Terminate t -> 2;
            case ChargingRequest.Event e -> 3;
        };
    }

    public Map<String, Long> requestsByKind() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < KINDS.length; i++) {
            m.put(KINDS[i], requests[i].sum());
        }
        return m;
    }

    public Map<String, Long> resultsByStatus() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ResultStatus s : ResultStatus.values()) {
            m.put(s.name(), results[s.ordinal()].sum());
        }
        m.put("FAILED", failures.sum());
        return m;
    }

    public long answered() {
        long sum = failures.sum();
        for (LongAdder a : results) {
            sum += a.sum();
        }
        return sum;
    }

    public long inFlight() {
        return inFlight.get();
    }

    /** Requests answered per latency bucket since start (not cumulative across buckets; the last is beyond every bound). */
    public long[] latencyBucketCounts() {
        long[] counts = new long[latencyBuckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = latencyBuckets[i].sum();
        }
        return counts;
    }

    /** The sum of every answered request's latency since start, in microseconds. */
    public long latencySumMicros() {
        return latencySumMicros.sum();
    }

    /** Closes the current latency interval (called once per sampling period) and keeps it for reading. */
    public synchronized void rollInterval() {
        lastInterval = lastInterval == null ? latency.getIntervalHistogram() : latency.getIntervalHistogram(lastInterval);
    }

    /** Latency percentile of the last closed interval, in microseconds. */
    public synchronized long latencyMicros(double percentile) {
        return lastInterval == null || lastInterval.getTotalCount() == 0 ? 0 : lastInterval.getValueAtPercentile(percentile);
    }
}
