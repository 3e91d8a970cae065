package dev.ocs.core.store.jdbc;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.store.AccountRepository;
import dev.ocs.core.store.AccountRepository.StoredVersion;
import dev.ocs.core.store.AccountRepository.Tombstone;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every backend of the account repository must do; run on SQLite and on a real PostgreSQL. */
abstract class AccountRepositoryContract {

    abstract AccountRepository repository();

    private static Account version(Account a, long version, long balance) {
        return new Account(a.id(), a.status(), a.subscribers(), balance, a.openingBalance(), a.credits(), a.debits(),
                a.refundable(), a.buckets(), a.nextBucketId(), a.bucketCredits(), a.bucketDebits(), a.reportedBytes(),
                a.sessions(), a.ledgerSeq(), a.exportedSeq(), a.ledger(), a.references(), a.createdAt(), version);
    }

    @Test
    void savedAccountsComeBackWhole() {
        Account a = SampleAccounts.rich("repo-whole");
        repository().save(List.of(a), List.of());
        assertEquals(a, repository().load("repo-whole"));
        assertEquals(Map.of("repo-whole", a), repository().loadAll(List.of("repo-whole", "repo-nobody")));
        assertTrue(repository().ids().contains("repo-whole"));
        StoredVersion v = repository().versions(List.of("repo-whole")).get("repo-whole");
        assertEquals(new StoredVersion(a.createdAt(), a.version(), false, a.ledgerSeq(), a.exportedSeq()), v);
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() {
        Account v1 = version(Account.open("repo-order", List.of(), 100, 1_000L), 1, 100);
        Account v3 = version(v1, 3, 70);
        Account v2 = version(v1, 2, 90);
        repository().save(List.of(v3), List.of());
        repository().save(List.of(v2), List.of());
        repository().save(List.of(v1), List.of());
        assertEquals(70, repository().load("repo-order").balance());
        repository().save(List.of(version(v1, 4, 60)), List.of());
        assertEquals(60, repository().load("repo-order").balance());
    }

    @Test
    void aTombstoneHidesTheAccountAndNoLateWriteOfItBringsItBack() {
        Account a = Account.open("repo-deleted", List.of(), 10, 2_000L);
        repository().save(List.of(a), List.of());
        repository().save(List.of(), List.of(new Tombstone("repo-deleted", 2_000L)));
        repository().save(List.of(version(a, 999, 5)), List.of());
        assertNull(repository().load("repo-deleted"));
        assertTrue(repository().loadAll(List.of("repo-deleted")).isEmpty());
        assertTrue(!repository().ids().contains("repo-deleted"));
        assertTrue(repository().versions(List.of("repo-deleted")).get("repo-deleted").deleted());
    }

    @Test
    void anIdCreatedAgainIsANewIncarnationThatReplacesItsTombstone() {
        repository().save(List.of(Account.open("repo-again", List.of(), 10, 3_000L)), List.of());
        repository().save(List.of(), List.of(new Tombstone("repo-again", 3_000L)));
        Account again = Account.open("repo-again", List.of(), 42, 3_001L);
        repository().save(List.of(again), List.of());
        assertEquals(again, repository().load("repo-again"));
    }

    @Test
    void manyAccountsAreWrittenAndReadInBatches() {
        List<Account> many = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            many.add(Account.open("repo-many-" + i, List.of("e164:49179" + (1000000 + i)), i, 4_000L));
            ids.add("repo-many-" + i);
        }
        repository().save(many, List.of());
        Map<String, Account> back = repository().loadAll(ids);
        assertEquals(2_345, back.size());
        assertEquals(1_234, back.get("repo-many-1234").balance());
        assertEquals(2_345, repository().versions(ids).size());
    }

    @Test
    void writersOfTheSameAccountsInOppositeOrdersNeverDeadlock() throws Exception {
        List<Account> up = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            up.add(Account.open("repo-lock-" + i, List.of(), 100, 5_000L));
        }
        repository().save(up, List.of());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            boolean reversed = w % 2 == 1;
            int writer = w;
            writers.add(new Thread(() -> {
                for (int round = 1; round <= 15; round++) {
                    List<Account> batch = new ArrayList<>();
                    for (Account a : up) {
                        batch.add(version(a, round * 10L + writer, 100 - round));
                    }
                    if (reversed) {
                        java.util.Collections.reverse(batch);
                    }
                    try {
                        repository().save(batch, List.of());
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join(60_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(153, repository().load("repo-lock-7").version(), "the newest version wins");
    }

    @Test
    void statusAndBalanceAreReadableWithoutDecoding() {
        Account barred = new Account("repo-barred", AccountStatus.BARRED, List.of(), 5, 5, 0, 0, 0, List.of(), 1, 0, 0, 0,
                List.of(), 1, 0, List.of(), List.of(), 5_000L, 7);
        repository().save(List.of(barred), List.of());
        assertEquals(AccountStatus.BARRED, repository().load("repo-barred").status());
    }
}
