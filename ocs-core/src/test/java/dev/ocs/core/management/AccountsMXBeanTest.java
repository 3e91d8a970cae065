package dev.ocs.core.management;

import dev.ocs.api.ObjectNames;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.api.AccountView;
import dev.ocs.api.LedgerView;
import dev.ocs.api.StatsMXBean;

import dev.ocs.core.ManualClock;
import dev.ocs.core.OcsCore;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.core.store.memory.MemoryGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;

import javax.management.JMX;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The operator account operations through the platform MBean server, as jconsole would call them. */
class AccountsMXBeanTest {

    @TempDir
    Path cdr;

    private OcsCore core;
    private Management management;
    private AccountsMXBean accounts;

    @BeforeEach
    void start() throws Exception {
        String yaml = """
                tariffs: [{rating-group: 1, price-per-block: 1, block-bytes: 1000}]
                charging: {quota-bytes: 300000}
                thresholds: {low-balance-money: 500}
                bundles: [{name: day-1MB, price: 150, bytes: 1000000, valid-days: 1, rating-groups: [1]}]
                ledger: {cdr-directory: '%s'}
                """.formatted(cdr);
        OcsConfig config = OcsConfig.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t"));
        core = OcsCore.start(config, new MemoryGrid(config.policy()), new ManualClock(1_780_000_000_000L));
        management = Management.register(core);
        accounts = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), new ObjectName(ObjectNames.ACCOUNTS),
                AccountsMXBean.class);
    }

    @AfterEach
    void stop() throws Exception {
        core.exporter().exportPending();
        assertEquals(List.of(), LedgerAudit.audit(core.grid().accounts(), new dev.ocs.core.ledger.CdrFiles(cdr)));
        management.close();
        core.close();
    }

    @Test
    void createTopUpTwiceAndBuyABundle() {
        AccountView created = accounts.createAccount("op-1", List.of("e164:491708880001", "imsi:262018880000001"), 1_000);
        assertEquals(1_000, created.balance());
        assertEquals("op-1", accounts.findAccount("imsi:262018880000001"));

        assertTrue(accounts.topUp("op-1", 500, "rc-1").startsWith("APPLIED"));
        assertTrue(accounts.topUp("op-1", 500, "rc-1").startsWith("DUPLICATE"), "the same reference credits once");
        assertEquals(1_500, accounts.getAccount("op-1").balance());

        assertTrue(accounts.buyBundle("op-1", "day-1MB", "buy-1").startsWith("APPLIED"));
        AccountView after = accounts.getAccount("op-1");
        assertEquals(1_350, after.balance());
        assertEquals(1, after.buckets().size());
        assertEquals(1_000_000, after.buckets().get(0).remainingBytes());
        assertEquals(List.of(1L), after.buckets().get(0).ratingGroups());

        List<LedgerView> ledger = accounts.ledger("op-1", 3);
        assertEquals(List.of("OPENING", "TOPUP", "BUNDLE_PURCHASE"), ledger.stream().map(LedgerView::type).toList());
        assertEquals(1_350, ledger.get(2).balanceAfter());
    }

    @Test
    void notificationsArriveOnceEachOverJmx() throws Exception {
        List<Notification> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        NotificationListener listener = (n, handback) -> received.add(n);
        ManagementFactory.getPlatformMBeanServer().addNotificationListener(new ObjectName(ObjectNames.ACCOUNTS), listener, null, null);
        try {
            accounts.createAccount("op-5", List.of("e164:491708880005"), 1_000);
            accounts.topUp("op-5", 200, "rc-5");
            accounts.topUp("op-5", 200, "rc-5");
            SubscriberId sub = SubscriberId.msisdn("491708880005");
            String s = "pgw;notify;1";
            core.charging().charge(new ChargingRequest.Initial(s, 0, sub, List.of(ServiceUsage.ask(1)))).join();
            for (int n = 1; n <= 6; n++) { // 300 kB granted and used each time: 1,200 minor units pay 4 grants
                core.charging().charge(new ChargingRequest.Update(s, n, List.of(ServiceUsage.reportAndAsk(1, 300_000)))).join();
            }
            core.charging().charge(new ChargingRequest.Terminate(s, 7, List.of(ServiceUsage.report(1, 0)))).join();
            core.exporter().exportPending();
            List<String> types = received.stream().map(Notification::getType).toList();
            assertEquals(List.of("ocs.account.top-up", "ocs.account.low-balance", "ocs.account.exhausted"), types);
            assertEquals("op-5", ((Map<?, ?>) received.get(0).getUserData()).get("account"));
            assertEquals(0, accounts.getAccount("op-5").balance());
        } finally {
            ManagementFactory.getPlatformMBeanServer().removeNotificationListener(new ObjectName(ObjectNames.ACCOUNTS), listener);
        }
    }

    @Test
    void statsCountRequestsResultsSessionsAndReservations() throws Exception {
        StatsMXBean stats = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), new ObjectName(ObjectNames.STATS),
                StatsMXBean.class);
        accounts.createAccount("op-6", List.of("e164:491708880006"), 1_000);
        core.charging().charge(new ChargingRequest.Initial("pgw;stats;1", 0, SubscriberId.msisdn("491708880006"),
                List.of(ServiceUsage.ask(1)))).join();
        core.charging().charge(new ChargingRequest.Initial("pgw;stats;2", 0, SubscriberId.msisdn("491708889999"),
                List.of(ServiceUsage.ask(1)))).join();
        assertEquals(2, stats.getRequestsByType().get("INITIAL"));
        assertEquals(1, stats.getResultsByStatus().get("SUCCESS"));
        assertEquals(1, stats.getResultsByStatus().get("USER_UNKNOWN"));
        assertEquals(0, stats.getInFlight());
        assertEquals(0, stats.getActiveSessions(), "totals are figures of the last closed period");
        management.stats().sample();
        assertEquals(1, stats.getActiveSessions());
        assertEquals(300, stats.getReservedMoney(), "300 kB at 1 per kB");
        assertEquals(300_000, stats.getReservedBytes());
        assertEquals(1, stats.getGridMembers());
        assertTrue(stats.getLatencyMaxMicros() > 0);
    }

    @Test
    void barAndUnbar() {
        accounts.createAccount("op-2", List.of("e164:491708880002"), 10);
        accounts.bar("op-2");
        assertEquals("BARRED", accounts.getAccount("op-2").status());
        accounts.unbar("op-2");
        assertEquals("ACTIVE", accounts.getAccount("op-2").status());
    }

    @Test
    void badOperatorInputIsRefusedWithAMessageAndChangesNothing() {
        accounts.createAccount("op-3", List.of("e164:491708880003"), 100);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> accounts.topUp("nobody", 5, "r"))
                .getMessage().contains("unknown account nobody"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> accounts.topUp("op-3", -5, "r"))
                .getMessage().contains("must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> accounts.buyBundle("op-3", "gold", "r"))
                .getMessage().contains("unknown bundle 'gold'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> accounts.buyBundle("op-3", "day-1MB", "r"))
                .getMessage().contains("costs 150 but only 100 is free"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> accounts.createAccount("op-4", List.of("e164:49170x"), 0)).getMessage().contains("digits"));
        assertThrows(IllegalArgumentException.class, () -> accounts.getAccount("op-4"));
        assertEquals(100, accounts.getAccount("op-3").balance());
        assertEquals(1, accounts.getAccount("op-3").ledgerSeq());
    }

    @Test
    void bulkCreateLeavesExistingAccountsAloneAndTotalsReadBackByIndex() throws Exception {
        accounts.createAccount("bulk-3", List.of("e164:491707770003"), 5);
        assertEquals(4, accounts.createAccounts("bulk-", 491707770000L, 5, 1_000));
        assertEquals(0, accounts.createAccounts("bulk-", 491707770000L, 5, 1_000), "a second run creates nothing");
        assertEquals("bulk-4", accounts.findAccount("e164:491707770004"));
        long[] totals = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), new ObjectName(ObjectNames.LOAD_TEST),
                dev.ocs.api.LoadTestMXBean.class).listTotals("bulk-", 3, 3);
        int f = dev.ocs.api.LoadTestMXBean.TOTALS_FIELDS;
        assertEquals(3 * f, totals.length);
        assertEquals(1, totals[0]);
        assertEquals(5, totals[1], "the existing account kept its balance");
        assertEquals(1_000, totals[f + 1]);
        assertEquals(0, totals[2 * f], "bulk-5 does not exist");
        assertEquals(List.of(), accounts.listAuditFindings());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> accounts.createAccounts("bulk-", 491707770000L, 0, 1))
                .getMessage().contains("count"));
    }
}
