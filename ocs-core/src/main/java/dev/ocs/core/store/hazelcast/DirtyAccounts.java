package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.store.codec.AccountRow;

import java.util.concurrent.ConcurrentHashMap;

/**
 * This member's accounts changed since they were last written to the durable store: the newest
 * value per account (coalesced: an account charged ten times between two writes is written once).
 * Every account processor registers the value it stored, on the primary as {@link #primary} and,
 * replayed, on the backup as {@link #backup}: the primary's write-behind writes its entries; a
 * backup keeps its own until the store shows them written, so that a member that dies between a
 * change and its write loses nothing (its backup writes them instead). Lives in the member's user
 * context, like the charging policy; absent on a memory-only grid, where processors skip it.
 *
 * <p>Values are kept as {@link AccountRow}s, encoded on the partition thread at the change: a few
 * objects per account instead of the account's whole object graph. A young collection that falls
 * between a change and its write copies what is registered here; as accounts (a snapshot of every
 * session, bucket and ledger record each) that doubled the GC time under load.
 */
final class DirtyAccounts {

    private static final String KEY = "ocs.dirty-accounts";

    final ConcurrentHashMap<String, AccountRow> primary = new ConcurrentHashMap<>();
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

    /** Called on the partition thread right after a change is stored, with the value stored (encoded here). */
    void changed(String accountId, AccountState next, boolean onBackup) {
        (onBackup ? backup : primary).put(accountId, AccountRow.of(next));
    }

    int size() {
        return primary.size() + backup.size();
    }
}
