package dev.ocs.core.bench;

import dev.ocs.core.config.GridConfig;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.rules.ChargeCommand;
import dev.ocs.core.rules.CreateCommand;
import dev.ocs.core.rules.SweepCommand;
import dev.ocs.core.store.AccountStore;
import dev.ocs.core.store.hazelcast.HazelcastGrid;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the periodic passes over the accounts cost the partition threads: the sweeper's and the
 * statistics' totals, each run {@code 2 x 60 + 1} times on one embedded member holding {@code accounts}
 * accounts of which {@code open} have an open session. Passes 0, 60 and 120 visit every account (the
 * first, and the periodic full pass); the others read the members' indexes. Prints, for the warm full
 * passes and the median indexed one, the partition threads' CPU time and the wall time. A benchmark,
 * not a test: it asserts nothing. Run it with
 * {@code bench/sweep-bench.sh [accounts=1000000] [open=2000]}.
 */
public final class SweepBenchmark {

    private static final int PASSES = 121;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int open = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        GridConfig settings = GridConfig.defaults().isolated("ocs-sweep-bench-" + ProcessHandle.current().pid(), 16801)
                .withBackups(0);
        try (HazelcastGrid grid = HazelcastGrid.start(settings, OcsConfig.defaults().policy())) {
            AccountStore store = grid.accounts();
            long t0 = System.nanoTime();
            List<CompletableFuture<Boolean>> pending = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                pending.add(store.execute("sweep-" + i, new CreateCommand(Account.open("sweep-" + i,
                        List.of("msisdn:" + (4_917_000_000_00L + i)), 1_000_000, System.currentTimeMillis()))));
                if (pending.size() == 1_000) {
                    pending.forEach(CompletableFuture::join);
                    pending.clear();
                }
            }
            pending.forEach(CompletableFuture::join);
            long now = System.currentTimeMillis();
            for (int i = 0; i < open; i++) {
                store.execute("sweep-" + (i * (accounts / open)), new ChargeCommand(new ChargingRequest.Initial(
                        "sweep;" + i, 0, SubscriberId.msisdn("4917000000000"), List.of(ServiceUsage.ask(1))), now)).join();
            }
            System.out.printf("%,d accounts, %,d with an open session, set up in %.1f s%n", accounts, open,
                    (System.nanoTime() - t0) / 1e9);
            report("sweeper", () -> store.executeOnDue(System.currentTimeMillis(), new SweepCommand(System.currentTimeMillis())));
            report("totals ", store::totals);
        }
    }

    private static void report(String name, Runnable pass) {
        long[] cpu = new long[PASSES];
        long[] wall = new long[PASSES];
        for (int i = 0; i < PASSES; i++) {
            long c0 = partitionThreadsCpu();
            long w0 = System.nanoTime();
            pass.run();
            wall[i] = System.nanoTime() - w0;
            cpu[i] = partitionThreadsCpu() - c0;
        }
        long[] indexedCpu = new long[PASSES - 3];
        long[] indexedWall = new long[PASSES - 3];
        for (int i = 0, j = 0; i < PASSES; i++) {
            if (i % 60 != 0) {
                indexedCpu[j] = cpu[i];
                indexedWall[j++] = wall[i];
            }
        }
        Arrays.sort(indexedCpu);
        Arrays.sort(indexedWall);
        System.out.printf("%s full pass (60th, 120th): partition threads %.1f / %.1f ms CPU, %.1f / %.1f ms wall;"
                        + " indexed pass (median of %d): %.2f ms CPU, %.2f ms wall%n", name,
                cpu[60] / 1e6, cpu[120] / 1e6, wall[60] / 1e6, wall[120] / 1e6, indexedCpu.length,
                indexedCpu[indexedCpu.length / 2] / 1e6, indexedWall[indexedWall.length / 2] / 1e6);
    }

    private static long partitionThreadsCpu() {
        long sum = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("partition-operation")) {
                sum += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }
}
