package dev.ocs.core.charging;

import dev.ocs.core.rules.AddBucketCommand;
import dev.ocs.core.rules.OperatorCommands;
import dev.ocs.core.rules.OperatorResult;
import dev.ocs.core.rules.SetStatusCommand;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.gateway.GatewayRequestCounts;
import dev.ocs.core.gateway.GatewaySignals;
import dev.ocs.core.gateway.SessionSignal;
import dev.ocs.core.management.Counters;
import dev.ocs.core.store.AccountRepository;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.StoreUnavailableException;
import dev.ocs.core.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Creates accounts with their subscriber identities, adds buckets, bars and unbars: the operator
 * changes. Each is durable before it returns: it is refused up front, changing nothing, while the
 * durable store is known to be failing, and written to the store synchronously after it is made.
 * Should that write fail, the call fails too, saying the change is in memory only (the write-behind
 * takes it to the store once it is back).
 */
public final class AccountProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(AccountProvisioning.class);

    private final Grid grid;
    private final Clock clock;

    private final Counters gatewayRequests = new Counters();

    public AccountProvisioning(Grid grid, Clock clock) {
        this.grid = grid;
        this.clock = clock;
    }

    /** Refuses the change before it is made when the store is known to be failing. */
    private void writable() {
        try {
            grid.persistence().checkWritable();
        } catch (StoreUnavailableException e) {
            throw new IllegalStateException(e.getMessage() + ". Nothing was changed.");
        }
    }

    /** Makes the accounts' current state durable; the change is already made. */
    private void persist(String what, Collection<String> accountIds) {
        try {
            grid.persistence().persist(accountIds);
        } catch (StoreUnavailableException e) {
            LOG.error("{}: made in memory, not durable", what, e);
            throw new IllegalStateException(what + " was made in memory but is NOT durable yet: " + e.getMessage()
                    + ". It is written to the store when the store is back, and lost if the OCS restarts before."
                    + " Repeat the request (same reference) once the store is back to confirm it.");
        }
    }

    private <T> T durably(String what, String accountId, Supplier<T> change) {
        writable();
        T result = change.get();
        persist(what + " on account " + accountId, List.of(accountId));
        return result;
    }

    /**
     * The creation time of a new account: now, or later than the deleted incarnation the store still
     * keeps of that id (a clock stepped back must not make the new account older than its tombstone).
     */
    private long creationTime(String accountId, Map<String, AccountRepository.StoredVersion> stored) {
        long now = clock.millis();
        AccountRepository.StoredVersion old = stored == null ? null : stored.get(accountId);
        return old == null ? now : Math.max(now, old.createdAt() + 1);
    }

    /**
     * Creates an account and binds its identities. Fails, changing nothing, when the account id
     * exists or an identity belongs to another account.
     */
    public Account create(String accountId, List<SubscriberId> subscribers, long openingBalance) {
        writable();
        Account account = createInMemory(accountId, subscribers, openingBalance,
                creationTime(accountId, grid.persistence().stored(List.of(accountId))));
        persist("creating account " + accountId, List.of(accountId));
        return account;
    }

    private Account createInMemory(String accountId, List<SubscriberId> subscribers, long openingBalance, long createdAt) {
        Objects.requireNonNull(subscribers, "subscribers");
        List<String> keys = subscribers.stream().map(SubscriberId::key).distinct().toList();
        Account account = Account.open(accountId, keys, openingBalance, createdAt);
        if (grid.accounts().get(accountId) != null) {
            throw new IllegalArgumentException("account " + accountId + " already exists");
        }
        List<String> bound = new ArrayList<>(keys.size());
        for (String key : keys) {
            String owner = grid.subscribers().bindIfAbsent(key, accountId);
            if (!owner.equals(accountId)) {
                bound.forEach(k -> grid.subscribers().unbind(k, accountId));
                throw new IllegalArgumentException("subscriber " + key + " already belongs to account " + owner);
            }
            bound.add(key);
        }
        if (!grid.accounts().create(account)) {
            bound.forEach(k -> grid.subscribers().unbind(k, accountId));
            throw new IllegalArgumentException("account " + accountId + " already exists");
        }
        return account;
    }

    /** The largest range {@link #createRange} takes in one call. */
    public static final int MAX_RANGE = 1_000_000;

    /**
     * Creates accounts {@code prefix0 .. prefix(count-1)}, account i with MSISDN {@code firstMsisdn + i}
     * and the opening balance, in parallel; an account id that exists already is left as it is. For
     * load runs and migrations. Answers the number created.
     */
    public int createRange(String prefix, long firstMsisdn, int count, long openingBalance) {
        if (prefix == null || prefix.isBlank() || prefix.length() > 64) {
            throw new IllegalArgumentException("an account id prefix of 1..64 characters is required");
        }
        if (count < 1 || count > MAX_RANGE) {
            throw new IllegalArgumentException("count must be 1.." + MAX_RANGE + ", got " + count);
        }
        if (openingBalance < 0) {
            throw new IllegalArgumentException("opening balance must be >= 0, got " + openingBalance);
        }
        SubscriberId.parse("e164:" + firstMsisdn);
        SubscriberId.parse("e164:" + (firstMsisdn + count - 1));
        writable();
        int chunks = Math.min(16, count);
        AtomicInteger created = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> parts = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) count * c / chunks);
                int to = (int) ((long) count * (c + 1) / chunks);
                parts.add(pool.submit(() -> {
                    for (int slice = from; slice < to; slice += RANGE_SLICE) {
                        int end = Math.min(to, slice + RANGE_SLICE);
                        List<String> ids = new ArrayList<>(end - slice);
                        for (int i = slice; i < end; i++) {
                            ids.add(prefix + i);
                        }
                        Map<String, AccountRepository.StoredVersion> stored = grid.persistence().stored(ids);
                        List<String> made = new ArrayList<>(ids.size());
                        for (int i = slice; i < end; i++) {
                            String id = prefix + i;
                            if (grid.accounts().get(id) == null) {
                                createInMemory(id, List.of(SubscriberId.parse("e164:" + (firstMsisdn + i))), openingBalance,
                                        creationTime(id, stored));
                                made.add(id);
                            }
                        }
                        persist("creating " + made.size() + " accounts from " + prefix + slice, made);
                        created.addAndGet(made.size());
                    }
                }));
            }
            for (var part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after creating " + created.get() + " accounts", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return created.get();
    }

    /** Accounts {@link #createRange} creates and makes durable together. */
    static final int RANGE_SLICE = 1_000;

    /** Adds a data bucket; answers its id. */
    public long addBucket(String accountId, String name, long bytes, long expiresAt, List<Long> ratingGroups,
                          String reference) {
        long id = durably("adding bucket " + name, accountId, () -> join(grid.accounts().execute(accountId,
                new AddBucketCommand(name, bytes, expiresAt, ratingGroups, reference, clock.millis()))));
        if (id < 0) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        signal(GatewaySignals.reauthorizations(grid.accounts().get(accountId)));
        return id;
    }

    /** Sets the account's status; answers the previous one. */
    public AccountStatus setStatus(String accountId, AccountStatus status) {
        return setStatus(accountId, status, true);
    }

    private AccountStatus setStatus(String accountId, AccountStatus status, boolean tellGateways) {
        AccountStatus previous = durably("setting status " + status, accountId,
                () -> join(grid.accounts().execute(accountId, new SetStatusCommand(status, clock.millis()))));
        if (previous == null) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        if (previous != status && tellGateways) {
            Account a = grid.accounts().get(accountId);
            // barred: every open session is aborted (its CCR-T is charged); unbarred: the sessions told
            // there was no credit are re-authorised
            signal(status == AccountStatus.BARRED ? GatewaySignals.aborts(a) : GatewaySignals.reauthorizations(a));
        }
        return previous;
    }

    /** Recharges money; the same reference twice credits once (DUPLICATE the second time). */
    public OperatorResult topUp(String accountId, long amount, String reference) {
        return creditBack(accountId, durably("top-up " + reference, accountId,
                () -> join(grid.accounts().execute(accountId, new OperatorCommands.TopUp(amount, reference, clock.millis())))));
    }

    /** Credits or debits money with a reason; a debit beyond the free money is REJECTED. */
    public OperatorResult adjust(String accountId, long delta, String reason, String reference) {
        OperatorResult r = durably("adjustment " + reference, accountId, () -> join(grid.accounts().execute(accountId,
                new OperatorCommands.Adjust(delta, reason, reference, clock.millis()))));
        return delta > 0 ? creditBack(accountId, r) : r;
    }

    /** Buys a bundle with the account's money; REJECTED when the money is short. */
    public OperatorResult buyBundle(String accountId, String bundle, long price, long bytes, long validitySeconds,
                                    List<Long> ratingGroups, String reference) {
        return creditBack(accountId, durably("bundle purchase " + reference, accountId, () -> join(grid.accounts().execute(
                accountId, new OperatorCommands.BuyBundle(bundle, price, bytes, validitySeconds, ratingGroups, reference,
                        clock.millis())))));
    }

    /** Gives the account one more identity; fails, changing nothing, when another account holds it. */
    public void addSubscriber(String accountId, SubscriberId subscriber) {
        String key = subscriber.key();
        writable();
        String owner = grid.subscribers().bindIfAbsent(key, accountId);
        if (!owner.equals(accountId)) {
            throw new IllegalArgumentException("subscriber " + key + " already belongs to account " + owner);
        }
        OperatorResult r = join(grid.accounts().execute(accountId, new OperatorCommands.AddSubscriber(key, clock.millis())));
        if (r.outcome() == OperatorResult.Outcome.NO_ACCOUNT) {
            grid.subscribers().unbind(key, accountId);
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        persist("adding " + key + " to account " + accountId, List.of(accountId));
    }

    /** Takes an identity away from the account; its sessions already open go on until they end. */
    public void removeSubscriber(String accountId, SubscriberId subscriber) {
        String key = subscriber.key();
        OperatorResult r = durably("removing " + key, accountId,
                () -> join(grid.accounts().execute(accountId, new OperatorCommands.RemoveSubscriber(key, clock.millis()))));
        switch (r.outcome()) {
            case NO_ACCOUNT -> throw new IllegalArgumentException("unknown account " + accountId);
            case REJECTED -> throw new IllegalArgumentException(r.message());
            default -> grid.subscribers().unbind(key, accountId);
        }
    }

    /** Releases an open session's reservations and closes it. */
    public OperatorResult releaseSession(String accountId, String sessionId, String reason) {
        OperatorResult r = durably("releasing session " + sessionId, accountId, () -> join(grid.accounts().execute(accountId,
                new OperatorCommands.ReleaseSession(sessionId, reason, clock.millis()))));
        if (r.outcome() == OperatorResult.Outcome.APPLIED) {
            signal(GatewaySignals.abort(grid.accounts().get(accountId), sessionId)); // the gateway stops it too
        }
        return r;
    }

    /** After a change that gave the account credit: re-authorise the sessions that were told there was none. */
    private OperatorResult creditBack(String accountId, OperatorResult r) {
        if (r.outcome() == OperatorResult.Outcome.APPLIED) {
            signal(GatewaySignals.reauthorizations(grid.accounts().get(accountId)));
        }
        return r;
    }

    /** Sends the signals to the nodes holding their gateways; one for a gateway no node holds is counted and logged. */
    private void signal(List<SessionSignal> signals) {
        if (signals.isEmpty()) {
            return;
        }
        GatewaySignals g = grid.signals();
        List<SessionSignal> reachable = new ArrayList<>(signals.size());
        for (SessionSignal s : signals) {
            if (g.reachable(s.gatewayHost())) {
                reachable.add(s);
            } else {
                gatewayRequests.count(GatewayRequestCounts.name(s.kind(), GatewayRequestCounts.UNREACHABLE));
                LOG.warn("{} for session {} of account {} not sent: gateway {} is connected to no OCS node", s.kind(),
                        s.sessionId(), s.accountId(), s.gatewayHost());
            }
        }
        g.publish(reachable);
    }

    /** RAR/ASR counts: unreachable here, sent/answered/failed where the Diameter side sends them. */
    public Counters gatewayRequests() {
        return gatewayRequests;
    }

    /**
     * Deletes an account that has no open session, and frees its identities. The account is barred
     * first, so that no session can open while it is checked; if one is open it is unbarred again and
     * the deletion refused.
     */
    public void delete(String accountId) {
        writable();
        AccountStatus before = setStatus(accountId, AccountStatus.BARRED);
        Account a = grid.accounts().get(accountId);
        if (a == null) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        if (a.openSessions() > 0) {
            setStatus(accountId, before, false); // the bar has sent ASR to the sessions' gateways
            throw new IllegalArgumentException("account " + accountId + " has " + a.openSessions()
                    + " open session(s): their gateways were asked to end them (ASR); delete again once they have ended");
        }
        try {
            grid.accounts().delete(accountId); // durable (a tombstone in the store) before it leaves the grid
        } catch (StoreUnavailableException e) {
            setStatus(accountId, before, false);
            throw new IllegalStateException("deleting account " + accountId + " refused: " + e.getMessage()
                    + ". Nothing was deleted.");
        }
        a.subscribers().forEach(key -> grid.subscribers().unbind(key, accountId));
    }

    static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
