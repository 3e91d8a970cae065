package dev.ocs.core.rules;

import dev.ocs.core.Fixtures;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ocs.core.Fixtures.RG_DATA;
import static dev.ocs.core.Fixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session slots that accounts forget serve the next sessions their thread opens, and never two sessions at once. */
class SlotPoolTest {

    private static final SubscriberId ALICE = SubscriberId.msisdn("491700000011");
    private static final SubscriberId BOB = SubscriberId.msisdn("491700000012");
    private final ChargingPolicy policy = Fixtures.policy();
    private final long afterWindow = START + 2_000 + policy.retransmissionWindowSeconds() * 1000L;

    private ServiceSlot aliceService;

    /** Alice's account with one session that ended at START + 1,000 (used, answered, closed). */
    private AccountState aliceWithAnEndedSession() {
        AccountState a = AccountState.of(Account.open("alice", List.of(ALICE.key()), 1_000_000, START));
        SessionCharging.charge(a, new ChargingRequest.Initial("a1", 0, ALICE, List.of(ServiceUsage.ask(RG_DATA))), START,
                policy);
        aliceService = a.sessions().get(0).service(0);
        SessionCharging.charge(a, new ChargingRequest.Terminate("a1", 1, List.of(ServiceUsage.report(RG_DATA, 5_000))),
                START + 1_000, policy);
        assertTrue(a.sessions().get(0).closed());
        return a;
    }

    private static ChargingRequest.Initial bobStarts() {
        return new ChargingRequest.Initial("b1", 0, BOB, List.of(ServiceUsage.ask(RG_DATA)));
    }

    private static ChargingRequest.Update bobReports() {
        return new ChargingRequest.Update("b1", 1, List.of(ServiceUsage.reportAndAsk(RG_DATA, 700)));
    }

    @Test
    void aSessionForgottenAfterItsWindowLendsItsSlotToTheNextSessionOpened() {
        Account bobOpened = Account.open("bob", List.of(BOB.key()), 1_000_000, START);
        Account expected = SessionCharging.charge(bobOpened, bobStarts(), afterWindow, policy).next();
        expected = SessionCharging.charge(expected, bobReports(), afterWindow + 1, policy).next();

        AccountState alice = aliceWithAnEndedSession();
        SessionSlot ended = alice.sessions().get(0);
        new SweepCommand(afterWindow).applyInPlace(alice, policy);
        assertEquals(0, alice.sessions().size(), "the window is over: the session is forgotten");

        AccountState bob = AccountState.of(bobOpened);
        var started = SessionCharging.charge(bob, bobStarts(), afterWindow, policy);
        assertEquals(ResultStatus.SUCCESS, started.status());
        assertSame(ended, bob.sessions().get(0), "Bob's session lives in the slot Alice's account forgot");
        assertSame(aliceService, bob.sessions().get(0).service(0), "and in its rating group's slot");
        SessionCharging.charge(bob, bobReports(), afterWindow + 1, policy);
        assertEquals(expected, bob.snapshot(), "holding nothing of Alice's session: the value of new slots");
        List<String> aliceSessions = alice.snapshot().ledger().stream().map(LedgerRecord::sessionId)
                .filter(id -> !id.isEmpty()).distinct().toList();
        assertEquals(List.of("a1"), aliceSessions, "Alice's ledger still names her session, not the slot's new one");
    }

    @Test
    void aChangeThatFailsAfterForgettingASessionKeepsItsSlot() {
        AccountState alice = aliceWithAnEndedSession();
        SessionSlot ended = alice.sessions().get(0);
        Account before = alice.snapshot();
        assertThrows(IllegalStateException.class, () -> alice.change(afterWindow, policy, d -> {
            Housekeeping.run(d, policy); // forgets the session ...
            throw new IllegalStateException("... then gives up");
        }));
        assertSame(ended, alice.sessions().get(0), "the slot is back in the account");
        assertEquals(before, alice.snapshot());

        AccountState bob = AccountState.of(Account.open("bob", List.of(BOB.key()), 1_000_000, START));
        SessionCharging.charge(bob, bobStarts(), afterWindow, policy);
        assertNotSame(ended, bob.sessions().get(0), "a slot an account still holds is never lent");
    }

    @Test
    void aChangeThatFailsAfterClosingASessionKeepsItsRatingGroups() {
        AccountState bob = AccountState.of(Account.open("bob", List.of(BOB.key()), 1_000_000, START));
        SessionCharging.charge(bob, bobStarts(), START, policy);
        SessionSlot open = bob.sessions().get(0);
        ServiceSlot service = open.service(0);
        assertThrows(IllegalStateException.class, () -> bob.change(START + 1, policy, d -> {
            open.close(START + 1); // gives its rating group up ...
            throw new IllegalStateException("... then gives up");
        }));
        assertSame(service, open.service(0), "the rating group is back in the session");
        assertTrue(service.holdsReservation());

        AccountState alice = AccountState.of(Account.open("alice", List.of(ALICE.key()), 1_000_000, START));
        SessionCharging.charge(alice, new ChargingRequest.Initial("a2", 0, ALICE, List.of(ServiceUsage.ask(RG_DATA))),
                START + 2, policy);
        assertNotSame(service, alice.sessions().get(0).service(0), "a rating group a session still holds is never lent");
    }

    @Test
    void aPoolKeepsAtMostItsCapacity() {
        SlotPool pool = new SlotPool();
        for (int i = 0; i < SlotPool.CAPACITY + 10; i++) {
            pool.give(new SessionSlot("s" + i, 0, 0, 0, "", ""));
        }
        assertEquals(SlotPool.CAPACITY, pool.size());
        SessionSlot lent = pool.open("again", 3, 4, 0, "pgw", "realm");
        assertEquals("again", lent.sessionId());
        assertEquals(3, lent.requestNumber());
        assertEquals(0, lent.serviceCount());
        assertEquals(SlotPool.CAPACITY - 1, pool.size());
    }
}
