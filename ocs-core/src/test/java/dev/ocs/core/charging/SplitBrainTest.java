package dev.ocs.core.charging;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.Fixtures;
import dev.ocs.core.ManualClock;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.core.store.hazelcast.HazelcastGrid;
import dev.ocs.core.store.hazelcast.MemberLinks;
import dev.ocs.core.store.hazelcast.TestMembers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A three-member cluster with {@code minimum-cluster-size: 2} split by cutting one member's network:
 * the cut-off member refuses every request (answered 3004, the gateway goes elsewhere) while the two
 * others charge the same accounts, those whose primary copy was on the lost member included; once
 * the network heals the lone member merges back without bringing any spent money back, and the
 * ledger audit is clean.
 */
class SplitBrainTest {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SplitBrainTest.class);
    private static final int ACCOUNTS = 40;
    private static final long OPENING = 100_000;
    private final List<HazelcastInstance> members = new ArrayList<>();
    private MemberLinks links;

    @AfterEach
    void stop() {
        members.forEach(m -> m.getLifecycleService().terminate());
        if (links != null) {
            links.close();
        }
    }

    @Test
    void minorityRefusesWhileMajorityChargesAndTheMergeBringsNoMoneyBack() throws Exception {
        int firstPort = 20_000 + (int) (ProcessHandle.current().pid() % 40) * 150;
        links = new MemberLinks(3, firstPort);
        GridConfig cluster = TestMembers.newCluster(1)
                .withSplitBrain(new GridConfig.SplitBrain(2, 4, 2));
        List<HazelcastGrid> grids = new ArrayList<>();
        for (MemberLinks.Member m : links.members()) {
            GridConfig settings = cluster.withMembers(m.port(), links.joinList())
                    .withDiscovery(new GridConfig.Discovery(GridConfig.Join.TCP_IP, "", "", m.publicAddress(), m.outboundPorts()));
            HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastGrid.config(settings, Fixtures.policy()));
            members.add(hz);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> members.stream()
                .allMatch(m -> m.getCluster().getMembers().size() == 3));
        // and the partitions settled on the three: provisioning while they migrate once failed with "backup
        // acks missed" (IndeterminateOperationStateException) on a machine busy with another process
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> members.stream()
                .allMatch(m -> m.getPartitionService().isClusterSafe()));
        ManualClock clock = new ManualClock(Fixtures.START);
        for (HazelcastInstance hz : members) {
            grids.add(new HazelcastGrid(hz, false, 3_600));
        }
        HazelcastGrid majority = grids.get(0);
        HazelcastGrid minority = grids.get(2);
        GridChargingService onMajority = new GridChargingService(majority, clock);
        GridChargingService onMinority = new GridChargingService(minority, clock);
        AccountProvisioning provisioning = new AccountProvisioning(majority, clock);
        for (int i = 0; i < ACCOUNTS; i++) {
            provision(provisioning, majority, i);
        }
        assertTrue(minority.hasQuorum());
        assertEquals(ResultStatus.SUCCESS, session(onMinority, 0, 3_000), "before the split every member charges");

        links.isolate(2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !minority.hasQuorum());
        assertTrue(majority.hasQuorum());

        // the minority grants nothing, not even for a session it opened before
        ChargingResult refused = onMinority.charge(new ChargingRequest.Initial("split-0", 0, sub(1),
                List.of(ServiceUsage.ask(RG_DATA)))).join();
        assertEquals(ResultStatus.STORE_UNAVAILABLE, refused.status());
        // the majority charges every account once it has taken over the lost member's copies
        long[] spent = new long[ACCOUNTS];
        spent[0] = 3;
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> majority.members() == 2 && majority.accounts().size() == ACCOUNTS);
        for (int i = 0; i < ACCOUNTS; i++) {
            int account = i;
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> session(onMajority, account, 5_000) == ResultStatus.SUCCESS);
            spent[i] += 5;
        }
        assertEquals(ResultStatus.STORE_UNAVAILABLE, session(onMinority, 1, 7_000), "still refused while cut off");

        links.heal();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> members.stream()
                .allMatch(m -> m.getCluster().getMembers().size() == 3) && minority.hasQuorum());
        for (int i = 0; i < ACCOUNTS; i++) {
            Account a = majority.accounts().get("acc-" + i);
            assertEquals(OPENING - spent[i], a.balance(), a.id() + ": charged exactly what the majority charged");
            assertEquals(a.balance(), a.freeMoney(), a.id());
        }
        assertEquals(List.of(), LedgerAudit.audit(majority.accounts(), Map.of()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> session(onMinority, 2, 1_000) == ResultStatus.SUCCESS);
        assertEquals(OPENING - spent[2] - 1, minority.accounts().get("acc-2").balance(), "the merged member charges again");
    }

    /**
     * Creates account i before the split. A write whose backup acknowledgement did not come back in time
     * fails as indeterminate (the guard's setting; twice in seven CI runs on 2026-12-03, the same partition
     * of the subscriber map, on a whole cluster): it may have been applied, so it is tried again until the
     * account exists. What the test is about starts after this.
     */
    private static void provision(AccountProvisioning provisioning, HazelcastGrid grid, int i) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                provisioning.create("acc-" + i, List.of(sub(i)), OPENING);
                return true;
            } catch (IllegalArgumentException e) { // "already exists": the earlier try was applied after all
                return grid.accounts().get("acc-" + i) != null;
            } catch (RuntimeException e) {
                if (indeterminate(e)) {
                    // said in the test's output, so that CI logs show how often it happens and where
                    LOG.warn("creating acc-{} came back indeterminate; trying again", i, e);
                    return false;
                }
                throw e;
            }
        });
    }

    private static boolean indeterminate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.hazelcast.core.IndeterminateOperationStateException) {
                return true;
            }
        }
        return false;
    }

    private static SubscriberId sub(int i) {
        return SubscriberId.msisdn(String.valueOf(491703000000L + i));
    }

    /** A session using {@code bytes} (1 per started kB): the status of the first request that was not a success, or SUCCESS. */
    private static ResultStatus session(ChargingService service, int account, long bytes) {
        String id = ChargingHarness.newSessionId();
        ChargingResult r = service.charge(new ChargingRequest.Initial(id, 0, sub(account),
                List.of(ServiceUsage.ask(RG_DATA)))).join();
        if (r.status() != ResultStatus.SUCCESS) {
            return r.status();
        }
        return service.charge(new ChargingRequest.Terminate(id, 1, List.of(ServiceUsage.report(RG_DATA, bytes))))
                .join().status();
    }
}
