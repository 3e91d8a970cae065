package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import dev.ocs.core.store.SessionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The session directory on the grid: one {@link DirectoryShard} per partition, in a map that keeps them
 * as objects, changed in place by the processors of {@link DirectoryProcessors}; a Session-Id's hash
 * chooses its shard. A session costs its directory no objects that outlive the request: with a map
 * entry per session the bindings kept for the retransmission window were what young collections copied
 * most after the accounts themselves (issue 12: without any directory, G1 chose an eden of 250 against
 * 130-150 MB at 10,000 CCR/s, and half as many pauses).
 *
 * <p>Expired bindings are never answered. They leave memory when a look-up meets them, or when this
 * member's expiry pass reaches their shard: every second it visits a tenth of the shards it owns, so
 * an ended binding goes at most ten seconds after its window.
 */
final class ShardedSessions implements SessionDirectory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardedSessions.class);
    /** The expiry pass visits one shard in this many each second. */
    static final int EXPIRY_ROUNDS = 10;

    private final HazelcastInstance hz;
    private final IMap<String, DirectoryShard> map;
    private final long idleMillis;
    private final LongSupplier clock;
    private final ScheduledExecutorService expiry;
    private volatile List<String> keys;
    private int round;

    /**
     * @param idleSeconds how long an open session's binding lives without being looked up
     * @param clock       the time bindings are made and expire by (epoch millis)
     */
    ShardedSessions(HazelcastInstance hz, IMap<String, DirectoryShard> map, long idleSeconds, LongSupplier clock) {
        this.hz = hz;
        this.map = map;
        this.idleMillis = idleSeconds * 1000;
        this.clock = clock;
        this.expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocs-directory-expiry");
            t.setDaemon(true);
            return t;
        });
        expiry.scheduleWithFixedDelay(this::expireRound, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<String> accountOf(String sessionId) {
        return submit(sessionId, new DirectoryProcessors.LookUp(sessionId, clock.getAsLong(), idleMillis));
    }

    @Override
    public CompletableFuture<Void> bind(String sessionId, String accountId) {
        return submit(sessionId, new DirectoryProcessors.Bind(sessionId, accountId, clock.getAsLong() + idleMillis, false))
                .thenApply(x -> null);
    }

    @Override
    public CompletableFuture<Void> retire(String sessionId, String accountId, long seconds) {
        long until = clock.getAsLong() + Math.max(1, seconds) * 1000;
        return submit(sessionId, new DirectoryProcessors.Bind(sessionId, accountId, until, true)).thenApply(x -> null);
    }

    /** A plain future completed where the call completes (its dependents run there, as the account store's). */
    private <R> CompletableFuture<R> submit(String sessionId, EntryProcessor<String, DirectoryShard, R> processor) {
        CompletableFuture<R> result = new CompletableFuture<>();
        map.submitToKey(shardKey(sessionId), processor).whenComplete((r, failure) -> {
            if (failure == null) {
                result.complete(r);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    private String shardKey(String sessionId) {
        List<String> k = keys();
        return k.get((int) Long.remainderUnsigned(DirectoryShard.hash(sessionId), k.size()));
    }

    private List<String> keys() {
        List<String> k = keys;
        if (k == null) {
            k = PartitionKeys.of(hz.getPartitionService());
            keys = k;
        }
        return k;
    }

    /** Bindings held in every shard, expired ones not yet removed included (tests and diagnostics). */
    long size() {
        long n = 0;
        for (Integer c : map.executeOnKeys(new HashSet<>(keys()), new DirectoryProcessors.Count()).values()) {
            n += c;
        }
        return n;
    }

    /** Removes what expired from a tenth of the shards this member owns; answers how many bindings went. */
    int expireRound() {
        if (!hz.getLifecycleService().isRunning()) {
            expiry.shutdown(); // the member stopped without this grid being closed (tests terminate members)
            return 0;
        }
        try {
            int r = round;
            round = (r + 1) % EXPIRY_ROUNDS;
            List<String> k = keys();
            List<String> mine = new ArrayList<>();
            for (Partition p : hz.getPartitionService().getPartitions()) {
                int id = p.getPartitionId();
                if (id % EXPIRY_ROUNDS == r && p.getOwner() != null && p.getOwner().localMember()) {
                    mine.add(k.get(id));
                }
            }
            long now = clock.getAsLong();
            int removed = 0;
            for (Integer n : ByPartition.paced(mine, key -> map.submitToKey(key, new DirectoryProcessors.Expire(now))
                    .toCompletableFuture())) {
                removed += n;
            }
            return removed;
        } catch (RuntimeException e) { // no quorum, a member leaving, this one stopping: the next round tries again
            LOG.debug("session directory expiry round failed", e);
            return 0;
        }
    }

    /** Stops the expiry pass (the member's shutdown ends the rest). */
    @Override
    public void close() {
        expiry.shutdownNow();
    }
}
