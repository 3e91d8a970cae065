package dev.ocs.core.store.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a processor on many keys with one operation per partition, each carrying only its own keys.
 * Hazelcast's {@code executeOnKeys} sends every key to every partition involved, and each partition
 * hashes and looks up all of them to skip the ones it does not own: partitions x keys. Measured with
 * the ledger export reading ~5,000 accounts a second over 271 partitions: a third of the server's CPU
 * at 10,000 CCR/s, on the partition threads.
 */
final class ByPartition {

    private ByPartition() {
    }

    static <V, R> Map<String, R> execute(IMap<String, V> map, PartitionService partitions, Set<String> keys,
                                         EntryProcessor<String, V, R> processor) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Set<String>> byPartition = new HashMap<>();
        for (String key : keys) {
            byPartition.computeIfAbsent(partitions.getPartition(key).getPartitionId(), p -> new HashSet<>()).add(key);
        }
        List<CompletableFuture<Map<String, R>>> parts = new ArrayList<>(byPartition.size());
        for (Set<String> part : byPartition.values()) {
            parts.add(map.submitToKeys(part, processor).toCompletableFuture());
        }
        Map<String, R> all = new HashMap<>(keys.size() * 2);
        for (CompletableFuture<Map<String, R>> part : parts) {
            part.join().forEach((k, v) -> {
                if (v != null) {
                    all.put(k, v);
                }
            });
        }
        return all;
    }
}
