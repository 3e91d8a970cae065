package dev.ocs.core.metrics;

import dev.ocs.core.charging.MeteredChargingService;
import dev.ocs.core.gateway.GatewayRequestCounts;
import dev.ocs.core.management.Rejections;
import dev.ocs.core.management.Stats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures of {@code ocs:type=Stats} as Prometheus metrics, read when scraped (nothing is added to
 * the request path but the latency buckets' counters). Sessions and reservations are the aggregate of
 * the last statistics period (10 s), like the JMX attributes.
 */
final class OcsMetrics implements MultiCollector {

    private final Stats stats;
    private final MeteredChargingService meter;

    OcsMetrics(Stats stats, MeteredChargingService meter) {
        this.stats = stats;
        this.meter = meter;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(counters("ocs_ccr_requests", "Credit-Control requests received, by CC-Request-Type", "type",
                stats.getRequestsByType()));
        out.add(counters("ocs_ccr_results", "Credit-Control requests answered, by charging outcome (FAILED: not charged, "
                + "answered 5012 or 3004)", "status", stats.getResultsByStatus()));
        out.add(latency());
        out.add(gauge("ocs_ccr_in_flight", "Credit-Control requests being charged now", stats.getInFlight()));
        out.add(counters("ocs_rejections", "Requests and connections refused at the door, by reason (overloaded: answered "
                + "3004 TOO_BUSY)", "reason", fromZero(Rejections.REASONS, stats.getRejectedByReason())));
        out.add(counters("ocs_gateway_requests", "Re-Auth and Abort-Session requests sent to gateways, by outcome", "event",
                fromZero(GatewayRequestCounts.all(), stats.getGatewayRequests())));
        out.add(gauge("ocs_sessions_open", "Open credit-control sessions (last statistics period)", stats.getActiveSessions()));
        out.add(gauge("ocs_reserved_money", "Money held by open reservations, in minor units (last statistics period)",
                stats.getReservedMoney()));
        out.add(gauge("ocs_reserved_bytes", "Bundle bytes held by open reservations (last statistics period)",
                stats.getReservedBytes()));
        out.add(gauge("ocs_accounts", "Accounts in the grid", stats.getAccounts()));
        out.add(gauge("ocs_grid_members", "Members of the data grid this node sees", stats.getGridMembers()));
        out.add(gauge("ocs_grid_backups_in_sync", "1 when every account this member owns has its backups in place "
                + "(it may stop without losing any), else 0", stats.isGridBackupsInSync() ? 1 : 0));
        out.add(gauge("ocs_store_queue", "Account changes waiting for the write-behind", stats.getStoreQueue()));
        out.add(counter("ocs_store_written", "Account rows written to the durable store", stats.getStoreWritten()));
        out.add(counter("ocs_store_errors", "Write-behind cycles that failed", stats.getStoreErrors()));
        out.add(gauge("ocs_store_last_flush_duration_seconds", "How long the last write-behind cycle that wrote something took",
                stats.getStoreLastFlushMillis() / 1000.0));
        boolean ok = stats.getStoreState().startsWith("OK");
        out.add(GaugeSnapshot.builder().name("ocs_store_failing").help("1 while this member cannot write to the durable "
                        + "store (why: the StoreState attribute in JMX), else 0")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(ok ? 0 : 1)
                        .labels(Labels.of("backend", stats.getStoreBackend())).build())
                .build());
        return new MetricSnapshots(out);
    }

    private HistogramSnapshot latency() {
        long[] counts = meter.latencyBucketCounts(); // per bucket: the exposition sums them up to each bound
        long[] bounds = MeteredChargingService.LATENCY_BOUNDS_MICROS;
        double[] upper = new double[counts.length];
        for (int i = 0; i < bounds.length; i++) {
            upper[i] = bounds[i] / 1e6;
        }
        upper[bounds.length] = Double.POSITIVE_INFINITY;
        return HistogramSnapshot.builder().name("ocs_ccr_duration_seconds").unit(Unit.SECONDS)
                .help("Time from a Credit-Control request reaching the charging core to its outcome")
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, counts))
                        .sum(meter.latencySumMicros() / 1e6).build())
                .build();
    }

    /** Every known name at 0 unless counted: a series exists before its first event (rate() and dashboards need it). */
    private static Map<String, Long> fromZero(List<String> names, Map<String, Long> counted) {
        Map<String, Long> all = new java.util.LinkedHashMap<>();
        names.forEach(n -> all.put(n, 0L));
        all.putAll(counted);
        return all;
    }

    private static CounterSnapshot counters(String name, String help, String label, Map<String, Long> values) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        values.forEach((k, v) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(v)
                .labels(Labels.of(label, k)).build()));
        return b.build();
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
