package dev.ocs.core.store.memory;

import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.rules.Transition;
import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.domain.AccountContinuity;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.store.AccountStore;
import dev.ocs.core.store.AccountTotals;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.SessionDirectory;
import dev.ocs.core.store.SubscriberDirectory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An in-process grid on {@link ConcurrentHashMap}: each command runs inside {@code compute} on its
 * key, which gives the same one-writer-per-account atomicity as the Hazelcast store. For unit tests
 * and tools; session entries do not expire by idle time here.
 */
public final class MemoryGrid implements Grid, AccountStore {

    private final ChargingPolicy policy;
    private final ConcurrentHashMap<String, AccountState> accounts = new ConcurrentHashMap<>();
    private final dev.ocs.core.gateway.GatewaySignals signals = new dev.ocs.core.gateway.GatewaySignals.Local();
    private final ConcurrentHashMap<String, String> subscribers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> sessions = new ConcurrentHashMap<>();

    public MemoryGrid(ChargingPolicy policy) {
        this.policy = policy;
    }

    @Override
    public AccountStore accounts() {
        return this;
    }

    @Override
    public SubscriberDirectory subscribers() {
        return subscriberDirectory;
    }

    @Override
    public SessionDirectory sessions() {
        return sessionDirectory;
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public dev.ocs.core.gateway.GatewaySignals signals() {
        return signals;
    }

    @Override
    public dev.ocs.core.store.Persistence persistence() {
        return dev.ocs.core.store.Persistence.NONE;
    }

    @Override
    public void close() {
    }

    // ---- accounts

    @Override
    public boolean create(Account account) {
        return run(account.id(), new dev.ocs.core.rules.CreateCommand(account));
    }

    @Override
    public Account get(String accountId) {
        Account[] value = new Account[1];
        accounts.computeIfPresent(accountId, (id, state) -> {
            value[0] = state.snapshot(); // read under the key's lock: a change in place is never seen half-way
            return state;
        });
        return value[0];
    }

    @Override
    public boolean delete(String accountId) {
        return accounts.remove(accountId) != null;
    }

    @Override
    public <R> CompletableFuture<R> execute(String accountId, AccountCommand<R> command) {
        try {
            return CompletableFuture.completedFuture(run(accountId, command));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Like the grid's processor: the command changes the stored state in place, under the key's lock. */
    private <R> R run(String accountId, AccountCommand<R> command) {
        Object[] result = new Object[1];
        accounts.compute(accountId, (id, current) -> {
            if (current == null) {
                Transition<R> t = command.apply(null, policy);
                result[0] = t.result();
                if (!t.changed()) {
                    return null;
                }
                String problem = AccountContinuity.problem(null, t.next());
                if (problem != null) { // the grid's interceptor would refuse it: a bug in the command
                    throw new IllegalStateException("account " + id + ": " + command.getClass().getSimpleName()
                            + " made a change the grid refuses: " + problem);
                }
                return AccountState.of(t.next());
            }
            result[0] = command.applyInPlace(current, policy);
            return current;
        });
        @SuppressWarnings("unchecked")
        R r = (R) result[0];
        return r;
    }

    @Override
    public <R> Map<String, R> executeOnDue(long dueAt, AccountCommand<R> command) {
        Map<String, R> results = new HashMap<>();
        for (String id : List.copyOf(accounts.keySet())) {
            Account a = get(id);
            if (a != null && a.nextDeadline() <= dueAt) {
                results.put(id, run(id, command));
            }
        }
        return results;
    }

    @Override
    public Map<String, List<LedgerRecord>> pendingLedger() {
        Map<String, List<LedgerRecord>> pending = new HashMap<>();
        for (Account a : snapshots()) {
            if (a.ledgerSeq() > a.exportedSeq()) {
                pending.put(a.id(), a.pendingLedger());
            }
        }
        return pending;
    }

    @Override
    public void acknowledgeLedger(Map<String, Long> exportedUpTo) {
        exportedUpTo.forEach((id, seq) -> run(id, new dev.ocs.core.rules.AcknowledgeLedgerCommand(seq)));
    }

    @Override
    public void forEach(Consumer<Account> visitor) {
        snapshots().forEach(visitor);
    }

    private List<Account> snapshots() {
        List<Account> all = new java.util.ArrayList<>(accounts.size());
        for (String id : List.copyOf(accounts.keySet())) {
            Account a = get(id);
            if (a != null) {
                all.add(a);
            }
        }
        return all;
    }

    @Override
    public AccountTotals totals() {
        AccountTotals t = AccountTotals.NONE;
        for (Account a : snapshots()) {
            t = t.plus(new AccountTotals(1, a.openSessions(), a.heldMoney(), a.reservedBytes()));
        }
        return t;
    }

    @Override
    public int size() {
        return accounts.size();
    }

    private final SubscriberDirectory subscriberDirectory = new SubscriberDirectory() {
        @Override
        public CompletableFuture<String> accountOf(String key) {
            return CompletableFuture.completedFuture(subscribers.get(key));
        }

        @Override
        public String bindIfAbsent(String subscriberKey, String accountId) {
            String existing = subscribers.putIfAbsent(subscriberKey, accountId);
            return existing == null ? accountId : existing;
        }

        @Override
        public boolean unbind(String subscriberKey, String accountId) {
            return subscribers.remove(subscriberKey, accountId);
        }
    };

    private final SessionDirectory sessionDirectory = new SessionDirectory() {
        @Override
        public CompletableFuture<String> accountOf(String sessionId) {
            return CompletableFuture.completedFuture(sessions.get(sessionId));
        }

        @Override
        public CompletableFuture<Void> bind(String sessionId, String accountId) {
            sessions.put(sessionId, accountId);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> retire(String sessionId, String accountId, long seconds) {
            return CompletableFuture.completedFuture(null); // entries here do not expire
        }
    };
}
