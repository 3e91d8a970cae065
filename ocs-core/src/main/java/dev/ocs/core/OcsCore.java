package dev.ocs.core;

import dev.ocs.core.management.Rejections;
import dev.ocs.core.charging.AccountProvisioning;
import dev.ocs.core.charging.ChargingService;
import dev.ocs.core.charging.GridChargingService;
import dev.ocs.core.charging.MeteredChargingService;
import dev.ocs.core.charging.ReservationSweeper;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.ledger.CdrFiles;
import dev.ocs.core.ledger.LedgerExporter;
import dev.ocs.core.notify.LedgerNotifier;
import dev.ocs.core.notify.LoggingNotificationSink;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.hazelcast.HazelcastGrid;
import dev.ocs.core.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The charging core as one running unit: the grid member, the charging service, the reservation
 * sweeper and the ledger exporter. Started by the server, stopped in reverse order.
 */
public final class OcsCore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OcsCore.class);

    private final OcsConfig config;
    private final Grid grid;
    private final Clock clock;
    private final MeteredChargingService charging;
    private final GridChargingService gridCharging;
    private final AccountProvisioning provisioning;
    private final ReservationSweeper sweeper;
    private final LedgerExporter exporter;
    private final ScheduledExecutorService scheduler;
    private final LedgerNotifier notifier;
    private final Rejections rejections = new Rejections();

    private OcsCore(OcsConfig config, Grid grid, Clock clock) {
        this.config = config;
        this.grid = grid;
        this.clock = clock;
        this.gridCharging = new GridChargingService(grid, clock, config.policy().retransmissionWindowSeconds(),
                config.policy().sessionIdleSeconds());
        this.charging = new MeteredChargingService(gridCharging);
        this.provisioning = new AccountProvisioning(grid, clock);
        this.sweeper = new ReservationSweeper(grid.accounts(), clock);
        this.exporter = new LedgerExporter(grid.accounts(), grid.persistence(), new CdrFiles(config.ledger().cdrDirectory()),
                clock);
        this.notifier = new LedgerNotifier(config.thresholds().lowBalanceMoney(), config.thresholds().lowBalanceBytes());
        this.notifier.addSink(new LoggingNotificationSink());
        this.exporter.follow(notifier);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocs-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts an embedded Hazelcast member as configured (loading every account from the durable store
     * first), seeds the configured accounts the store never had, starts the schedules.
     */
    public static OcsCore start(OcsConfig config) {
        long t0 = System.nanoTime();
        Grid grid = HazelcastGrid.start(config.grid(), config.policy(), config.persistence());
        try {
            OcsCore core = start(config, grid, Clock.system());
            LOG.info("started in {} ms (store: {})", (System.nanoTime() - t0) / 1_000_000, grid.persistence().describe());
            return core;
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    public static OcsCore start(OcsConfig config, Grid grid, Clock clock) {
        OcsCore core = new OcsCore(config, grid, clock);
        try {
            core.exporter.reconcile();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the CDR files in " + config.ledger().cdrDirectory()
                    + " to reconcile them with the accounts: " + e.getMessage(), e);
        }
        core.seedAccounts();
        core.scheduler.scheduleWithFixedDelay(core.sweeper::run, config.sweepIntervalSeconds(),
                config.sweepIntervalSeconds(), TimeUnit.SECONDS);
        core.scheduler.scheduleWithFixedDelay(core.exporter::run, config.ledger().exportIntervalMillis(),
                config.ledger().exportIntervalMillis(), TimeUnit.MILLISECONDS);
        core.scheduler.scheduleWithFixedDelay(core.gridCharging::purgeLocalSessions, 60, 60, TimeUnit.SECONDS);
        LOG.info("charging core up: {} accounts, {} grid member(s), CDRs in {}", grid.accounts().size(), grid.members(),
                config.ledger().cdrDirectory().toAbsolutePath());
        return core;
    }

    /** Creates the configured accounts that neither the grid nor the store has ever had (one deleted stays deleted). */
    private void seedAccounts() {
        java.util.List<String> ids = config.accounts().stream().map(OcsConfig.AccountSeed::id).toList();
        java.util.Map<String, ?> stored = ids.isEmpty() ? null : grid.persistence().stored(ids);
        for (OcsConfig.AccountSeed seed : config.accounts()) {
            if (grid.accounts().get(seed.id()) != null || (stored != null && stored.containsKey(seed.id()))) {
                continue;
            }
            provisioning.create(seed.id(), seed.subscribers(), seed.balance());
            for (OcsConfig.BucketSeed b : seed.buckets()) {
                long expires = Instant.ofEpochMilli(clock.millis()).plusSeconds(b.validDays() * 86_400).toEpochMilli();
                provisioning.addBucket(seed.id(), b.name(), b.bytes(), expires, b.ratingGroups(), "seed " + b.name());
            }
        }
    }

    public OcsConfig config() {
        return config;
    }

    public Grid grid() {
        return grid;
    }

    public Clock clock() {
        return clock;
    }

    public ChargingService charging() {
        return charging;
    }

    /** The counters and latency of every charging request. */
    public MeteredChargingService meter() {
        return charging;
    }

    /** Runs {@code task} every {@code seconds} on the core's housekeeping thread (statistics sampling). */
    public void every(long seconds, Runnable task) {
        scheduler.scheduleAtFixedRate(task, seconds, seconds, TimeUnit.SECONDS);
    }

    public AccountProvisioning provisioning() {
        return provisioning;
    }

    public LedgerExporter exporter() {
        return exporter;
    }

    /** What the server refused at its door, by reason (counted by the protocol side). */
    public Rejections rejections() {
        return rejections;
    }

    /** Where account notifications are sent from; add sinks (JMX, SMS gateways) here. */
    public LedgerNotifier notifier() {
        return notifier;
    }

    /** Stops the schedules, exports what is still pending, then leaves the grid. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exporter.run();
        grid.close();
        LOG.info("charging core stopped");
    }
}
