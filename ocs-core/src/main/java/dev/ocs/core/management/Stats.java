package dev.ocs.core.management;

import dev.ocs.api.StatsMXBean;

import dev.ocs.core.OcsCore;
import dev.ocs.core.charging.MeteredChargingService;
import dev.ocs.core.store.AccountTotals;
import dev.ocs.core.store.PersistenceStats;

import java.util.Map;

/** The {@link StatsMXBean} over the running core; {@link #sample} is called once per period. */
public final class Stats implements StatsMXBean {

    private final OcsCore core;
    private final MeteredChargingService meter;
    private long lastAnswered;
    private long lastSampleNanos = System.nanoTime();
    private volatile long answersPerSecond;
    private volatile AccountTotals totals = AccountTotals.NONE;

    public Stats(OcsCore core) {
        this.core = core;
        this.meter = core.meter();
    }

    /** Closes a sampling period: rate and latency percentiles are read from the period just closed. */
    public synchronized void sample() {
        long now = System.nanoTime();
        long answered = meter.answered();
        double seconds = (now - lastSampleNanos) / 1e9;
        answersPerSecond = seconds <= 0 ? 0 : Math.round((answered - lastAnswered) / seconds);
        lastAnswered = answered;
        lastSampleNanos = now;
        meter.rollInterval();
        // one aggregation per period, computed where the accounts live: a monitor polling the
        // attributes every few seconds (jconsole does) costs nothing more
        totals = core.grid().accounts().totals();
    }

    @Override
    public Map<String, Long> getRequestsByType() {
        return meter.requestsByKind();
    }

    @Override
    public Map<String, Long> getResultsByStatus() {
        return meter.resultsByStatus();
    }

    @Override
    public long getInFlight() {
        return meter.inFlight();
    }

    @Override
    public Map<String, Long> getGatewayRequests() {
        return core.provisioning().gatewayRequests().snapshot();
    }

    @Override
    public Map<String, Long> getRejectedByReason() {
        return core.rejections().snapshot();
    }

    @Override
    public long getAnswersPerSecond() {
        return answersPerSecond;
    }

    @Override
    public long getLatencyP50Micros() {
        return meter.latencyMicros(50);
    }

    @Override
    public long getLatencyP99Micros() {
        return meter.latencyMicros(99);
    }

    @Override
    public long getLatencyP999Micros() {
        return meter.latencyMicros(99.9);
    }

    @Override
    public long getLatencyMaxMicros() {
        return meter.latencyMicros(100);
    }

    @Override
    public long getActiveSessions() {
        return totals.openSessions();
    }

    @Override
    public long getReservedMoney() {
        return totals.heldMoney();
    }

    @Override
    public long getReservedBytes() {
        return totals.reservedBytes();
    }

    @Override
    public int getAccounts() {
        return core.grid().accounts().size();
    }

    @Override
    public boolean isGridBackupsInSync() {
        return core.grid().backupsInSync();
    }

    @Override
    public int getGridMembers() {
        return core.grid().members();
    }

    private PersistenceStats store() {
        return core.grid().persistence().stats();
    }

    @Override
    public String getStoreBackend() {
        return store().backend();
    }

    @Override
    public String getStoreState() {
        return store().state();
    }

    @Override
    public long getStoreQueue() {
        return store().queued();
    }

    @Override
    public long getStoreLastFlush() {
        return store().lastFlush();
    }

    @Override
    public long getStoreLastFlushMillis() {
        return store().lastFlushMillis();
    }

    @Override
    public long getStoreWritten() {
        return store().written();
    }

    @Override
    public long getStoreErrors() {
        return store().errors();
    }

    @Override
    public long getStoreLoadMillis() {
        return store().loadMillis();
    }
}
