package dev.ocs.core.store.hazelcast;

import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.store.codec.AccountRow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write-behind's reads of the accounts it writes: each account encoded on its partition thread as
 * it is now ({@link AccountQueries.Row}), one grid operation per partition. A batch is made of whole
 * partitions, so a cycle reads each partition once however many batches it writes: cut into batches in
 * any order, 2,000 changed accounts in batches of 1,000 were an operation per partition per batch, and
 * their invocations allocated more than the encoding they replaced (measured with JFR at 10,000 CCR/s).
 */
final class GridRows implements AccountWriteBehind.Rows {

    /**
     * Reads outstanding at once. The write waits for the reads, and the loss window of a crash of every
     * member is a flush interval plus one write. At 10,000 CCR/s a cycle took 0.27-0.91 s paced at
     * {@link ByPartition#IN_FLIGHT} (2), 0.13-0.83 s at 16, against 0.03-0.23 s when the rows were encoded
     * at each change (README "Benchmarks"). Each read encodes a few accounts, so a charge waits behind at
     * most a few of them on its partition thread.
     */
    static final int IN_FLIGHT = 16;

    private final IMap<String, AccountState> accounts;
    private final PartitionService partitions;

    GridRows(IMap<String, AccountState> accounts, PartitionService partitions) {
        this.accounts = accounts;
        this.partitions = partitions;
    }

    @Override
    public Map<String, AccountRow> of(Set<String> ids) {
        AccountQueries.Row row = new AccountQueries.Row();
        Map<String, AccountRow> elsewhere = ByPartition.execute(accounts, partitions, ids, row, IN_FLIGHT);
        if (elsewhere.isEmpty()) {
            return row.encoded();
        }
        Map<String, AccountRow> all = new HashMap<>(row.encoded());
        all.putAll(elsewhere);
        return all;
    }

    @Override
    public List<Set<String>> batches(Set<String> ids, int size) {
        return AccountWriteBehind.Rows.pack(ByPartition.group(partitions, ids).values(), size);
    }
}
