package dev.ocs.core.bench;

import dev.ocs.core.rules.ChargeCommand;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.charging.ChargingService;
import dev.ocs.core.charging.GridChargingService;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.rating.Tariff;
import dev.ocs.core.rating.TariffTable;
import dev.ocs.core.ledger.CdrFiles;
import dev.ocs.core.ledger.LedgerExporter;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.hazelcast.HazelcastGrid;
import dev.ocs.core.time.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Charging throughput on one embedded Hazelcast member with 100,000 accounts: initial + update +
 * terminate cycles, measured (a) as account operations straight on the store and (b) through the
 * charging service with its subscriber and session look-ups. A benchmark, not a test: it prints
 * figures and asserts nothing. Run it with {@code bench/core-bench.sh}.
 *
 * <p>Arguments: {@code accounts seconds inFlightPerThread} (defaults 100000 10 64).
 */
public final class ChargingBenchmark {

    private static final long RG = 1;

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        ChargingPolicy defaults = OcsConfig.defaults().policy();
        ChargingPolicy policy = new ChargingPolicy(defaults.quotaBytes(), defaults.validitySeconds(),
                defaults.graceSeconds(), defaults.retransmissionWindowSeconds(), defaults.maxClosedSessions(),
                defaults.recentLedgerRecords(), new TariffTable(Map.of(RG, new Tariff.Priced(1, 1 << 20))));
        GridConfig settings = GridConfig.defaults().isolated("ocs-bench-" + ProcessHandle.current().pid(), 16701);
        settings = settings.withBackups(0);
        System.out.printf("common pool parallelism %d, %d cores%n",
                java.util.concurrent.ForkJoinPool.commonPool().getParallelism(), Runtime.getRuntime().availableProcessors());
        try (HazelcastGrid grid = HazelcastGrid.start(settings, policy)) {
            long t0 = System.nanoTime();
            provision(grid, accounts);
            System.out.printf("provisioned %,d accounts in %.1f s%n", accounts, (System.nanoTime() - t0) / 1e9);
            ChargingService service = new GridChargingService(grid, Clock.system());
            System.out.println("warming up (JIT) for 15 s ...");
            run("warm-up", grid, 2, window, 8, accounts, (sub, acc) -> storeCycle(grid, acc));
            run("warm-up", grid, 2, window, 7, accounts, (sub, acc) -> serviceCycle(service, sub));
            System.out.println("-- charging only (ledger export paused)");
            for (int threads : new int[]{1, 2}) {
                run("store  ", grid, threads, window, seconds, accounts, (sub, acc) -> storeCycle(grid, acc));
                run("service", grid, threads, window, seconds, accounts, (sub, acc) -> serviceCycle(service, sub));
            }
            System.out.println("-- charging with the ledger exported to CDR files every second, as in production");
            java.nio.file.Path cdr = java.nio.file.Files.createTempDirectory("ocs-bench-cdr");
            LedgerExporter exporter = new LedgerExporter(grid.accounts(), new CdrFiles(cdr), Clock.system());
            exporter.run(); // what the phases above left pending
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor();
            housekeeping.scheduleWithFixedDelay(exporter::run, 1, 1, TimeUnit.SECONDS);
            for (int threads : new int[]{1, 2}) {
                run("store  ", grid, threads, window, seconds, accounts, (sub, acc) -> storeCycle(grid, acc));
                run("service", grid, threads, window, seconds, accounts, (sub, acc) -> serviceCycle(service, sub));
            }
            housekeeping.shutdownNow();
            try (var files = java.nio.file.Files.list(cdr)) {
                long bytes = files.mapToLong(f -> f.toFile().length()).sum();
                System.out.printf("CDR files written: %,d bytes (deleted now)%n", bytes);
            }
            try (var files = java.nio.file.Files.list(cdr)) {
                for (java.nio.file.Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(cdr);
        }
    }

    private static void provision(Grid grid, int accounts) {
        for (int i = 0; i < accounts; i++) {
            String id = "bench-" + i;
            String key = msisdn(i).key();
            grid.accounts().create(Account.open(id, List.of(key), Long.MAX_VALUE / 4, System.currentTimeMillis()));
            grid.subscribers().bindIfAbsent(key, id);
        }
    }

    private static SubscriberId msisdn(int i) {
        return SubscriberId.msisdn(String.valueOf(4_917_000_000_00L + i));
    }

    interface Cycle {
        CompletableFuture<Void> start(SubscriberId subscriber, String accountId);
    }

    private static final AtomicLong SESSIONS = new AtomicLong();

    private static CompletableFuture<Void> storeCycle(Grid grid, String accountId) {
        String s = "bench;" + SESSIONS.incrementAndGet();
        long now = System.currentTimeMillis();
        return grid.accounts().execute(accountId, new ChargeCommand(new ChargingRequest.Initial(s, 0, SubscriberId.msisdn("4917000000000"),
                        List.of(ServiceUsage.ask(RG))), now))
                .thenCompose(r -> grid.accounts().execute(accountId, new ChargeCommand(new ChargingRequest.Update(s, 1,
                        List.of(ServiceUsage.reportAndAsk(RG, 5_000_000))), now)))
                .thenCompose(r -> grid.accounts().execute(accountId, new ChargeCommand(new ChargingRequest.Terminate(s, 2,
                        List.of(ServiceUsage.report(RG, 1_000_000))), now)))
                .thenAccept(ChargingBenchmark::check);
    }

    private static CompletableFuture<Void> serviceCycle(ChargingService service, SubscriberId sub) {
        String s = "bench;" + SESSIONS.incrementAndGet();
        return service.charge(new ChargingRequest.Initial(s, 0, sub, List.of(ServiceUsage.ask(RG))))
                .thenCompose(r -> service.charge(new ChargingRequest.Update(s, 1, List.of(ServiceUsage.reportAndAsk(RG, 5_000_000)))))
                .thenCompose(r -> service.charge(new ChargingRequest.Terminate(s, 2, List.of(ServiceUsage.report(RG, 1_000_000)))))
                .thenAccept(ChargingBenchmark::check);
    }

    private static void check(ChargingResult r) {
        if (r.status() != ResultStatus.SUCCESS) {
            throw new IllegalStateException("unexpected " + r);
        }
    }

    private static void run(String label, Grid grid, int threads, int window, int seconds, int accounts, Cycle cycle)
            throws InterruptedException {
        AtomicLong cycles = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                Semaphore inFlight = new Semaphore(window);
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    inFlight.acquireUninterruptibly();
                    int i = rnd.nextInt(accounts);
                    cycle.start(msisdn(i), "bench-" + i).whenComplete((v, e) -> {
                        if (e != null) {
                            errors.incrementAndGet();
                        } else {
                            cycles.incrementAndGet();
                        }
                        inFlight.release();
                    });
                }
                inFlight.acquireUninterruptibly(window);
            }, "bench-" + t);
            workers.add(w);
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s threads=%d in-flight=%3d: %,9.0f cycles/s = %,9.0f account ops/s (I+U+T), errors %d%n",
                label, threads, window * threads, cycles.get() / secs, 3 * cycles.get() / secs, errors.get());
    }
}
