package dev.ocs.core.charging;

import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.Fixtures;
import dev.ocs.core.ManualClock;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.hazelcast.HazelcastGrid;
import dev.ocs.core.store.hazelcast.TestMembers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Many gateway threads charging at once on a two-member cluster with synchronous backups: against
 * one shared account, and against many. Afterwards every balance is exactly the opening balance
 * minus the cost of what the sessions reported, nothing is negative or still reserved, the ledger
 * audit balances to the unit, and all of that still holds on the backup copies once the member the
 * clients used is killed.
 */
class ConcurrentChargingTest {

    private static final int THREADS = 8;
    private HazelcastInstance first;
    private HazelcastInstance second;
    private ChargingService service;
    private AccountProvisioning provisioning;
    private Grid grid;
    private final Map<String, AtomicLong> expectedCharge = new ConcurrentHashMap<>();
    private final AtomicLong retransmissions = new AtomicLong();

    @BeforeEach
    void startCluster() {
        GridConfig cluster = TestMembers.newCluster(1);
        first = TestMembers.start(cluster, Fixtures.policy());
        second = TestMembers.start(cluster, Fixtures.policy());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 2);
        grid = new HazelcastGrid(first, false, 3_600);
        ManualClock clock = new ManualClock(Fixtures.START);
        service = new GridChargingService(grid, clock);
        provisioning = new AccountProvisioning(grid, clock);
    }

    @AfterEach
    void stopCluster() {
        first.getLifecycleService().terminate();
        second.getLifecycleService().terminate();
    }

    @Test
    void manySessionsOnOneSharedAccountNeverSpendMoreThanItHolds() throws Exception {
        long opening = 2_000_000;
        SubscriberId sub = SubscriberId.msisdn("491701111111");
        provisioning.create("shared", List.of(sub), opening);
        expectedCharge.put("shared", new AtomicLong());

        runThreads(() -> {
            while (session(sub, "shared")) {
                // each thread keeps opening sessions until the account is out of credit
            }
        });

        Account a = grid.accounts().get("shared");
        assertEquals(opening - expectedCharge.get("shared").get(), a.balance());
        assertTrue(a.balance() < 5, "the threads spent the account down to less than a block each: " + a.balance());
        assertEquals(a.balance(), a.freeMoney(), "no reservation is left");
        assertEquals(0, a.openSessions());
        assertTrue(retransmissions.get() > 0);
        assertAuditedOnBothCopies();
    }

    @Test
    void manySessionsOnManyAccountsChargeEachExactly() throws Exception {
        int accounts = 200;
        long opening = 50_000;
        List<SubscriberId> subs = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            SubscriberId sub = SubscriberId.msisdn(String.valueOf(491702000000L + i));
            provisioning.create("acc-" + i, List.of(sub), opening);
            expectedCharge.put("acc-" + i, new AtomicLong());
            subs.add(sub);
        }
        runThreads(() -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int n = 0; n < 150; n++) {
                int i = rnd.nextInt(accounts);
                session(subs.get(i), "acc-" + i);
            }
        });
        for (int i = 0; i < accounts; i++) {
            Account a = grid.accounts().get("acc-" + i);
            assertEquals(opening - expectedCharge.get(a.id()).get(), a.balance(), a.id());
            assertEquals(a.balance(), a.freeMoney(), a.id());
        }
        assertAuditedOnBothCopies();
    }

    private void assertAuditedOnBothCopies() {
        assertEquals(List.of(), LedgerAudit.audit(grid.accounts(), Map.of()));
        Map<String, Long> balances = new ConcurrentHashMap<>();
        grid.accounts().forEach(a -> balances.put(a.id(), a.balance()));

        first.getLifecycleService().terminate(); // the backups on the second member take over
        Grid survivor = new HazelcastGrid(second, false, 3_600);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> survivor.accounts().size() == balances.size());
        assertEquals(List.of(), LedgerAudit.audit(survivor.accounts(), Map.of()));
        survivor.accounts().forEach(a -> assertEquals(balances.get(a.id()), a.balance(), a.id()));
    }

    private void runThreads(Runnable body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(body));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    /** One session I, U..., T using a random part of each grant; answers whether the initial got units. */
    private boolean session(SubscriberId sub, String accountId) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        String id = ChargingHarness.newSessionId();
        ChargingResult r = send(new ChargingRequest.Initial(id, 0, sub, List.of(ServiceUsage.ask(RG_DATA))));
        if (r.status() != ResultStatus.SUCCESS) {
            assertEquals(ResultStatus.CREDIT_LIMIT_REACHED, r.status());
            return false;
        }
        long used = 0;
        long granted = r.services().get(0).grantedBytes();
        int updates = rnd.nextInt(1, 6);
        long number = 1;
        for (; number <= updates && granted > 0; number++) {
            long use = rnd.nextInt(4) == 0 ? granted : rnd.nextLong(granted + 1);
            used += use;
            ServiceResult s = send(new ChargingRequest.Update(id, number, List.of(ServiceUsage.reportAndAsk(RG_DATA, use))))
                    .services().get(0);
            granted = s.status() == ServiceStatus.GRANTED ? s.grantedBytes() : 0;
        }
        long last = granted == 0 ? 0 : rnd.nextLong(granted + 1);
        used += last;
        ChargingResult t = send(new ChargingRequest.Terminate(id, number, List.of(ServiceUsage.report(RG_DATA, last))));
        assertEquals(ResultStatus.SUCCESS, t.status());
        expectedCharge.get(accountId).addAndGet((used + 999) / 1_000); // 1 per started kB, once per session
        return true;
    }

    /** Sends a request; now and then sends it again, as a gateway retransmitting would, and expects the same answer. */
    private ChargingResult send(ChargingRequest request) {
        ChargingResult r = service.charge(request).join();
        if (ThreadLocalRandom.current().nextInt(10) == 0) {
            assertEquals(r, service.charge(request).join(), "a retransmission is answered alike");
            retransmissions.incrementAndGet();
        }
        return r;
    }
}
