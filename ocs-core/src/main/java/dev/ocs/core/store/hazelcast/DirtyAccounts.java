package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.store.codec.AccountRow;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This member's accounts changed since they were last written to the durable store. Every account
 * processor registers its change, on the primary in {@link #primary} and, replayed, on the backup in
 * {@link #backup}: the primary's write-behind writes its accounts; a backup keeps its own values until
 * the store shows them written, so that a member that dies between a change and its write loses
 * nothing (its backup writes them instead). Lives in the member's user context, like the charging
 * policy; absent on a memory-only grid, where processors skip it.
 *
 * <p>The primary registers only the account's id: the write-behind encodes the account when it writes
 * it, on its partition thread ({@link AccountQueries.Row}), so an account charged several times between
 * two writes is encoded once, and nothing of it waits in memory for the database. Rows encoded at each
 * change waited as long as a write takes (70-480 ms for ~2,000 rows under load), and young collections
 * copied them (2026-12-02 at 10,000 CCR/s: 4.3-5.8 MB into survivor space per pause since, 6.1-7.5 MB
 * before; README "Benchmarks"). A backup keeps the value it replayed, encoded ({@link AccountRow}): that
 * value is what it must write should its primary die, and a backup replica cannot be read through the map.
 */
final class DirtyAccounts {

    private static final String KEY = "ocs.dirty-accounts";

    /** Ids of accounts this member owns that changed since the write-behind last took them. */
    final Set<String> primary = ConcurrentHashMap.newKeySet();
    final ConcurrentHashMap<String, AccountRow> backup = new ConcurrentHashMap<>();

    static DirtyAccounts install(Config config) {
        DirtyAccounts dirty = new DirtyAccounts();
        config.getUserContext().put(KEY, dirty);
        return dirty;
    }

    /** This member's registry, or {@code null} when the grid keeps no durable copy. */
    static DirtyAccounts of(HazelcastInstance instance) {
        return instance.getUserContext().get(KEY) instanceof DirtyAccounts d ? d : null;
    }

    /**
     * Called on the partition thread right after a change is stored, with the value stored. The id is
     * the account's own (old) string, not the entry's key, which Hazelcast may hand over as a fresh copy.
     */
    void changed(AccountState next, boolean onBackup) {
        if (onBackup) {
            backup.put(next.id(), AccountRow.of(next));
        } else {
            primary.add(next.id());
        }
    }

    int size() {
        return primary.size() + backup.size();
    }
}
