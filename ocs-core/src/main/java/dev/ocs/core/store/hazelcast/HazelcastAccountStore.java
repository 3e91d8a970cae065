package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.partition.PartitionService;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.CreateCommand;
import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.store.AccountStore;
import dev.ocs.core.store.AccountTotals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Accounts in an {@link IMap}; every command is one entry processor on the account's key. */
final class HazelcastAccountStore implements AccountStore {

    private final HazelcastInstance hz;
    private final IMap<String, AccountState> map;
    private final GridPersistence persistence;
    private volatile List<String> partitionKeys;
    /**
     * Every this many exports (10 minutes at the default 1 s), all accounts are scanned anyway; and after
     * the members or the partitions' owners changed ({@link IndexTrust}): a mark lost with a member, or
     * missing on the member an account moved to, is found again.
     */
    static final int FULL_SCAN_EVERY = 600;
    /** Every this many totals, every account is read anyway (10 minutes at the statistics' 10 s period). */
    static final int FULL_TOTALS_EVERY = 60;
    private final DueSweep sweep;
    private final IndexTrust exportTrust;
    private final IndexTrust totalsTrust;
    private long fullTotals;

    /** @param persistence the durable store, or {@code null} for a grid in memory only */
    HazelcastAccountStore(HazelcastInstance hz, IMap<String, AccountState> map, GridPersistence persistence) {
        this.hz = hz;
        this.map = map;
        this.persistence = persistence;
        this.sweep = new DueSweep(hz, map);
        this.totalsTrust = new IndexTrust(hz, FULL_TOTALS_EVERY);
        this.exportTrust = new IndexTrust(hz, FULL_SCAN_EVERY);
    }

    @Override
    public boolean create(Account account) {
        // a processor, not putIfAbsent: it marks the new account's opening record for export
        return map.executeOnKey(account.id(), new AccountProcessor<>(new CreateCommand(account)));
    }

    @Override
    public Account get(String accountId) {
        return map.executeOnKey(accountId, new AccountQueries.Snapshot());
    }

    /**
     * With a durable store, the deletion is written there first (a tombstone no late write of this
     * incarnation can override), then the account leaves the grid: a read of it in between finds it in
     * the grid, a read after finds it gone in both.
     */
    @Override
    public boolean delete(String accountId) {
        Account a = get(accountId);
        if (a == null) {
            return false;
        }
        if (persistence != null) {
            persistence.tombstone(accountId, a.createdAt());
        }
        PendingMarks.of(hz).remove(accountId);
        map.delete(accountId);
        return true;
    }

