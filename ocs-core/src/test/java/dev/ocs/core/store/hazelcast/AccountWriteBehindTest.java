package dev.ocs.core.store.hazelcast;

import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.store.AccountRepository;
import dev.ocs.core.store.codec.AccountRow;
import dev.ocs.core.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write-behind's cycle against a store that fails on demand (no grid: the registry is filled by hand). */
class AccountWriteBehindTest {

    /** Keeps the newest version per account, like the real table; fails every call while {@code down}. */
    private static final class FlakyStore implements AccountRepository {
        final Map<String, Account> rows = new ConcurrentHashMap<>();
        volatile boolean down;
        int calls;

        private void call() {
            calls++;
            if (down) {
                throw new StoreUnavailableException("database down");
            }
        }

        @Override
        public String describe() {
            return "flaky";
        }

        @Override
        public void write(Collection<AccountRow> written, Collection<Tombstone> deleted) {
            call();
            written.forEach(r -> rows.merge(r.id(), r.account(), (old, now) -> now.version() > old.version() ? now : old));
        }

        @Override
        public Account load(String accountId) {
            call();
            return rows.get(accountId);
        }

        @Override
        public Map<String, Account> loadAll(Collection<String> accountIds) {
            call();
            return Map.of();
        }

        @Override
        public List<String> ids() {
            call();
            return List.copyOf(rows.keySet());
        }

        @Override
        public Map<String, StoredVersion> versions(Collection<String> accountIds) {
            call();
            Map<String, StoredVersion> m = new ConcurrentHashMap<>();
            for (String id : accountIds) {
                Account a = rows.get(id);
                if (a != null) {
                    m.put(id, new StoredVersion(a.createdAt(), a.version(), false, a.ledgerSeq(), a.exportedSeq()));
                }
            }
            return m;
        }

        @Override
        public void check() {
            call();
        }

        @Override
        public void close() {
        }
    }

    private final DirtyAccounts dirty = new DirtyAccounts();
    private final FlakyStore store = new FlakyStore();
    /** The grid's accounts as they are now (what the write-behind encodes when it writes). */
    private final Map<String, AccountState> grid = new ConcurrentHashMap<>();
    private final List<Set<String>> reads = new ArrayList<>();
    private final AccountWriteBehind writeBehind = new AccountWriteBehind(dirty, this::rows, store, 100, 2, () -> { });

    private Map<String, AccountRow> rows(Set<String> ids) {
        reads.add(Set.copyOf(ids));
        Map<String, AccountRow> rows = new HashMap<>();
        for (String id : ids) {
            AccountState a = grid.get(id);
            if (a != null) {
                rows.put(id, AccountRow.of(a));
            }
        }
        return rows;
    }

    /** A change on the primary: the account is now {@code a}. */
    private void changed(Account a) {
        AccountState state = AccountState.of(a);
        grid.put(a.id(), state);
        dirty.changed(state, false);
    }

    private static Account account(String id, long version) {
        Account a = Account.open(id, List.of(), 100, 1_000L);
        return new Account(a.id(), a.status(), a.subscribers(), a.balance(), a.openingBalance(), a.credits(), a.debits(),
                a.refundable(), a.buckets(), a.nextBucketId(), a.bucketCredits(), a.bucketDebits(), a.reportedBytes(),
                a.sessions(), a.ledgerSeq(), a.exportedSeq(), a.ledger(), a.references(), a.createdAt(), version);
    }

    @Test
    void changesAreWrittenInBatchesAndLeaveTheRegistry() {
        for (int i = 0; i < 5; i++) {
            changed(account("wb-" + i, 3));
        }
        assertTrue(writeBehind.cycle(false));
        assertEquals(5, store.rows.size());
        assertEquals(0, dirty.size());
        assertEquals(5, writeBehind.stats(0, 0).written());
    }

    @Test
    void whileTheStoreIsDownChangesWaitAndReachItWhenItIsBack() {
        changed(account("out-1", 2));
        store.down = true;
        assertFalse(writeBehind.cycle(false));
        assertTrue(writeBehind.failingSince() > 0);
        assertTrue(writeBehind.stats(0, 0).state().startsWith("FAILING"), writeBehind.stats(0, 0).state());
        changed(account("out-1", 5)); // charging goes on meanwhile: one entry per account
        assertEquals(1, dirty.size());
        store.down = false;
        assertTrue(writeBehind.cycle(false));
        assertEquals(5, store.rows.get("out-1").version());
        assertEquals(0, writeBehind.failingSince());
        assertEquals("OK", writeBehind.stats(0, 0).state());
    }

