package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.config.PersistenceConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.rules.FailingHalfWay;
import dev.ocs.core.store.jdbc.AccountDatabase;
import dev.ocs.core.store.jdbc.JdbcAccountRepository;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A charge changes the stored account where it lives (issue 12: rebuilding the account per request
 * filled every young collection with account versions), and nothing that reads accounts off the
 * partition thread ever sees one half-way through a change.
 */
class InPlaceChargingTest {

    /** The instance the map holds for the key, caught on the partition thread (member and test share a JVM). */
    private static final Map<String, AccountState> CAUGHT = new ConcurrentHashMap<>();

    record Catch() implements EntryProcessor<String, AccountState, Boolean>, ReadOnly {
        @Override
        public Boolean process(Map.Entry<String, AccountState> e) {
            CAUGHT.put(e.getKey(), e.getValue());
            return Boolean.TRUE;
        }

        @Override
        public EntryProcessor<String, AccountState, Boolean> getBackupProcessor() {
            return null;
        }
    }

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static AccountState stored(IMap<String, AccountState> map, String id) {
        map.executeOnKey(id, new Catch());
        return CAUGHT.remove(id);
    }

    /** A command answering one particular instance (what the caller gets shows whether it was copied). */
    record Answering(String answer) implements dev.ocs.core.rules.AccountCommand<String> {
        @Override
        public dev.ocs.core.rules.Transition<String> apply(Account current, dev.ocs.core.rules.ChargingPolicy policy) {
            return dev.ocs.core.rules.Transition.unchanged(answer);
        }
    }

    /**
     * Hazelcast serializes an entry processor's result even for its own member: a charge's answer was
     * written and read back as a compact record per request. Here the caller's member owns the account,
     * so the caller gets the very instance the command answered.
     */
    @Test
    void aCommandOnThisMembersAccountHandsItsResultOverWithoutCopyingIt() {
        HazelcastGrid grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        open.add(grid);
        new ChargingHarness(grid).account("hand-over", 1_000);
        String answer = new String("the answer"); // an instance of its own, not the interned literal
        assertSame(answer, grid.accounts().execute("hand-over", new Answering(answer)).join());
        ChargingResult nothing = grid.accounts().execute("no-such-account",
                new dev.ocs.core.rules.ChargeCommand(new dev.ocs.core.domain.ChargingRequest.Update("s", 1, List.of()),
                        Fixtures.START)).join();
        assertEquals(ResultStatus.UNKNOWN_SESSION, nothing.status(), "an answer without an account is handed over too");
    }

    /** On another member's account the command runs on a copy there, and its result comes back as usual. */
    /**
     * The exporter's read of this member's accounts leaves the records where it ran instead of returning
     * them (returned, each would be serialized on the partition thread and deserialized again); the
     * records are the account's own, in sequence order.
     */
    @Test
    void theLedgerReadOfThisMembersAccountsIsCollectedNotCopied() {
        HazelcastGrid grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        open.add(grid);
        ChargingHarness h = new ChargingHarness(grid);
        SubscriberId sub = h.account("ledger-here", 100_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        h.terminate(s, 1, ServiceUsage.report(RG_DATA, 4_000));
        IMap<String, AccountState> map = grid.instance().getMap(HazelcastGrid.ACCOUNTS);
        AccountQueries.PendingLedger reader = new AccountQueries.PendingLedger();
        Map<String, ArrayList<LedgerRecord>> returned = ByPartition.execute(map, grid.instance().getPartitionService(),
                java.util.Set.of("ledger-here", "no-such-account"), reader);
        assertEquals(Map.of(), returned, "nothing comes back through serialization");
        assertEquals(java.util.Set.of("ledger-here"), reader.collected().keySet());
        assertEquals(h.get("ledger-here").pendingLedger(), reader.collected().get("ledger-here"));
        assertTrue(reader.collected().get("ledger-here").size() >= 2, "the opening record and the session's charge");
    }

    @Test
    void aCommandOnAnotherMembersAccountReturnsItsResult() {
        var cluster = TestMembers.newCluster(0);
        HazelcastGrid here = HazelcastGrid.start(cluster, Fixtures.policy());
        open.add(here);
        HazelcastGrid there = HazelcastGrid.start(cluster, Fixtures.policy());
        open.add(there);
        ChargingHarness h = new ChargingHarness(here);
        // right after the second member joins, partitions may have no owner yet, or still be migrating
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> here.instance().getPartitionService().isClusterSafe()
                        && there.instance().getPartitionService().isClusterSafe());
        String id = null;
        for (int i = 0; id == null; i++) {
            String candidate = "elsewhere-" + i;
            var owner = there.instance().getPartitionService().getPartition(candidate).getOwner();
            if (owner != null && owner.localMember()) {
                id = candidate;
            }
        }
        h.account(id, 1_000);
        String answer = new String("the answer");
        String got = here.accounts().execute(id, new Answering(answer)).join();
        assertEquals(answer, got);
        assertTrue(got != answer, "a copy: the command ran on the other member");
    }

