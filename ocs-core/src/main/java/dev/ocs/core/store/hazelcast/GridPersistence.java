package dev.ocs.core.store.hazelcast;

import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import dev.ocs.core.config.PersistenceConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.store.AccountRepository;
import dev.ocs.core.store.AccountRepository.StoredVersion;
import dev.ocs.core.store.Persistence;
import dev.ocs.core.store.PersistenceStats;
import dev.ocs.core.store.SessionDirectory;
import dev.ocs.core.store.StoreUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The grid's accounts backed by a durable store: synchronous writes for operators, the write-behind for charging. */
final class GridPersistence implements Persistence {

    private static final Logger LOG = LoggerFactory.getLogger(GridPersistence.class);

    private static final int PERSIST_CHUNK = 1_000;

    private final AccountRepository repository;
    private final IMap<String, AccountState> accounts;
    private final PartitionService partitions;
    private final AccountWriteBehind writeBehind;
    private final AccountLoader loader;
    private final long maxOutageMillis;
    private final long loadMillis;

    GridPersistence(AccountRepository repository, IMap<String, AccountState> accounts, PartitionService partitions,
                    AccountWriteBehind writeBehind,
                    AccountLoader loader, long maxOutageMillis, long loadMillis) {
        this.repository = repository;
        this.accounts = accounts;
        this.partitions = partitions;
        this.writeBehind = writeBehind;
        this.loader = loader;
        this.maxOutageMillis = maxOutageMillis;
        this.loadMillis = loadMillis;
    }

    /**
     * Takes over a freshly loaded accounts map: reports the load, binds the identities and sessions of
     * the loaded accounts, watches for partitions lost with all their replicas, and starts this
     * member's write-behind (which also binds the directories of accounts loaded later).
     */
    static GridPersistence start(IMap<String, AccountState> accounts, PartitionService partitions, IMap<String, String> subscribers,
                                 SessionDirectory sessions,
                                 AccountRepository repository, AccountLoader loader, DirectoryBacklog backlog,
                                 DirtyAccounts dirty, PersistenceConfig settings,
                                 long retransmissionSeconds, long loadMillis) {
        loader.complete();
        // fired only when a partition's owner and all its backups are gone (a single member's crash is not that)
        accounts.addPartitionLostListener(event -> {
            LOG.error("partition {} of the accounts lost its data (its owner and backups gone at once): accounts missing "
                    + "from the grid are read back from {} from now on", event.getPartitionId(), repository.describe());
            loader.partitionLost();
        });
        LOG.info("{} account(s) in the grid after loading from {} in {} ms ({} loaded by this member)", accounts.size(),
                repository.describe(), loadMillis, loader.loaded());
        long bindStart = System.nanoTime();
        long[] bound = backlog.drainInto(subscribers, sessions, retransmissionSeconds);
        if (bound[0] + bound[1] > 0) {
            LOG.info("bound {} identities and {} sessions of the loaded accounts in {} ms", bound[0], bound[1],
                    (System.nanoTime() - bindStart) / 1_000_000);
        }
        AccountWriteBehind writeBehind = new AccountWriteBehind(dirty, new GridRows(accounts, partitions), repository,
                settings.flushIntervalMillis(),
                settings.batchSize(), () -> {
                    if (!backlog.isEmpty()) {
                        backlog.drainInto(subscribers, sessions, retransmissionSeconds);
                    }
                });
        GridPersistence p = new GridPersistence(repository, accounts, partitions, writeBehind, loader, settings.maxOutageSeconds() * 1000,
                loadMillis);
        writeBehind.start();
        return p;
    }

    /** The accounts' current values, each taken on its partition thread (the stored states change in place). */
    private Map<String, Account> snapshots(Set<String> ids) {
        return ByPartition.execute(accounts, partitions, ids, new AccountQueries.Snapshot());
    }

    /** Stops the write-behind (writing what it still holds), then closes the store. */
    void close() {
        writeBehind.close();
        repository.close();
    }

    @Override
    public String describe() {
        return repository.describe();
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void persist(Collection<String> accountIds) {
        List<String> ids = new ArrayList<>(new HashSet<>(accountIds));
        for (int from = 0; from < ids.size(); from += PERSIST_CHUNK) {
            Map<String, Account> current = snapshots(new HashSet<>(ids.subList(from, Math.min(ids.size(), from + PERSIST_CHUNK))));
            repository.save(current.values(), List.of());
        }
    }

    @Override
    public void flush() {
        writeBehind.cycle(true);
    }

    /** Makes the deletion of the account durable; written before the account leaves the grid. */
    void tombstone(String accountId, long createdAt) {
        repository.save(List.of(), List.of(new AccountRepository.Tombstone(accountId, createdAt)));
    }

    @Override
    public void checkWritable() {
        long since = writeBehind.failingSince();
        if (since != 0) {
            PersistenceStats s = stats();
            throw new StoreUnavailableException("the account store " + describe() + " cannot be written since "
                    + Instant.ofEpochMilli(since) + " (" + (System.currentTimeMillis() - since) / 1000 + " s): "
                    + s.lastError() + "; operator changes are refused until it is back");
        }
    }

    @Override
    public boolean acceptsCharging() {
        long since = writeBehind.failingSince();
        return since == 0 || System.currentTimeMillis() - since < maxOutageMillis;
    }

    @Override
    public Map<String, StoredVersion> stored(Collection<String> accountIds) {
        return repository.versions(accountIds);
    }

    @Override
    public PersistenceStats stats() {
        return writeBehind.stats(loader.loaded(), loadMillis);
    }
}
