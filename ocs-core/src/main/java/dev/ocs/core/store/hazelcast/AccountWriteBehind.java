package dev.ocs.core.store.hazelcast;

import dev.ocs.core.store.AccountRepository;
import dev.ocs.core.store.AccountRepository.StoredVersion;
import dev.ocs.core.store.PersistenceStats;
import dev.ocs.core.store.codec.AccountRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * This member's group-committed write-behind: every {@code intervalMillis} it writes the newest
 * value of each account its partitions changed since the last cycle, in transactions of
 * {@code batchSize} accounts, off the partition threads (charging never waits for the database).
 * A crash of every member at once loses at most the changes of the last interval plus one write.
 *
 * <p>Changed accounts are registered by id; a batch is taken out of the registry first, then encoded as
 * the accounts are now ({@link Rows}, on their partition threads) and written. A change after the take
 * registers its account again, for the next cycle; a batch that fails to be read or written is registered
 * again, so it is retried with the accounts' values of then.
 *
 * <p>Backups: values this member holds as a backup replica stay registered until the store shows
 * them (or something newer) written. One still unconfirmed a check later, unchanged, was not written
 * by its primary (which died, or cannot write): this member writes it itself. So a member crash
 * loses nothing. Writes are idempotent and ordered by version in the store, so a value written by
 * both is harmless.
 *
 * <p>While the store fails, values stay registered (at most one per account) and are retried with
 * back-off; the failure shows in {@link #stats} and in the log at once, and again every minute.
 */
final class AccountWriteBehind implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountWriteBehind.class);
    /** Longest pause between attempts while the store fails. */
    static final long MAX_BACKOFF_MILLIS = 2_000;
    /** An idle member checks the store this often, so that an outage shows before anyone needs it. */
    static final long PROBE_MILLIS = 2_000;

    /** The rows of accounts of this grid as they are now, encoded where they live; the gone ones are absent. */
    @FunctionalInterface
    interface Rows {
        Map<String, AccountRow> of(Set<String> accountIds);

        /** {@code accountIds} in batches of about {@code size}, each as cheap to read as the grid allows. */
        default List<Set<String>> batches(Set<String> accountIds, int size) {
            return pack(accountIds.stream().map(Set::of).toList(), size);
        }

        /** Whole groups put together into batches of at least {@code size} (the last one smaller). */
        static List<Set<String>> pack(Collection<? extends Collection<String>> groups, int size) {
            List<Set<String>> batches = new ArrayList<>();
            Set<String> batch = new HashSet<>();
            for (Collection<String> group : groups) {
                batch.addAll(group);
                if (batch.size() >= size) {
                    batches.add(batch);
                    batch = new HashSet<>();
                }
            }
            if (!batch.isEmpty()) {
                batches.add(batch);
            }
            return batches;
        }
    }

    private final DirtyAccounts dirty;
    private final Rows rows;
    private final AccountRepository repository;
    private final long intervalMillis;
    private final int batchSize;
    private final long backupCheckMillis;
    private final Runnable afterCycle;
    private final LongSupplier clock;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * The batch taken out of the registry and being read or written: still waiting for the store, so
     * counted in {@link #stats}' queue until it is written or registered again.
     */
    private volatile Set<String> inFlight = Set.of();
    private Set<AccountRow> backupSuspects = Collections.newSetFromMap(new IdentityHashMap<>());
    private long lastBackupCheck;
    private long lastContact;
    private long lastFailureLog;
    private long lastReadWarning;

    private volatile long failingSince;
    private volatile String lastError = "";
    private volatile long lastFlush;
    private volatile long lastFlushMillis;
    private final LongAdder written = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /**
     * @param afterCycle run after every cycle on the write-behind thread (binds the directories of
     *                   accounts loaded meanwhile)
     */
    AccountWriteBehind(DirtyAccounts dirty, Rows rows, AccountRepository repository, long intervalMillis, int batchSize,
                       Runnable afterCycle) {
        this.dirty = dirty;
        this.rows = rows;
        this.repository = repository;
        this.intervalMillis = intervalMillis;
        this.batchSize = batchSize;
        this.backupCheckMillis = Math.max(1_000, 2 * intervalMillis);
        this.afterCycle = afterCycle;
        this.clock = System::currentTimeMillis;
        this.thread = new Thread(this::loop, "ocs-write-behind");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                Thread.sleep(backoff > 0 ? backoff : intervalMillis);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
            boolean ok = cycle(false);
            backoff = ok ? 0 : Math.min(MAX_BACKOFF_MILLIS, Math.max(intervalMillis, backoff * 2));
            try {
                afterCycle.run();
            } catch (RuntimeException e) {
                LOG.warn("binding the directories of loaded accounts failed; retried after the next cycle", e);
            }
        }
    }

    /**
     * One cycle: the primaries' changes, then (now and then) the backups'. With {@code everything},
     * also every backup value without waiting for its primary (shutdown).
     *
     * @return whether the store took everything asked of it
     */
    synchronized boolean cycle(boolean everything) {
        long start = clock.getAsLong();
        try {
            int n = writePrimaries();
            if (everything) {
                n += writeAllBackups();
            } else if (start - lastBackupCheck >= backupCheckMillis) {
                n += checkBackups();
                lastBackupCheck = start;
            }
            if (n > 0) {
                lastContact = start;
            } else if (failingSince != 0 || start - lastContact >= PROBE_MILLIS) {
                // idle: a cheap round trip now and then, and always before calling a failing store good again
                repository.check();
                lastContact = start;
            }
            long end = clock.getAsLong();
            lastFlush = end;
            if (n > 0) {
                lastFlushMillis = end - start;
            }
            if (failingSince != 0) {
                LOG.warn("the account store {} is writable again after {} s; {} account(s) still to write",
                        repository.describe(), (end - failingSince) / 1000, dirty.primary.size());
                failingSince = 0;
                lastError = "";
            }
            return true;
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    private void failed(RuntimeException e) {
        errors.increment();
        long now = clock.getAsLong();
        lastError = String.valueOf(e.getMessage());
        if (failingSince == 0) {
            failingSince = now;
            lastFailureLog = now;
            LOG.error("the account store {} cannot be written: {}. Charging goes on from memory; {} changed account(s) "
                    + "are kept and retried; operator changes are refused until it is back", repository.describe(),
                    lastError, dirty.primary.size());
        } else if (now - lastFailureLog >= 60_000) {
            lastFailureLog = now;
            LOG.error("the account store {} has been failing for {} s ({} account(s) waiting): {}", repository.describe(),
                    (now - failingSince) / 1000, dirty.size(), lastError);
        }
    }

    /** Writes every account registered as changed, in batches. */
    private int writePrimaries() {
        if (dirty.primary.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (Set<String> batch : rows.batches(new HashSet<>(dirty.primary), batchSize)) {
            n += writeChanged(batch);
        }
        return n;
    }

    /**
     * Takes {@code ids} out of the registry, then encodes and writes their accounts as they are now. Should
     * the store fail, they are registered again and the failure goes on; should reading them from the grid
     * fail (this member leaving it), they are registered again and the cycle goes on without them.
     */
    private int writeChanged(Set<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        inFlight = ids; // before the take, so that the queue never reads empty while they wait
        for (String id : ids) {
            dirty.primary.remove(id);
        }
        boolean done = false;
        try {
            Map<String, AccountRow> current;
            try {
                current = rows.of(ids);
            } catch (RuntimeException e) {
                long now = clock.getAsLong();
                if (now - lastReadWarning >= 60_000) {
                    lastReadWarning = now;
                    LOG.warn("reading {} changed account(s) from the grid to write them failed; retried next cycle: {}",
                            ids.size(), String.valueOf(e.getMessage()));
                }
                return 0;
            }
            repository.write(current.values(), List.of());
            done = true;
            written.add(current.size());
            return current.size();
        } finally {
            if (!done) {
                dirty.primary.addAll(ids); // registered again before it stops counting as in flight
            }
            inFlight = Set.of();
        }
    }

    /** Accounts whose changes wait for the store: registered, or in the batch being written (each once). */
    private long waiting() {
        Set<String> taken = inFlight;
        long n = dirty.size();
        for (String id : taken) {
            if (!dirty.primary.contains(id)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes the values of {@code entries} (as they are when read here) in transactions of
     * {@code batchSize}; each is then unregistered from {@code registry} unless a newer value replaced it.
     */
    private int writeInBatches(Iterable<Map.Entry<String, AccountRow>> entries, Map<String, AccountRow> registry) {
        int n = 0;
        List<Map.Entry<String, AccountRow>> batch = new ArrayList<>();
        for (Map.Entry<String, AccountRow> e : entries) {
            batch.add(Map.entry(e.getKey(), e.getValue()));
            if (batch.size() == batchSize) {
                n += write(batch, registry);
            }
        }
        return n + write(batch, registry);
    }

    private int write(List<Map.Entry<String, AccountRow>> batch, Map<String, AccountRow> registry) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<AccountRow> rows = new ArrayList<>(batch.size());
        for (Map.Entry<String, AccountRow> e : batch) {
            rows.add(e.getValue());
        }
        repository.write(rows, List.of());
        for (Map.Entry<String, AccountRow> e : batch) {
            registry.remove(e.getKey(), e.getValue());
        }
        int n = batch.size();
        written.add(n);
        batch.clear();
        return n;
    }

    /**
     * Drops the backup values the store already covers; writes those that were unconfirmed at the
     * previous check too and have not changed since (their primary did not write them).
     */
    private int checkBackups() {
        if (dirty.backup.isEmpty()) {
            backupSuspects.clear();
            return 0;
        }
        List<Map.Entry<String, AccountRow>> snapshot = new ArrayList<>(dirty.backup.size());
        for (Map.Entry<String, AccountRow> e : dirty.backup.entrySet()) {
            snapshot.add(Map.entry(e.getKey(), e.getValue()));
        }
        List<String> ids = new ArrayList<>(snapshot.size());
        snapshot.forEach(e -> ids.add(e.getKey()));
        Map<String, StoredVersion> stored = repository.versions(ids);
        Set<AccountRow> suspects = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Map.Entry<String, AccountRow>> orphans = new ArrayList<>();
        for (Map.Entry<String, AccountRow> e : snapshot) {
            StoredVersion v = stored.get(e.getKey());
            if (v != null && v.covers(e.getValue())) {
                dirty.backup.remove(e.getKey(), e.getValue());
            } else if (backupSuspects.contains(e.getValue())) {
                orphans.add(e);
            } else {
                suspects.add(e.getValue());
            }
        }
        backupSuspects = suspects;
        if (!orphans.isEmpty()) {
            LOG.info("writing {} account(s) held as backup that their primary did not write", orphans.size());
        }
        return writeInBatches(orphans, dirty.backup);
    }

    private int writeAllBackups() {
        return writeInBatches(dirty.backup.entrySet(), dirty.backup);
    }

    long failingSince() {
        return failingSince;
    }

    PersistenceStats stats(long loaded, long loadMillis) {
        return new PersistenceStats(repository.describe(), failingSince, lastError, waiting(), lastFlush,
                lastFlushMillis, written.sum(), errors.sum(), loaded, loadMillis);
    }

    /** Stops the cycles, then writes everything this member holds, its backups' values included. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!cycle(true) || dirty.size() > 0) {
            LOG.error("at shutdown {} account(s) could not be written to {}: their changes since the last write are lost",
                    dirty.size(), repository.describe());
        }
    }
}
