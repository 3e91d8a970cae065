package dev.ocs.core.store.hazelcast;

import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.config.PersistenceConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.AccountRepository;
import dev.ocs.core.store.codec.AccountRow;
import dev.ocs.core.store.jdbc.AccountDatabase;
import dev.ocs.core.store.jdbc.JdbcAccountRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Members over a real SQLite store: what reaches it, what comes back from it, and what a dead member leaves behind. */
class DurableGridTest {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private PersistenceConfig store(long flushMillis) {
        PersistenceConfig d = PersistenceConfig.memoryOnly();
        return new PersistenceConfig(PersistenceConfig.Backend.SQLITE, dir.resolve("ocs.db"), d.url(), d.user(), d.password(),
                d.poolSize(), d.connectTimeoutMillis(), flushMillis, 100, d.maxOutageSeconds());
    }

    private HazelcastGrid member(GridConfig cluster, PersistenceConfig store) {
        HazelcastGrid grid = HazelcastGrid.start(cluster, Fixtures.policy(), store);
        open.add(grid);
        return grid;
    }

    /** One database shared by the members of an in-process cluster (as PostgreSQL is between machines). */
    private HazelcastGrid member(GridConfig cluster, AccountRepository shared, long flushMillis) {
        // the settings of a shared database: SQLite refuses a cluster, the test's one file plays PostgreSQL's part
        HazelcastGrid grid = HazelcastGrid.start(cluster, Fixtures.policy(), new NotClosing(shared),
                store(flushMillis).withBackend(PersistenceConfig.Backend.POSTGRESQL));
        open.add(grid);
        return grid;
    }

    private JdbcAccountRepository database() {
        JdbcAccountRepository repo = AccountDatabase.open(store(100));
        open.add(repo);
        return repo;
    }