    @Override
    public <R> CompletableFuture<R> execute(String accountId, AccountCommand<R> command) {
        AccountProcessor<R> processor = AccountProcessor.handingOver(command);
        CompletableFuture<R> result = new CompletableFuture<>(); // a plain one: its dependents run where it completes
        map.submitToKey(accountId, processor).whenComplete((returned, failure) -> {
            if (failure == null) {
                result.complete(processor.result(returned));
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /**
     * Cluster-wide; only the oldest member runs it, so every account is swept once however many members
     * there are. The accounts due are those the members' {@link DueIndex} name, visited with one operation
     * per partition; now and then, or when the index may lack one, every account with a deadline, each
     * partition scanned where it lives ({@link DueSweep}).
     */
    @Override
    public <R> Map<String, R> executeOnDue(long dueAt, AccountCommand<R> command) {
        if (!oldestMember()) {
            return Map.of();
        }
        return sweep.run(dueAt, command, this::scan);
    }

    /** Totals that read every account instead of the marked ones. */
    synchronized long fullTotals() {
        return fullTotals;
    }

    /** Sweeps that visited every account with a deadline instead of the indexed ones. */
    long fullSweeps() {
        return sweep.fullSweeps();
    }

    /** Cluster-wide like {@link #executeOnDue}: only the oldest member exports. */
    @Override
    public Map<String, List<LedgerRecord>> pendingLedger() {
        if (!oldestMember()) {
            return Map.of();
        }
        Map<String, ArrayList<LedgerRecord>> raw;
        AccountQueries.PendingLedger reader = new AccountQueries.PendingLedger();
        Set<String> marked = exportTrust.fullPassNeeded() ? null : markedAccounts();
        if (marked == null) {
            raw = scan(reader, new AccountQueries.HasPendingLedger());
        } else if (marked.isEmpty()) {
            return Map.of();
        } else {
            raw = ByPartition.execute(map, hz.getPartitionService(), marked, reader);
        }
        Map<String, ArrayList<LedgerRecord>> here = reader.collected();
        Map<String, List<LedgerRecord>> pending = new HashMap<>((here.size() + raw.size()) * 2);
        for (Map<String, ArrayList<LedgerRecord>> found : List.of(here, raw)) { // read here, returned from elsewhere
            found.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    pending.put(k, v);
                }
            });
        }
        if (marked != null && hz.getCluster().getMembers().size() == 1) {
            Set<String> local = PendingMarks.of(hz);
            for (String k : marked) {
                if (here.get(k) == null && raw.get(k) == null) {
                    local.remove(k); // the account is gone
                }
            }
        }
        return pending;
    }

    /**
     * The accounts marked as holding pending records, on every member (one remote call per other
     * member); {@code null} when a member could not answer, so the caller scans everything instead.
     */
    private Set<String> markedAccounts() {
        return MemberCalls.union(hz, new MemberCalls.Marks(PendingMarks.KEY));
    }

    private boolean oldestMember() {
        return hz.getCluster().getMembers().iterator().next().localMember();
    }

    /** One operation per partition, each carrying the sequence numbers of that partition's accounts. */
    @Override
    public void acknowledgeLedger(Map<String, Long> exportedUpTo) {
        PartitionService partitions = hz.getPartitionService();
        ByPartition.paced(ByPartition.group(partitions, exportedUpTo.keySet()).values(), keys -> {
            Map<String, Long> part = new HashMap<>(keys.size() * 2);
            keys.forEach(id -> part.put(id, exportedUpTo.get(id)));
            return map.submitToKeys(keys, new AcknowledgeLedgerProcessor(part)).toCompletableFuture();
        });
    }

    /**
     * One partition at a time: an audit of a million accounts holds one partition's snapshots at once,
     * not all of them (100,000 snapshots made at once cost a 100-770 ms young pause under load), and the
     * partition threads go on charging between two partitions.
     */
    @Override
    public void forEach(Consumer<Account> visitor) {
        eachPartition(new AccountQueries.Snapshot(), Predicates.alwaysTrue(), part -> part.values().forEach(visitor));
    }

    /**
     * Runs {@code processor} on every account matching {@code predicate}, one partition at a time. A
     * scan of every account ({@code executeOnEntries} with a plain predicate) queues an operation on
     * every partition at once, and the charges of the few partition threads waited behind all of them:
     * the sweeper's, the statistics' and the exporter's periodic scans each held both partition threads
     * for milliseconds. Here a charge waits behind one partition's share at most.
     */
    private <R> Map<String, R> scan(EntryProcessor<String, AccountState, R> processor,
                                    Predicate<String, AccountState> predicate) {
        Map<String, R> all = new HashMap<>();
        eachPartition(processor, predicate, all::putAll);
        return all;
    }

    /** Runs {@code processor} on one partition's accounts matching {@code predicate} after another, handing each partition's results on. */
    private <R> void eachPartition(EntryProcessor<String, AccountState, R> processor, Predicate<String, AccountState> predicate,
                                   Consumer<Map<String, R>> results) {
        for (String partitionKey : partitionKeys()) {
            results.accept(map.executeOnEntries(processor, Predicates.partitionPredicate(partitionKey, predicate)));
        }
    }

    /** A key in each partition (found once: the partition count is fixed for a cluster). */
    private List<String> partitionKeys() {
        List<String> keys = partitionKeys;
        if (keys == null) {
            keys = PartitionKeys.of(hz.getPartitionService());
            partitionKeys = keys;
        }
        return keys;
    }

    /**
     * Summed on the partition threads, over the accounts with an open session (the others hold nothing):
     * those the members' {@link OpenSessionMarks} name, or, when {@link IndexTrust} says the marks may
     * lack one or a member did not answer, every account scanned.
     */
    @Override
    public synchronized AccountTotals totals() {
        long open = 0;
        long held = 0;
        long reserved = 0;
        Set<String> marked = totalsTrust.fullPassNeeded() ? null : MemberCalls.union(hz, new MemberCalls.Marks(OpenSessionMarks.KEY));
        Map<String, long[]> each;
        if (marked == null) {
            fullTotals++;
            each = scan(new AccountQueries.Totals(), new AccountQueries.HasOpenSession());
        } else {
            each = ByPartition.execute(map, hz.getPartitionService(), marked, new AccountQueries.Totals());
        }
        for (long[] t : each.values()) {
            open += t[0];
            held += t[1];
            reserved += t[2];
        }
        return new AccountTotals(map.size(), open, held, reserved);
    }

    @Override
    public int size() {
        return map.size();
    }
}