    @Test
    void anUpdateChangesTheStoredAccountWithoutReplacingIt() {
        HazelcastGrid grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        open.add(grid);
        IMap<String, AccountState> map = grid.instance().getMap(HazelcastGrid.ACCOUNTS);
        ChargingHarness h = new ChargingHarness(grid);
        SubscriberId sub = h.account("in-place-1", 100_000);
        String s = ChargingHarness.newSessionId();
        assertEquals(ResultStatus.SUCCESS, h.initial(s, sub, ServiceUsage.ask(RG_DATA)).status());
        AccountState before = stored(map, "in-place-1");
        long version = h.get("in-place-1").version();

        ChargingResult r = h.update(s, 1, ServiceUsage.reportAndAsk(RG_DATA, 250_000));

        assertEquals(ResultStatus.SUCCESS, r.status());
        AccountState after = stored(map, "in-place-1");
        assertSame(before, after, "the stored account is the same object before and after the UPDATE");
        Account now = h.get("in-place-1");
        assertEquals(version + 1, now.version());
        assertEquals(250_000, now.reportedBytes());
        assertTrue(now != h.get("in-place-1"), "readers get values of their own, never the stored object");
    }

    @Test
    void aChargeARuleAbandonsHalfWayLeavesTheStoredAccountAsItWas() {
        HazelcastGrid grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy());
        open.add(grid);
        ChargingHarness h = new ChargingHarness(grid);
        SubscriberId sub = h.account("in-place-2", 100_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        Account before = h.get("in-place-2");
        // a command whose rules change the account and then fail
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> grid.accounts().execute("in-place-2", new FailingHalfWay(Fixtures.START)).join());
        assertTrue(String.valueOf(e.getMessage()).contains("half-way"), e.getMessage());
        assertEquals(before, h.get("in-place-2"), "every field as before, the ledger too");
        assertEquals(ResultStatus.SUCCESS, h.update(s, 1, ServiceUsage.reportAndAsk(RG_DATA, 1_000)).status());
        h.assertAudited();
    }

    @Test
    void everyAccountIsVisitedOncePartitionByPartitionAcrossMembers() {
        dev.ocs.core.config.GridConfig cluster = TestMembers.newCluster(1);
        HazelcastGrid first = HazelcastGrid.start(cluster, Fixtures.policy());
        open.add(first);
        HazelcastGrid second = HazelcastGrid.start(cluster, Fixtures.policy());
        open.add(second);
        for (int i = 0; i < 600; i++) {
            assertTrue(first.accounts().create(Account.open("visit-" + i, List.of(), i, Fixtures.START)));
        }
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        second.accounts().forEach(a -> seen.merge(a.id(), 1, Integer::sum));
        assertEquals(600, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "each account once");
        assertEquals(600, second.accounts().totals().accounts());
    }

    @Test
    void theStoreOnlyEverGetsWholeAccountsWhileChargingGoesOn() throws Exception {
        PersistenceConfig d = PersistenceConfig.memoryOnly();
        PersistenceConfig store = new PersistenceConfig(PersistenceConfig.Backend.SQLITE, dir.resolve("ocs.db"), d.url(),
                d.user(), d.password(), d.poolSize(), d.connectTimeoutMillis(), 5, 100, d.maxOutageSeconds());
        HazelcastGrid grid = HazelcastGrid.start(TestMembers.newCluster(0), Fixtures.policy(), store);
        open.add(grid);
        ChargingHarness h = new ChargingHarness(grid);
        int accounts = 4;
        List<SubscriberId> subs = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            subs.add(h.account("busy-" + i, 1_000_000_000L));
        }
        JdbcAccountRepository db = AccountDatabase.open(store);
        open.add(db);
        AtomicBoolean charging = new AtomicBoolean(true);
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> { // reads what the write-behind (every 5 ms) wrote, all along
            while (charging.get() && torn.get() == null) {
                for (int i = 0; i < accounts; i++) {
                    Account a = db.load("busy-" + i);
                    String problem = a == null ? null : whole(a);
                    if (problem != null) {
                        torn.set("busy-" + i + " version " + a.version() + ": " + problem);
                    }
                }
            }
        });
        List<Thread> chargers = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            SubscriberId sub = subs.get(i);
            chargers.add(Thread.ofPlatform().start(() -> {
                for (int round = 0; round < 40; round++) {
                    String s = ChargingHarness.newSessionId();
                    h.initial(s, sub, ServiceUsage.ask(RG_DATA));
                    for (int n = 1; n <= 4; n++) {
                        h.update(s, n, ServiceUsage.reportAndAsk(RG_DATA, 10_000 + n));
                    }
                    h.terminate(s, 5, ServiceUsage.report(RG_DATA, 7));
                }
            }));
        }
        for (Thread t : chargers) {
            t.join();
        }
        charging.set(false);
        reader.join();
        assertNull(torn.get(), "a written account was caught half-way through a change");
        grid.persistence().flush();
        for (int i = 0; i < accounts; i++) {
            Account inGrid = h.get("busy-" + i);
            Account written = db.load("busy-" + i);
            assertNotNull(written);
            assertEquals(inGrid, written, "the store holds the grid's last value");
            assertNull(whole(written));
        }
        h.assertAudited();
    }

    /** What a torn copy would break: the totals against the balances, and the newest record against the balance. */
    private static String whole(Account a) {
        if (a.openingBalance() + a.credits() - a.debits() != a.balance()) {
            return "opening + credits - debits != balance";
        }
        if (a.bucketCredits() - a.bucketDebits() != a.bucketBytes()) {
            return "bucket credits - bucket debits != bucket bytes";
        }
        List<LedgerRecord> ledger = a.ledger();
        if (!ledger.isEmpty()) {
            LedgerRecord newest = ledger.get(ledger.size() - 1);
            if (newest.seq() != a.ledgerSeq() || newest.balanceAfter() != a.balance()) {
                return "newest record " + newest.seq() + " / " + newest.balanceAfter() + " against " + a.ledgerSeq()
                        + " / " + a.balance();
            }
        }
        return null;
    }
}
