package dev.ocs.core.charging;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.Grid;
import dev.ocs.core.time.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates accounts with their subscriber identities, adds buckets, bars and unbars. */
public final class AccountProvisioning {

    private final Grid grid;
    private final Clock clock;

    public AccountProvisioning(Grid grid, Clock clock) {
        this.grid = grid;
        this.clock = clock;
    }

    /**
     * Creates an account and binds its identities. Fails, changing nothing, when the account id
     * exists or an identity belongs to another account.
     */
    public Account create(String accountId, List<SubscriberId> subscribers, long openingBalance) {
        Objects.requireNonNull(subscribers, "subscribers");
        List<String> keys = subscribers.stream().map(SubscriberId::key).distinct().toList();
        Account account = Account.open(accountId, keys, openingBalance, clock.millis());
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
        int chunks = Math.min(16, count);
        AtomicInteger created = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> parts = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) count * c / chunks);
                int to = (int) ((long) count * (c + 1) / chunks);
                parts.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        String id = prefix + i;
                        if (grid.accounts().get(id) == null) {
                            create(id, List.of(SubscriberId.parse("e164:" + (firstMsisdn + i))), openingBalance);
                            created.incrementAndGet();
                        }
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

    /** Adds a data bucket; answers its id. */
    public long addBucket(String accountId, String name, long bytes, long expiresAt, List<Long> ratingGroups,
                          String reference) {
        long id = join(grid.accounts().execute(accountId,
                new AddBucketCommand(name, bytes, expiresAt, ratingGroups, reference, clock.millis())));
        if (id < 0) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        return id;
    }

    /** Sets the account's status; answers the previous one. */
    public AccountStatus setStatus(String accountId, AccountStatus status) {
        AccountStatus previous = join(grid.accounts().execute(accountId, new SetStatusCommand(status, clock.millis())));
        if (previous == null) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        return previous;
    }

    /** Recharges money; the same reference twice credits once (DUPLICATE the second time). */
    public OperatorResult topUp(String accountId, long amount, String reference) {
        return join(grid.accounts().execute(accountId, new OperatorCommands.TopUp(amount, reference, clock.millis())));
    }

    /** Credits or debits money with a reason; a debit beyond the free money is REJECTED. */
    public OperatorResult adjust(String accountId, long delta, String reason, String reference) {
        return join(grid.accounts().execute(accountId, new OperatorCommands.Adjust(delta, reason, reference, clock.millis())));
    }

    /** Buys a bundle with the account's money; REJECTED when the money is short. */
    public OperatorResult buyBundle(String accountId, String bundle, long price, long bytes, long validitySeconds,
                                    List<Long> ratingGroups, String reference) {
        return join(grid.accounts().execute(accountId, new OperatorCommands.BuyBundle(bundle, price, bytes, validitySeconds,
                ratingGroups, reference, clock.millis())));
    }

    /** Gives the account one more identity; fails, changing nothing, when another account holds it. */
    public void addSubscriber(String accountId, SubscriberId subscriber) {
        String key = subscriber.key();
        String owner = grid.subscribers().bindIfAbsent(key, accountId);
        if (!owner.equals(accountId)) {
            throw new IllegalArgumentException("subscriber " + key + " already belongs to account " + owner);
        }
        OperatorResult r = join(grid.accounts().execute(accountId, new OperatorCommands.AddSubscriber(key, clock.millis())));
        if (r.outcome() == OperatorResult.Outcome.NO_ACCOUNT) {
            grid.subscribers().unbind(key, accountId);
            throw new IllegalArgumentException("unknown account " + accountId);
        }
    }

    /** Takes an identity away from the account; its sessions already open go on until they end. */
    public void removeSubscriber(String accountId, SubscriberId subscriber) {
        String key = subscriber.key();
        OperatorResult r = join(grid.accounts().execute(accountId, new OperatorCommands.RemoveSubscriber(key, clock.millis())));
        switch (r.outcome()) {
            case NO_ACCOUNT -> throw new IllegalArgumentException("unknown account " + accountId);
            case REJECTED -> throw new IllegalArgumentException(r.message());
            default -> grid.subscribers().unbind(key, accountId);
        }
    }

    /** Releases an open session's reservations and closes it. */
    public OperatorResult releaseSession(String accountId, String sessionId, String reason) {
        return join(grid.accounts().execute(accountId, new OperatorCommands.ReleaseSession(sessionId, reason, clock.millis())));
    }

    /**
     * Deletes an account that has no open session, and frees its identities. The account is barred
     * first, so that no session can open while it is checked; if one is open it is unbarred again and
     * the deletion refused.
     */
    public void delete(String accountId) {
        AccountStatus before = setStatus(accountId, AccountStatus.BARRED);
        Account a = grid.accounts().get(accountId);
        if (a == null) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        if (a.openSessions() > 0) {
            setStatus(accountId, before);
            throw new IllegalArgumentException("account " + accountId + " has " + a.openSessions()
                    + " open session(s); release them or wait for them to end");
        }
        grid.accounts().delete(accountId);
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