    @Test
    void aBatchBeingWrittenToAFailingStoreStillCountsAsWaiting() throws Exception {
        changed(account("q-1", 2));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        AccountWriteBehind slow = new AccountWriteBehind(dirty, ids -> {
            Map<String, AccountRow> now = rows(ids);
            writing.countDown();
            try {
                fail.await(); // held in flight, as a write waiting out the connect time-out holds it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return now;
        }, store, 100, 2, () -> { });
        store.down = true;
        CompletableFuture<Boolean> cycle = CompletableFuture.supplyAsync(() -> slow.cycle(false));
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        assertEquals(1, slow.stats(0, 0).queued(), "taken out of the registry, not yet written");
        changed(account("q-1", 3)); // charged again meanwhile: still one account waiting
        assertEquals(1, slow.stats(0, 0).queued());
        fail.countDown();
        assertFalse(cycle.get(10, TimeUnit.SECONDS));
        assertEquals(1, slow.stats(0, 0).queued(), "registered again after the failure");
        store.down = false;
        assertTrue(writeBehind.cycle(false));
        assertEquals(0, writeBehind.stats(0, 0).queued());
        assertEquals(3, store.rows.get("q-1").version());
    }

    @Test
    void anIdleMemberNoticesAnOutageAndCallsTheStoreGoodOnlyAfterReachingIt() {
        store.down = true;
        assertFalse(writeBehind.cycle(false), "nothing to write, but the store is probed");
        int calls = store.calls;
        assertFalse(writeBehind.cycle(false), "still down: probed again, not assumed back");
        assertTrue(store.calls > calls);
        store.down = false;
        assertTrue(writeBehind.cycle(false));
        assertEquals(0, writeBehind.failingSince());
    }

    @Test
    void aBackupValueItsPrimaryWroteIsDroppedOneItDidNotIsWrittenAtTheNextCheck() throws Exception {
        Account written = account("bk-1", 4);
        Account orphan = account("bk-2", 7);
        store.rows.put("bk-1", written); // the primary wrote this one
        dirty.changed(AccountState.of(written), true);
        dirty.changed(AccountState.of(orphan), true);
        assertTrue(writeBehind.cycle(false));
        assertEquals(1, dirty.size(), "the written one is dropped, the other suspected");
        assertFalse(store.rows.containsKey("bk-2"));
        Thread.sleep(1_100); // the next backup check
        assertTrue(writeBehind.cycle(false));
        assertEquals(orphan, store.rows.get("bk-2"), "unconfirmed twice and unchanged: its primary is gone");
        assertEquals(0, dirty.size());
    }

    @Test
    void anAccountChangedSeveralTimesBetweenTwoWritesIsEncodedOnceAsItIsWhenWritten() {
        changed(account("co-1", 2));
        changed(account("co-1", 3));
        changed(account("co-1", 4));
        assertEquals(1, dirty.size(), "registered once, nothing encoded yet");
        assertTrue(writeBehind.cycle(false));
        assertEquals(List.of(Set.of("co-1")), reads);
        assertEquals(4, store.rows.get("co-1").version());
        assertEquals(0, dirty.size());
    }

    @Test
    void aChangeAfterTheBatchWasTakenIsWrittenByTheNextCycle() {
        changed(account("late-1", 2));
        AccountWriteBehind racing = new AccountWriteBehind(dirty, ids -> {
            Map<String, AccountRow> now = rows(ids);
            changed(account("late-1", 3)); // charged on its partition thread while the batch is being written
            return now;
        }, store, 100, 2, () -> { });
        assertTrue(racing.cycle(false));
        assertEquals(2, store.rows.get("late-1").version());
        assertEquals(1, dirty.size(), "registered again by the change");
        assertTrue(writeBehind.cycle(false));
        assertEquals(3, store.rows.get("late-1").version());
        assertEquals(0, dirty.size());
    }

    @Test
    void anAccountGoneFromTheGridIsNotWrittenAndLeavesTheRegistry() {
        changed(account("gone-1", 2));
        grid.remove("gone-1"); // deleted: its tombstone was written before it left the grid
        assertTrue(writeBehind.cycle(false));
        assertFalse(store.rows.containsKey("gone-1"));
        assertEquals(0, dirty.size());
    }

    @Test
    void aBatchTheGridCannotReadStaysRegisteredWithoutCallingTheStoreFailing() {
        changed(account("rd-1", 2));
        AccountWriteBehind leaving = new AccountWriteBehind(dirty, ids -> {
            throw new IllegalStateException("member is leaving");
        }, store, 100, 2, () -> { });
        assertTrue(leaving.cycle(false));
        assertEquals(0, leaving.failingSince());
        assertEquals(1, dirty.size());
        assertTrue(writeBehind.cycle(false));
        assertEquals(2, store.rows.get("rd-1").version());
    }
}
