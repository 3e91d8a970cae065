package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;

import java.util.concurrent.ConcurrentHashMap;

/**
 * This member's accounts changed since they were last written to the durable store, by id with the
 * newest version registered (coalesced: an account charged ten times between two writes is written
 * once). The value itself is not kept here: it changes in place on its partition thread, and the
 * write-behind takes a snapshot there when it writes. Every account processor registers the version
 * it stored, on the primary in {@link #primary} and, replayed, on the backup in {@link #backup}: the
 * primary's write-behind writes its entries; a backup keeps its own until the store shows them
 * written, so that a member that dies between a change and its write loses nothing (its backup, by
 * then the owner, writes them instead). Lives in the member's user context, like the charging policy;
 * absent on a memory-only grid, where processors skip it.
 */
final class DirtyAccounts {

    private static final String KEY = "ocs.dirty-accounts";

    /** One registered change: the incarnation and version an account reached. */
    record Change(long createdAt, long version) {
    }

    final ConcurrentHashMap<String, Change> primary = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Change> backup = new ConcurrentHashMap<>();

    static DirtyAccounts install(Config config) {
        DirtyAccounts dirty = new DirtyAccounts();
        config.getUserContext().put(KEY, dirty);
        return dirty;
    }

    /** This member's registry, or {@code null} when the grid keeps no durable copy. */
    static DirtyAccounts of(HazelcastInstance instance) {
        return instance.getUserContext().get(KEY) instanceof DirtyAccounts d ? d : null;
    }

    /** Called on the partition thread right after a change is stored. */
    void changed(String accountId, long createdAt, long version, boolean onBackup) {
        (onBackup ? backup : primary).put(accountId, new Change(createdAt, version));
    }

    int size() {
        return primary.size() + backup.size();
    }
}
