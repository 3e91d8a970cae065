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
    private Histogram lastInterval;

    public MeteredChargingService(ChargingService delegate) {
        this.delegate = delegate;
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new LongAdder();
        }
        for (int i = 0; i < results.length; i++) {
            results[i] = new LongAdder();
        }
    }

    @Override
    public CompletableFuture<ChargingResult> charge(ChargingRequest request) {
        long start = System.nanoTime();
        requests[kind(request)].increment();
        inFlight.incrementAndGet();
        return delegate.charge(request).whenComplete((r, e) -> {
            inFlight.decrementAndGet();
            latency.recordValue(Math.max(0, (System.nanoTime() - start) / 1_000));
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

    /** Closes the current latency interval (called once per sampling period) and keeps it for reading. */
    public synchronized void rollInterval() {
        lastInterval = lastInterval == null ? latency.getIntervalHistogram() : latency.getIntervalHistogram(lastInterval);
    }

    /** Latency percentile of the last closed interval, in microseconds. */
    public synchronized long latencyMicros(double percentile) {
        return lastInterval == null || lastInterval.getTotalCount() == 0 ? 0 : lastInterval.getValueAtPercentile(percentile);
    }
}