    /** Opens a session on each of 60 new accounts ({@code prefix} + 0..59), and with {@code report} reports usage on it. */
    private static List<String> sessionsOnSixtyAccounts(ChargingHarness h, String prefix, boolean report) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            SubscriberId sub = h.account(prefix + i, 10_000);
            String s = ChargingHarness.newSessionId();
            h.initial(s, sub, ServiceUsage.ask(RG_DATA));
            if (report) {
                h.update(s, 1, ServiceUsage.reportAndAsk(RG_DATA, 1_000 * (i + 1)));
            }
            ids.add(prefix + i);
        }
        return ids;
    }

    @Test
    void chargingReachesTheStoreWithinTheFlushInterval() {
        ChargingHarness h = new ChargingHarness(member(TestMembers.newCluster(0), store(100)));
        SubscriberId sub = h.account("wb-1", 10_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        h.update(s, 1, ServiceUsage.reportAndAsk(RG_DATA, 250_000));
        Account now = h.get("wb-1");
        JdbcAccountRepository db = database();
        await().atMost(Duration.ofSeconds(10)).until(() -> now.equals(db.load("wb-1")));
        assertEquals(0, h.grid.persistence().stats().queued());
        assertTrue(h.grid.persistence().stats().written() > 0);
    }

    @Test
    void aRestartBringsBackAccountsIdentitiesOpenSessionsAndReferences() {
        GridConfig cluster = TestMembers.newCluster(0);
        HazelcastGrid first = member(cluster, store(100));
        ChargingHarness h = new ChargingHarness(first);
        SubscriberId sub = h.account("rs-1", 10_000);
        h.provisioning.addSubscriber("rs-1", SubscriberId.imsi("262010000000777"));
        assertEquals("APPLIED", h.provisioning.topUp("rs-1", 500, "shop-1").outcome().name());
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        h.update(s, 1, ServiceUsage.reportAndAsk(RG_DATA, 100_000));
        Account before = h.get("rs-1");
        first.close();
        open.remove(first);

        ChargingHarness after = new ChargingHarness(member(TestMembers.newCluster(0), store(100)));
        after.clock.advanceSeconds(1);
        assertEquals(before, after.get("rs-1"));
        assertEquals("rs-1", after.grid.subscribers().accountOf(sub.key()).join());
        assertEquals("rs-1", after.grid.subscribers().accountOf("imsi:262010000000777").join());
        assertEquals("rs-1", after.grid.sessions().accountOf(s).join(), "the open session is found by its Session-Id");
        assertEquals("DUPLICATE", after.provisioning.topUp("rs-1", 500, "shop-1").outcome().name());
        var r = after.update(s, 2, ServiceUsage.reportAndAsk(RG_DATA, 200_000));
        assertEquals(ResultStatus.SUCCESS, r.status(), r.toString());
        assertEquals(before.reportedBytes() + 200_000, after.get("rs-1").reportedBytes());
        after.assertAudited();
        assertEquals(1, after.grid.persistence().stats().loaded());
    }

    @Test
    void aDeletedAccountStaysDeletedAndItsIdCanBeCreatedAgain() {
        HazelcastGrid first = member(TestMembers.newCluster(0), store(100));
        ChargingHarness h = new ChargingHarness(first);
        h.account("del-1", 100);
        h.account("del-2", 100);
        h.provisioning.delete("del-1");
        h.provisioning.delete("del-2");
        h.provisioning.create("del-2", List.of(SubscriberId.msisdn("491700009999")), 777);
        first.close();
        open.remove(first);

        ChargingHarness after = new ChargingHarness(member(TestMembers.newCluster(0), store(100)));
        assertNull(after.get("del-1"));
        assertEquals(777, after.get("del-2").balance());
        assertEquals(1, after.grid.accounts().size());
    }

    @Test
    void theSurvivorWritesWhatItsDeadPartnerHadNotWritten() {
        JdbcAccountRepository db = database();
        GridConfig cluster = TestMembers.newCluster(1);
        HazelcastGrid survivor = member(cluster, db, 100);
        // the victim writes nothing by itself in this test: its changes exist only in memory, here and as backups
        HazelcastGrid victim = member(cluster, db, 3_600_000);
        await().until(() -> survivor.members() == 2 && victim.members() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> victim.instance().getPartitionService().isClusterSafe()
                && victim.instance().getPartitionService().getPartitions().stream()
                        .anyMatch(p -> p.getOwner() != null && p.getOwner().localMember())); // partitions have migrated
        ChargingHarness h = new ChargingHarness(survivor);
        List<String> ids = sessionsOnSixtyAccounts(h, "surv-", true);
        List<Account> expected = ids.stream().map(h::get).toList();
        long ownedByVictim = ids.stream().filter(id -> victim.instance().getPartitionService().getPartition(id).getOwner()
                .localMember()).count();
        assertTrue(ownedByVictim > 0, "some accounts live on the victim");
        victim.instance().getLifecycleService().terminate(); // no graceful shutdown: its write-behind never runs
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (Account a : expected) {
                assertEquals(a, db.load(a.id()), a.id());
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> survivor.persistence().stats().queued() == 0);
        assertTrue(!survivor.accountsLost(), "one member of two is gone, but with a backup no partition lost its data");
    }

    @Test
    void accountsChangedHereAndMigratedBeforeTheWriteAreReadWhereTheyNowLive() {
        JdbcAccountRepository db = database();
        GridConfig cluster = TestMembers.newCluster(1);
        // the first member writes only when told: its changes wait, registered by id, until after the migration
        HazelcastGrid first = member(cluster, db, 3_600_000);
        ChargingHarness h = new ChargingHarness(first);
        List<String> ids = sessionsOnSixtyAccounts(h, "mig-", false);
        List<Account> expected = ids.stream().map(h::get).toList();
        HazelcastGrid second = member(cluster, db, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> second.members() == 2
                && second.instance().getPartitionService().isClusterSafe());
        long moved = ids.stream().filter(id -> second.instance().getPartitionService().getPartition(id).getOwner()
                .localMember()).count();
        assertTrue(moved > 0, "some accounts moved to the second member");
        first.persistence().flush();
        for (Account a : expected) {
            assertEquals(a, db.load(a.id()), a.id());
        }
        assertEquals(0, first.persistence().stats().queued());
    }

    @Test
    void backupsLetGoOfWhatTheirPrimaryWrote() {
        JdbcAccountRepository db = database();
        GridConfig cluster = TestMembers.newCluster(1);
        HazelcastGrid a = member(cluster, db, 100);
        HazelcastGrid b = member(cluster, db, 100);
        await().until(() -> a.members() == 2);
        ChargingHarness h = new ChargingHarness(a);
        for (int i = 0; i < 40; i++) {
            h.account("bk-" + i, 1_000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> a.persistence().stats().queued() == 0
                && b.persistence().stats().queued() == 0);
        assertEquals(40, db.ids().size());
    }

    @Test
    void aMemberOnSqliteRefusesToJoinACluster() {
        GridConfig cluster = TestMembers.newCluster(1);
        member(cluster, store(100));
        PersistenceConfig second = store(100);
        dev.ocs.core.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.ocs.core.config.ConfigException.class, () -> member(cluster, new PersistenceConfig(second.backend(),
                        dir.resolve("other.db"), second.url(), second.user(), second.password(), second.poolSize(),
                        second.connectTimeoutMillis(), 100, 100, second.maxOutageSeconds())));
        assertTrue(e.getMessage().contains("needs persistence.backend postgresql"), e.getMessage());
    }

    @Test
    void accountsLoadedEagerlyAreAllInTheGridBeforeItServes() {
        JdbcAccountRepository db = database();
        List<Account> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(Account.open("eager-" + i, List.of("e164:4917800" + (100000 + i)), i, Fixtures.START));
        }
        db.save(many, List.of());
        HazelcastGrid grid = member(TestMembers.newCluster(0), store(100));
        assertEquals(5_000, grid.accounts().size());
        assertEquals("eager-4321", grid.subscribers().accountOf("e164:4917800104321").join());
        assertNotNull(grid.accounts().get("eager-0"));
        assertNull(grid.accounts().get("eager-nobody"), "a miss in a complete grid is an unknown account");
    }

    /** Shares one repository between members; closed by the test, not by each member. */
    private record NotClosing(AccountRepository inner) implements AccountRepository {
        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void write(Collection<AccountRow> rows, Collection<Tombstone> deleted) {
            inner.write(rows, deleted);
        }

        @Override
        public Account load(String accountId) {
            return inner.load(accountId);
        }

        @Override
        public Map<String, Account> loadAll(Collection<String> accountIds) {
            return inner.loadAll(accountIds);
        }

        @Override
        public List<String> ids() {
            return inner.ids();
        }

        @Override
        public Map<String, StoredVersion> versions(Collection<String> accountIds) {
            return inner.versions(accountIds);
        }

        @Override
        public void check() {
            inner.check();
        }

        @Override
        public void close() {
        }
    }
}
