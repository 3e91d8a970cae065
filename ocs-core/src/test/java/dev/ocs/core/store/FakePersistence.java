package dev.ocs.core.store;

import dev.ocs.core.domain.Account;
import dev.ocs.core.store.AccountRepository.StoredVersion;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A durable store under a test's control, in front of a memory grid: it holds what the test (or a
 * {@link #persist}) put there, and fails on demand, as a database that went away would.
 */
public final class FakePersistence implements Persistence {

    private final AccountStore accounts;
    private final Map<String, StoredVersion> stored = new ConcurrentHashMap<>();
    public volatile boolean failing;
    /** The store is thought healthy, but the next synchronous write fails (it went away just now). */
    public volatile boolean failNextWrite;
    public volatile boolean refuseCharging;

    public FakePersistence(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** What the write-behind would have written by now: the account as it is. */
    public void write(String accountId) {
        Account a = accounts.get(accountId);
        stored.put(accountId, new StoredVersion(a.createdAt(), a.version(), false, a.ledgerSeq(), a.exportedSeq()));
    }

    public StoredVersion get(String accountId) {
        return stored.get(accountId);
    }

    @Override
    public String describe() {
        return "fake store";
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void persist(Collection<String> accountIds) {
        if (failNextWrite) {
            failNextWrite = false;
            throw new StoreUnavailableException("fake store went away");
        }
        if (failing) {
            throw new StoreUnavailableException("fake store is down");
        }
        accountIds.stream().filter(id -> accounts.get(id) != null).forEach(this::write);
    }

    @Override
    public void flush() {
    }

    @Override
    public void checkWritable() {
        if (failing) {
            throw new StoreUnavailableException("fake store is down");
        }
    }

    @Override
    public boolean acceptsCharging() {
        return !refuseCharging;
    }

    @Override
    public Map<String, StoredVersion> stored(Collection<String> accountIds) {
        if (failing) {
            throw new StoreUnavailableException("fake store is down");
        }
        Map<String, StoredVersion> m = new HashMap<>();
        for (String id : accountIds) {
            if (stored.containsKey(id)) {
                m.put(id, stored.get(id));
            }
        }
        return m;
    }

    @Override
    public PersistenceStats stats() {
        return new PersistenceStats("fake store", failing ? 1 : 0, failing ? "down" : "", 0, 0, 0, 0, 0, 0, 0);
    }

    /** A memory grid whose persistence is this fake. */
    public static Grid around(dev.ocs.core.store.memory.MemoryGrid inner, FakePersistence[] out) {
        FakePersistence p = new FakePersistence(inner.accounts());
        out[0] = p;
        return new DelegatingGrid(inner) {
            @Override
            public Persistence persistence() {
                return p;
            }
        };
    }
}
