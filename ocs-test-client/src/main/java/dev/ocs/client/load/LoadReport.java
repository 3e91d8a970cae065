package dev.ocs.client.load;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one load run, as text for a person and as JSON for later comparison. Latencies are
 * microseconds from each request's scheduled send time, warm-up excluded; the latency percentiles are
 * of the admitted answers, those of the 3004 TOO_BUSY answers ({@code refused*}) apart.
 */
public record LoadReport(long targetRate, double measuredSeconds, long requests, long answers, long timeouts, long errors,
                         long lateAnswers, long sessionsStarted, long sessionsCompleted, long measuredAnswers,
                         long p50, long p90, long p99, long p999, long max, double mean, Map<Long, Long> resultCodes,
                         double clientCpuSeconds, long refusedCount, long refusedP99, long refusedMax) {

    static LoadReport of(long targetRate, double measuredSeconds, LoadStats stats, Histogram h, double clientCpuSeconds) {
        return new LoadReport(targetRate, measuredSeconds, stats.sent(), stats.answered(), stats.timeouts(), stats.errors(),
                stats.late.sum(), stats.sessionsStarted.sum(), stats.sessionsCompleted.sum(), h.getTotalCount(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getTotalCount() == 0 ? 0 : h.getMean(), stats.resultCodes(),
                clientCpuSeconds, stats.refused().getTotalCount(), stats.refused().getValueAtPercentile(99),
                stats.refused().getMaxValue());
    }

    /** Measured answers per second (after warm-up). */
    public double achievedRate() {
        return measuredSeconds <= 0 ? 0 : measuredAnswers / measuredSeconds;
    }

    public String toText() {
        return String.format(Locale.ROOT, """
                target rate      %d CCR/s, achieved %.0f answers/s over %.1f s measured
                requests         %d sent, %d answered, %d timed out, %d errors, %d late answers
                sessions         %d started, %d completed
                latency (ms)     p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  mean %s  (%d measured)
                3004 answers     %d, p99 %s ms, max %s ms
                result codes     %s
                client CPU       %.1f s
                """, targetRate, achievedRate(), measuredSeconds, requests, answers, timeouts, errors, lateAnswers,
                sessionsStarted, sessionsCompleted, ms(p50), ms(p90), ms(p99), ms(p999), ms(max), ms((long) mean),
                measuredAnswers, refusedCount, ms(refusedP99), ms(refusedMax), resultCodes, clientCpuSeconds);
    }

    public String toJson() {
        String codes = resultCodes.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        return String.format(Locale.ROOT, """
                {
                  "target_rate": %d,
                  "achieved_rate": %.1f,
                  "measured_seconds": %.3f,
                  "requests": %d,
                  "answers": %d,
                  "timeouts": %d,
                  "errors": %d,
                  "late_answers": %d,
                  "sessions_started": %d,
                  "sessions_completed": %d,
                  "latency_us": {"count": %d, "p50": %d, "p90": %d, "p99": %d, "p99_9": %d, "max": %d, "mean": %.1f},
                  "refused_us": {"count": %d, "p99": %d, "max": %d},
                  "result_codes": %s,
                  "client_cpu_seconds": %.2f
                }
                """, targetRate, achievedRate(), measuredSeconds, requests, answers, timeouts, errors, lateAnswers,
                sessionsStarted, sessionsCompleted, measuredAnswers, p50, p90, p99, p999, max, mean, refusedCount, refusedP99,
                refusedMax, codes, clientCpuSeconds);
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
