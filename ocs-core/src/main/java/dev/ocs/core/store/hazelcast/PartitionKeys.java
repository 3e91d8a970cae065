package dev.ocs.core.store.hazelcast;

import com.hazelcast.partition.PartitionService;

import java.util.List;

/**
 * A key in each partition, by partition id: found once by hashing candidates (the partition count is
 * fixed for a cluster), for what is kept or run per partition.
 */
final class PartitionKeys {

    private PartitionKeys() {
    }

    static List<String> of(PartitionService partitions) {
        int count = partitions.getPartitions().size();
        String[] byId = new String[count];
        int found = 0;
        for (long i = 0; found < count; i++) {
            String candidate = "partition-key-" + i;
            int id = partitions.getPartition(candidate).getPartitionId();
            if (byId[id] == null) {
                byId[id] = candidate;
                found++;
            }
        }
        return List.of(byId);
    }
}
