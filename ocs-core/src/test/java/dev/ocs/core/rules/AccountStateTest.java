package dev.ocs.core.rules;

import dev.ocs.core.Fixtures;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ocs.core.Fixtures.RG_DATA;
import static dev.ocs.core.Fixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mutable account the grid keeps: changes in place, all or nothing, with the ledger in a ring. */
class AccountStateTest {

    private static final SubscriberId SUB = SubscriberId.msisdn("491700000001");
    private final ChargingPolicy policy = Fixtures.policy();

    private AccountState charged() {
        AccountState s = AccountState.of(Account.open("st-1", List.of(SUB.key()), 1_000_000, START));
        SessionCharging.charge(s, new ChargingRequest.Initial("s1", 0, SUB, List.of(ServiceUsage.ask(RG_DATA))), START, policy);
        SessionCharging.charge(s, new ChargingRequest.Update("s1", 1, List.of(ServiceUsage.reportAndAsk(RG_DATA, 5_000))),
                START + 1, policy);
        return s;
    }

    @Test
    void aChargeInPlaceReachesTheSameValueAsOnASnapshot() {
        Account opened = Account.open("st-1", List.of(SUB.key()), 1_000_000, START);
        Account viaSnapshots = SessionCharging.charge(opened,
                new ChargingRequest.Initial("s1", 0, SUB, List.of(ServiceUsage.ask(RG_DATA))), START, policy).next();
        viaSnapshots = SessionCharging.charge(viaSnapshots,
                new ChargingRequest.Update("s1", 1, List.of(ServiceUsage.reportAndAsk(RG_DATA, 5_000))), START + 1, policy).next();
        assertEquals(viaSnapshots, charged().snapshot());
    }

    @Test
    void aRuleThatFailsHalfWayLeavesEveryFieldAsItWas() {
        AccountState s = charged();
        Account before = s.snapshot();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FailingHalfWay(START + 2).applyInPlace(s, policy));
        assertTrue(e.getMessage().contains("half-way"));
        assertEquals(before, s.snapshot());
        assertFalse(s.changed());
    }

    @Test
    void updatesChangeTheSessionWhereItLivesWithoutNewObjects() {
        AccountState s = charged();
        SessionSlot session = s.sessions().get(0);
        ServiceSlot service = session.service(0);
        var first = SessionCharging.charge(s, new ChargingRequest.Update("s1", 2,
                List.of(ServiceUsage.reportAndAsk(RG_DATA, 7_000))), START + 2, policy);
        for (int n = 3; n < 10; n++) {
            SessionCharging.charge(s, new ChargingRequest.Update("s1", n, List.of(ServiceUsage.reportAndAsk(RG_DATA, 1_000))),
                    START + n, policy);
        }
        assertTrue(s.changed());
        assertSame(session, s.sessions().get(0), "the session is the same object, changed in place");
        assertSame(service, session.service(0), "so is its rating group");
        assertEquals(5_000 + 7_000 + 7 * 1_000, service.usedBytes());
        assertEquals(9, session.requestNumber());
        assertEquals(ResultStatus.SUCCESS, first.status());
        var last = SessionCharging.charge(s, new ChargingRequest.Update("s1", 10,
                List.of(ServiceUsage.reportAndAsk(RG_DATA, 1_000))), START + 10, policy);
        var again = SessionCharging.charge(s, new ChargingRequest.Update("s1", 10,
                List.of(ServiceUsage.reportAndAsk(RG_DATA, 1_000))), START + 11, policy);
        assertEquals(last, again, "a retransmission is answered alike from the numbers kept");
        assertFalse(s.changed(), "and charges nothing");
    }

    @Test
    void aFailedChangeAfterSessionsChangedInPlacePutsTheirFieldsBack() {
        AccountState s = charged();
        SessionCharging.charge(s, new ChargingRequest.Initial("s2", 0, SUB, List.of(ServiceUsage.ask(RG_DATA))), START + 1,
                policy);
        SessionCharging.charge(s, new ChargingRequest.Terminate("s2", 1, List.of(ServiceUsage.report(RG_DATA, 10))),
                START + 1, policy); // one open session and one closed one, each with an answer
        Account before = s.snapshot();
        SessionSlot open = s.sessions().get(0);
        assertThrows(IllegalStateException.class, () -> new FailingHalfWay(START + 2).applyInPlace(s, policy));
        assertEquals(before, s.snapshot());
        assertSame(open, s.sessions().get(0), "the same slot, with its fields put back");
        assertTrue(open.service(0).holdsReservation());
    }

    @Test
    void aChangeThatBreaksContinuityIsRefusedAndUndone() {
        AccountState s = charged();
        Account before = s.snapshot();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.change(START + 3, policy, d -> {
            d.creditMoney(1_000); // money moved without a ledger record
            return null;
        }));
        assertTrue(e.getMessage().contains("without a ledger record"), e.getMessage());
        assertEquals(before, s.snapshot());
        assertFalse(s.changed());
    }

    @Test
    void unchangedRequestsDoNotMoveTheVersion() {
        AccountState s = charged();
        Account before = s.snapshot();
        // a retransmission of the UPDATE: the same answer, nothing changed
        var r = SessionCharging.charge(s, new ChargingRequest.Update("s1", 1,
                List.of(ServiceUsage.reportAndAsk(RG_DATA, 5_000))), START + 2, policy);
        assertEquals(ResultStatus.SUCCESS, r.status());
        assertFalse(s.changed());
        assertEquals(before, s.snapshot());
    }

    @Test
    void theLedgerRingKeepsPendingRecordsAndOnlyTheNewestExportedOnes() {
        AccountState s = charged();
        int keep = policy.recentLedgerRecords();
        for (int i = 0; i < 40; i++) { // more than the ring's first capacity: it grows
            String ref = "t" + i;
            s.change(START + 10 + i, policy, d -> {
                d.creditMoney(1);
                d.record(LedgerType.TOPUP, "", -1, 0, 1, 0, ref);
                return null;
            });
        }
        long seq = s.ledgerSeq();
        assertEquals(seq - s.exportedSeq(), s.pendingLedger().size(), "nothing exported yet: all kept");
        new AcknowledgeLedgerCommand(seq - 3).applyInPlace(s, policy);
        Account a = s.snapshot();
        assertEquals(3 + keep, a.ledger().size());
        assertEquals(seq - 3 - keep + 1, a.ledger().get(0).seq());
        assertEquals(List.of(seq - 2, seq - 1, seq), a.pendingLedger().stream().map(r -> r.seq()).toList());
        assertEquals("t39", a.ledger().get(a.ledger().size() - 1).reference());
        assertEquals(a, AccountState.of(a).snapshot(), "a state made from the value holds the same value");
    }
}
