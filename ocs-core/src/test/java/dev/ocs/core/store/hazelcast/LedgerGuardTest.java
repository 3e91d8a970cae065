package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.ocs.core.Fixtures;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.domain.SubscriberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A process that joins the grid as a member (the open-source edition cannot refuse it) and writes to
 * the account map with plain puts is refused: a balance moves only with a ledger record.
 */
class LedgerGuardTest {

    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void aMemberThatJoinedCannotRaiseABalanceWithAPlainPut() {
        GridConfig cluster = TestMembers.newCluster(1);
        HazelcastInstance ocs = TestMembers.start(cluster, Fixtures.policy());
        members.add(ocs);
        HazelcastGrid grid = new HazelcastGrid(ocs, false, 3_600);
        for (int i = 0; i < 20; i++) {
            assertTrue(grid.accounts().create(Account.open("acc-" + i, List.of(SubscriberId.msisdn("4917055500" + (10 + i)).key()),
                    1_000, 1_780_000_000_000L)));
        }
        HazelcastInstance rogue = TestMembers.start(cluster, Fixtures.policy());
        members.add(rogue);
        IMap<String, AccountState> map = rogue.getMap(HazelcastGrid.ACCOUNTS);
        for (int i = 0; i < 20; i++) { // the keys are spread over both members' partitions
            String id = "acc-" + i;
            Account a = map.get(id).snapshot();
            Account raised = new Account(a.id(), a.status(), a.subscribers(), 999_999_999, a.openingBalance(),
                    a.credits() + 999_998_999, a.debits(), a.refundable(), a.buckets(), a.nextBucketId(), a.bucketCredits(),
                    a.bucketDebits(), a.reportedBytes(), a.sessions(), a.ledgerSeq(), a.exportedSeq(), a.ledger(),
                    a.references(), a.createdAt(), a.version() + 1);
            AccountState raisedState = AccountState.of(raised);
            Exception e = assertThrows(Exception.class, () -> map.put(id, raisedState), id);
            assertTrue(String.valueOf(e.getMessage()).contains("without a ledger record"), e.getMessage());
            assertThrows(Exception.class, () -> map.set(id, raisedState));
            AccountState unopened = AccountState.of(Account.open(id, List.of(), 999_999_999, 1_780_000_000_000L));
            assertThrows(Exception.class, () -> map.put(id, unopened), "a new incarnation is not a write");
            IMap<String, Object> untyped = rogue.getMap(HazelcastGrid.ACCOUNTS);
            assertThrows(Exception.class, () -> untyped.put(id, raised), "not the stored type");
            assertEquals(1_000, grid.accounts().get(id).balance());
        }
    }
}
