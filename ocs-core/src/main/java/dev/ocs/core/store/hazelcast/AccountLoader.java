package dev.ocs.core.store.hazelcast;

import com.hazelcast.map.MapLoader;
import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.store.AccountRepository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fills the accounts map from the durable store: every stored account at start-up (the map's
 * initial load is EAGER, so the member serves nothing before it is complete), and, once a partition
 * has been lost (two members gone at once), any account the grid lacks is read back from the store.
 * While no partition was lost, an account missing from the complete grid does not exist, and the
 * loader says so without asking the database (a miss would otherwise cost a query on the partition
 * thread: every create, every look-up of an unknown id). Each loaded account is also handed to the
 * {@link DirectoryBacklog}, which binds its identities and sessions again: those directories are
 * derived from the accounts, never stored twice.
 */
final class AccountLoader implements MapLoader<String, AccountState> {

    private final AccountRepository repository;
    private final DirectoryBacklog backlog;
    private final Set<String> pendingMarks;
    private final LongAdder loaded = new LongAdder();
    private volatile boolean complete;
    private volatile boolean partitionLost;

    /** @param pendingMarks the member's {@link PendingMarks}: a loaded account with unexported records is marked */
    AccountLoader(AccountRepository repository, DirectoryBacklog backlog, Set<String> pendingMarks) {
        this.repository = repository;
        this.backlog = backlog;
        this.pendingMarks = pendingMarks;
    }

    /** The initial load is over: from now on the grid holds every account. */
    void complete() {
        complete = true;
    }

    /** A partition lost its data: misses must be read from the store again. */
    void partitionLost() {
        partitionLost = true;
    }

    boolean partitionLostSeen() {
        return partitionLost;
    }

    private boolean gridIsComplete() {
        return complete && !partitionLost;
    }

    @Override
    public AccountState load(String accountId) {
        if (gridIsComplete()) {
            return null;
        }
        Account a = repository.load(accountId);
        if (a == null) {
            return null;
        }
        loaded(a);
        return AccountState.of(a);
    }

    @Override
    public Map<String, AccountState> loadAll(Collection<String> accountIds) {
        if (gridIsComplete()) {
            return Map.of();
        }
        Map<String, Account> found = repository.loadAll(accountIds);
        Map<String, AccountState> states = new HashMap<>(found.size() * 2);
        found.forEach((id, a) -> {
            loaded(a);
            states.put(id, AccountState.of(a));
        });
        return states;
    }

    private void loaded(Account a) {
        loaded.increment();
        backlog.add(a);
        if (a.ledgerSeq() > a.exportedSeq()) {
            pendingMarks.add(a.id());
        }
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return repository.ids();
    }

    /** Accounts this member has loaded from the store since it started. */
    long loaded() {
        return loaded.sum();
    }
}
