package dev.ocs.core.charging;

import dev.ocs.core.rules.OperatorCommands;
import dev.ocs.core.rules.OperatorResult;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.EventAction;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.Grid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ocs.core.Fixtures.*;
import static dev.ocs.core.charging.ChargingHarness.newSessionId;
import static dev.ocs.core.domain.ServiceUsage.ask;
import static dev.ocs.core.domain.ServiceUsage.report;
import static dev.ocs.core.domain.ServiceUsage.reportAndAsk;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The charging rules as scenarios (DESIGN.md "Charging a session"). Run against every grid
 * implementation: the subclasses say which.
 */
abstract class ChargingScenarios {

    ChargingHarness h;

    abstract Grid newGrid();

    @BeforeEach
    void setUp() {
        h = new ChargingHarness(newGrid());
    }

    @AfterEach
    void auditAndClose() {
        h.assertAudited();
        h.grid.close();
    }

    private static ServiceResult only(ChargingResult r) {
        assertEquals(1, r.services().size(), r.toString());
        return r.services().get(0);
    }

    // ---- granting -------------------------------------------------------------------------------

    @Test
    void initialGrantWhenBalanceCoversRequest() {
        SubscriberId sub = h.account("a1", 5_000);
        ChargingResult r = h.initial(newSessionId(), sub, ask(RG_DATA));
        assertEquals(ResultStatus.SUCCESS, r.status());
        ServiceResult s = only(r);
        assertEquals(ServiceStatus.GRANTED, s.status());
        assertEquals(QUOTA, s.grantedBytes());
        assertEquals(VALIDITY, s.validitySeconds());
        assertFalse(s.finalUnits());
        assertEquals(1_000, s.cost());
        Account a = h.get("a1");
        assertEquals(5_000, a.balance(), "a reservation is no debit");
        assertEquals(4_000, a.freeMoney());
    }

    @Test
    void grantIsCappedAtTheQuotaSize() {
        SubscriberId sub = h.account("a1", 1_000_000);
        assertEquals(QUOTA, only(h.initial(newSessionId(), sub, ask(RG_DATA, 50 * QUOTA))).grantedBytes());
    }

    @Test
    void smallerRequestGetsWhatItAskedFor() {
        SubscriberId sub = h.account("a1", 5_000);
        ServiceResult s = only(h.initial(newSessionId(), sub, ask(RG_DATA, 2_500)));
        assertEquals(2_500, s.grantedBytes());
        assertEquals(3, s.cost(), "three started blocks are held");
    }

    @Test
    void aTimeTariffGrantsSecondsAndChargesPerStartedBlock() {
        SubscriberId sub = h.account("t1", 1_000);
        String session = newSessionId();
        ServiceResult s = only(h.initial(session, sub, ask(RG_TIME)));
        assertEquals(TIME_QUOTA, s.grantedBytes(), "its own quota: 600 seconds, not the octet quota");
        assertEquals(20, s.cost(), "ten started minutes are held");
        ServiceResult next = only(h.update(session, 1, reportAndAsk(RG_TIME, 61)));
        assertEquals(TIME_QUOTA, next.grantedBytes());
        h.terminate(session, 2, report(RG_TIME, 59));
        assertEquals(1_000 - 4 - 0, h.get("t1").balance(), "61 s: two started minutes (4); then 120 s in all: still two");
    }

    @Test
    void aTimeTariffNeverDrawsFromABucketOfOctets() {
        SubscriberId sub = h.account("t2", 0);
        h.provisioning.addBucket("t2", "all", 10 * QUOTA, START + 86_400_000, List.of(), "b1");
        assertEquals(ServiceStatus.CREDIT_LIMIT_REACHED, only(h.initial(newSessionId(), sub, ask(RG_TIME))).status());
    }

    @Test
    void overuseOfSecondsIsBilledWithinTheShareOnly() {
        SubscriberId sub = h.account("t3", 100_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_TIME));
        h.terminate(session, 1, report(RG_TIME, 100_000));
        // 600 granted + 10 % = 660 s billable (11 minutes, 22); an allowance in octets (1 MiB) would bill it all
        assertEquals(100_000 - 22, h.get("t3").balance());
    }

    @Test
    void exactFitGrantCarriesFinalUnitsAndTheNextAskIsCreditLimitReachedInItsServiceOnly() {
        SubscriberId sub = h.account("a1", 1_000);
        String session = newSessionId();
        ServiceResult s = only(h.initial(session, sub, ask(RG_DATA)));
        assertEquals(QUOTA, s.grantedBytes());
        assertTrue(s.finalUnits(), "nothing is left after this grant");

        ChargingResult next = h.update(session, 1, reportAndAsk(RG_DATA, QUOTA));
        assertEquals(ResultStatus.SUCCESS, next.status(), "top level 2001: the session stays open to be re-authorised");
        assertEquals(ServiceStatus.CREDIT_LIMIT_REACHED, only(next).status());
        assertEquals(0, h.get("a1").balance());
        assertFalse(h.get("a1").session(session).closed());
    }

    @Test
    void partialGrantWithFinalUnitsWhenBalanceIsShort() {
        SubscriberId sub = h.account("a1", 250);
        ServiceResult s = only(h.initial(newSessionId(), sub, ask(RG_DATA)));
        assertEquals(250_000, s.grantedBytes());
        assertTrue(s.finalUnits());
        assertEquals(250, s.cost());
        assertEquals(0, h.get("a1").freeMoney());
    }

    @Test
    void zeroBalanceIsCreditLimitReachedAndOpensNoSession() {
        SubscriberId sub = h.account("a1", 0);
        String session = newSessionId();
        ChargingResult r = h.initial(session, sub, ask(RG_DATA));
        assertEquals(ResultStatus.CREDIT_LIMIT_REACHED, r.status());
        assertEquals(0, h.get("a1").openSessions());
        assertEquals(ResultStatus.UNKNOWN_SESSION, h.update(session, 1, reportAndAsk(RG_DATA, 0)).status());
    }

    @Test
    void balanceBelowOneBlockIsCreditLimitReached() {
        SubscriberId sub = h.account("a1", 4);
        assertEquals(ResultStatus.CREDIT_LIMIT_REACHED, h.initial(newSessionId(), sub, ask(RG_PREMIUM)).status());
    }

    // ---- buckets --------------------------------------------------------------------------------

    @Test
    void bucketIsSpentBeforeMoney() {
        SubscriberId sub = h.account("a1", 5_000);
        h.provisioning.addBucket("a1", "bundle", 300_000, START + 86_400_000, List.of(RG_DATA), "b1");
        String session = newSessionId();
        ServiceResult s = only(h.initial(session, sub, ask(RG_DATA)));
        assertEquals(QUOTA, s.grantedBytes());
        assertEquals(700, s.cost(), "only the part no bucket covers is held in money");
        assertEquals(4_300, h.get("a1").freeMoney());

        h.terminate(session, 1, report(RG_DATA, QUOTA));
        Account a = h.get("a1");
        assertEquals(0, a.bucketBytes());
        assertEquals(4_300, a.balance());
    }

    @Test
    void bucketAloneCoversUsageWithoutTouchingMoney() {
        SubscriberId sub = h.account("a1", 5_000);
        h.provisioning.addBucket("a1", "big", 10 * QUOTA, START + 86_400_000, List.of(), "b1");
        String session = newSessionId();
        assertEquals(0, only(h.initial(session, sub, ask(RG_DATA))).cost());
        h.terminate(session, 1, report(RG_DATA, 600_000));
        Account a = h.get("a1");
        assertEquals(5_000, a.balance());
        assertEquals(10 * QUOTA - 600_000, a.bucketBytes());
    }

    @Test
    void earliestExpiringBucketIsSpentFirst() {
        SubscriberId sub = h.account("a1", 0);
        long late = h.provisioning.addBucket("a1", "late", QUOTA, START + 7 * 86_400_000L, List.of(), "late");
        long soon = h.provisioning.addBucket("a1", "soon", QUOTA, START + 86_400_000L, List.of(), "soon");
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA, 400_000));
        h.terminate(session, 1, report(RG_DATA, 400_000));
        Account a = h.get("a1");
        assertEquals(600_000, a.buckets().stream().filter(b -> b.id() == soon).findFirst().orElseThrow().remainingBytes());
        assertEquals(QUOTA, a.buckets().stream().filter(b -> b.id() == late).findFirst().orElseThrow().remainingBytes());
    }

    @Test
    void bucketOfAnotherRatingGroupIsNotUsed() {
        SubscriberId sub = h.account("a1", 0);
        h.provisioning.addBucket("a1", "premium only", QUOTA, START + 86_400_000, List.of(RG_PREMIUM), "b");
        assertEquals(ResultStatus.CREDIT_LIMIT_REACHED, h.initial(newSessionId(), sub, ask(RG_DATA)).status());
        assertEquals(QUOTA, only(h.initial(newSessionId(), sub, ask(RG_PREMIUM))).grantedBytes());
    }

    @Test
    void expiredBucketIsWrittenOffAndNotGranted() {
        SubscriberId sub = h.account("a1", 100);
        h.provisioning.addBucket("a1", "day pass", QUOTA, START + 3_600_000, List.of(), "pass");
        h.clock.advanceSeconds(3_600);
        ServiceResult s = only(h.initial(newSessionId(), sub, ask(RG_DATA)));
        assertEquals(100_000, s.grantedBytes(), "only money is left");
        Account a = h.get("a1");
        assertEquals(0, a.bucketBytes());
        assertTrue(a.ledger().stream().anyMatch(r -> r.type() == LedgerType.BUCKET_EXPIRED && r.bucketBytes() == -QUOTA));
    }

    @Test
    void sweeperWritesOffExpiredBucketsOfIdleAccounts() {
        h.account("a1", 0);
        h.provisioning.addBucket("a1", "day pass", QUOTA, START + 3_600_000, List.of(), "pass");
        h.clock.advanceSeconds(3_601);
        new ReservationSweeper(h.grid.accounts(), h.clock).sweep();
        assertEquals(0, h.get("a1").bucketBytes());
    }

    // ---- rating groups ----------------------------------------------------------------------------

    @Test
    void zeroRatedServiceIsGrantedWithoutMoneyAndUsageIsRecorded() {
        SubscriberId sub = h.account("a1", 0);
        String session = newSessionId();
        ServiceResult s = only(h.initial(session, sub, ask(RG_FREE)));
        assertEquals(ServiceStatus.GRANTED, s.status());
        assertEquals(QUOTA, s.grantedBytes());
        assertFalse(s.finalUnits());
        h.terminate(session, 1, report(RG_FREE, 777));
        assertTrue(h.get("a1").ledger().stream()
                .anyMatch(r -> r.type() == LedgerType.USAGE && r.volumeBytes() == 777 && r.money() == 0));
    }

    @Test
    void blockedRatingGroupIsDenied() {
        SubscriberId sub = h.account("a1", 5_000);
        ChargingResult r = h.initial(newSessionId(), sub, ask(RG_BLOCKED));
        assertEquals(ResultStatus.SERVICE_DENIED, r.status());
        assertEquals(ServiceStatus.SERVICE_DENIED, only(r).status());
        assertEquals(5_000, h.get("a1").freeMoney());
    }

    @Test
    void ratingGroupWithoutTariffFailsRating() {
        SubscriberId sub = h.account("a1", 5_000);
        ChargingResult r = h.initial(newSessionId(), sub, ask(RG_UNRATED));
        assertEquals(ResultStatus.RATING_FAILED, r.status());
        assertEquals(5_000, h.get("a1").freeMoney());
    }

    @Test
    void severalRatingGroupsInOneRequestShareTheMoney() {
        SubscriberId sub = h.account("a1", 1_500);
        ChargingResult r = h.initial(newSessionId(), sub, ask(RG_DATA), ask(RG_PREMIUM), ask(RG_BLOCKED));
        assertEquals(ResultStatus.SUCCESS, r.status());
        ServiceResult data = r.service(RG_DATA);
        ServiceResult premium = r.service(RG_PREMIUM);
        assertEquals(QUOTA, data.grantedBytes());
        assertFalse(data.finalUnits());
        assertEquals(100_000, premium.grantedBytes(), "500 left at 5 per kB");
        assertTrue(premium.finalUnits());
        assertEquals(ServiceStatus.SERVICE_DENIED, r.service(RG_BLOCKED).status());
        assertEquals(0, h.get("a1").freeMoney());
    }

    @Test
    void oneRatingGroupOutOfCreditWhileAnotherIsGranted() {
        SubscriberId sub = h.account("a1", 0);
        ChargingResult r = h.initial(newSessionId(), sub, ask(RG_DATA), ask(RG_FREE));
        assertEquals(ResultStatus.SUCCESS, r.status());
        assertEquals(ServiceStatus.CREDIT_LIMIT_REACHED, r.service(RG_DATA).status());
        assertEquals(ServiceStatus.GRANTED, r.service(RG_FREE).status());
    }

    // ---- usage ----------------------------------------------------------------------------------

    @Test
    void updateDebitsUsageReleasesTheRestAndReservesAnew() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        ServiceResult s = only(h.update(session, 1, reportAndAsk(RG_DATA, 400_000)));
        assertEquals(QUOTA, s.grantedBytes());
        Account a = h.get("a1");
        assertEquals(4_600, a.balance());
        assertEquals(3_600, a.freeMoney());
    }

    @Test
    void sessionRatingRoundsUpOncePerSessionNotPerReport() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.update(session, 1, reportAndAsk(RG_DATA, 1_500));
        h.update(session, 2, reportAndAsk(RG_DATA, 1_500));
        h.terminate(session, 3, report(RG_DATA, 0));
        assertEquals(5_000 - 3, h.get("a1").balance(), "3,000 bytes are 3 blocks, not 2 + 2");
    }

    @Test
    void terminateDebitsFinalUsageAndReleasesEverything() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA), ask(RG_PREMIUM));
        ChargingResult r = h.terminate(session, 1, report(RG_DATA, 123_456));
        assertEquals(ResultStatus.SUCCESS, r.status());
        Account a = h.get("a1");
        assertEquals(5_000 - 124, a.balance());
        assertEquals(a.balance(), a.freeMoney(), "nothing stays reserved");
        assertEquals(0, a.openSessions());
    }

    @Test
    void overuseIsDebitedAsFarAsTheAccountCoversAndRecorded() {
        SubscriberId sub = h.account("a1", 1_200);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.terminate(session, 1, report(RG_DATA, 1_500_000));
        Account a = h.get("a1");
        assertEquals(0, a.balance(), "1,200 pays 1,200,000 bytes");
        LedgerRecord over = a.ledger().stream().filter(r -> r.type() == LedgerType.OVERUSE).findFirst().orElseThrow();
        assertEquals(300_000, over.volumeBytes());
        assertEquals(0, over.money());
    }

    @Test
    void aReportFarBeyondTheGrantBillsOnlyTheToleranceAndRecordsTheRest() {
        SubscriberId sub = h.account("a1", 100_000_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.update(session, 1, reportAndAsk(RG_DATA, 1_000_000_000));
        Account a = h.get("a1");
        long billable = QUOTA + Math.max(QUOTA / 10, 1L << 20); // the grant, then 10 % of it or 1 MiB
        assertEquals(100_000_000 - (billable + 999) / 1_000, a.balance(), "only the tolerance is billed");
        LedgerRecord unbilled = a.ledger().stream().filter(r -> r.type() == LedgerType.UNBILLED_OVERUSE).findFirst().orElseThrow();
        assertEquals(1_000_000_000 - billable, unbilled.volumeBytes());
        assertEquals(0, unbilled.money());
        assertEquals(1_000_000_000, a.reportedBytes(), "every reported octet is on record");
        h.assertAudited();
    }

    @Test
    void anAbsurdReportIsRefusedAndChargesNothing() {
        SubscriberId sub = h.account("a1", 100_000_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        Account before = h.get("a1");
        ChargingResult r = h.update(session, 1, reportAndAsk(RG_DATA, 1L << 62));
        assertEquals(ResultStatus.INVALID_REQUEST, r.status(), r.detail());
        assertEquals(before, h.get("a1"), "nothing changed: no debit, the reservation still held");
    }

    @Test
    void usageWithinReservationNeverChargesMoreThanHeld() {
        SubscriberId sub = h.account("a1", 250);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.terminate(session, 1, report(RG_DATA, 250_000));
        assertEquals(0, h.get("a1").balance());
    }

    @Test
    void sharedAccountSessionsCannotSpendTheSameMoneyTwice() {
        SubscriberId first = h.account("family", 1_500);
        SubscriberId second = SubscriberId.imsi("262019999999999");
        h.grid.subscribers().bindIfAbsent(second.key(), "family");
        ServiceResult a = only(h.initial(newSessionId(), first, ask(RG_DATA)));
        ServiceResult b = only(h.initial(newSessionId(), second, ask(RG_DATA)));
        assertEquals(QUOTA, a.grantedBytes());
        assertEquals(500_000, b.grantedBytes());
        assertTrue(b.finalUnits());
        assertEquals(ResultStatus.CREDIT_LIMIT_REACHED, h.initial(newSessionId(), first, ask(RG_DATA)).status());
    }

    // ---- retransmissions and sequence -------------------------------------------------------------

    @Test
    void retransmittedUpdateIsAnsweredAlikeAndChargedOnce() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        ChargingResult first = h.update(session, 1, reportAndAsk(RG_DATA, 500_000));
        long balance = h.get("a1").balance();
        ChargingResult again = h.update(session, 1, reportAndAsk(RG_DATA, 500_000));
        assertEquals(first, again);
        assertEquals(balance, h.get("a1").balance());
        assertEquals(4_500, balance);
    }

    @Test
    void reportedBytesCountEveryReportedOctetOnceAndReservedBytesWhatIsStillGranted() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        long granted = h.get("a1").reservedBytes();
        assertTrue(granted > 0);
        h.update(session, 1, reportAndAsk(RG_DATA, 400_000));
        h.update(session, 1, reportAndAsk(RG_DATA, 400_000));
        assertEquals(400_000, h.get("a1").reportedBytes(), "a retransmission reports nothing new");
        h.terminate(session, 2, report(RG_DATA, 250_000));
        assertEquals(650_000, h.get("a1").reportedBytes());
        assertEquals(0, h.get("a1").reservedBytes());
    }

    @Test
    void totalsSumOpenSessionsHeldMoneyAndReservedBytesOverAllAccounts() {
        SubscriberId a = h.account("a1", 5_000);
        SubscriberId b = h.account("a2", 5_000);
        h.account("a3", 5_000);
        h.initial(newSessionId(), a, ask(RG_DATA));
        h.initial(newSessionId(), b, ask(RG_DATA));
        String ended = newSessionId();
        h.initial(ended, b, ask(RG_DATA));
        h.terminate(ended, 1, report(RG_DATA, 10));
        var totals = h.grid.accounts().totals();
        assertEquals(3, totals.accounts());
        assertEquals(2, totals.openSessions());
        assertEquals(h.get("a1").heldMoney() + h.get("a2").heldMoney(), totals.heldMoney());
        assertEquals(h.get("a1").reservedBytes() + h.get("a2").reservedBytes(), totals.reservedBytes());
        assertTrue(totals.reservedBytes() > 0);
    }

    @Test
    void retransmittedInitialOpensNoSecondReservation() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        ChargingResult first = h.initial(session, sub, ask(RG_DATA));
        assertEquals(first, h.initial(session, sub, ask(RG_DATA)));
        assertEquals(4_000, h.get("a1").freeMoney());
    }

    @Test
    void retransmittedTerminateAfterCloseIsAnsweredAlike() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        ChargingResult first = h.terminate(session, 1, report(RG_DATA, 10_000));
        assertEquals(first, h.terminate(session, 1, report(RG_DATA, 10_000)));
        assertEquals(4_990, h.get("a1").balance());
    }

    @Test
    void olderRequestNumberIsOutOfSequenceAndChangesNothing() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.update(session, 2, reportAndAsk(RG_DATA, 1_000));
        Account before = h.get("a1");
        assertEquals(ResultStatus.OUT_OF_SEQUENCE, h.update(session, 1, reportAndAsk(RG_DATA, 9_000)).status());
        assertEquals(before.balance(), h.get("a1").balance());
    }

    @Test
    void updateAfterTerminateIsUnknownSession() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.terminate(session, 1, report(RG_DATA, 0));
        assertEquals(ResultStatus.UNKNOWN_SESSION, h.update(session, 2, reportAndAsk(RG_DATA, 5)).status());
    }

    // ---- expiry ---------------------------------------------------------------------------------

    @Test
    void reservationIsReleasedBySweeperAfterValidityAndGrace() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        ReservationSweeper sweeper = new ReservationSweeper(h.grid.accounts(), h.clock);

        h.clock.advanceSeconds(VALIDITY + GRACE - 1);
        assertEquals(0, sweeper.sweep(), "still within validity + grace");
        assertEquals(4_000, h.get("a1").freeMoney());

        h.clock.advanceSeconds(1);
        assertEquals(1, sweeper.sweep());
        Account a = h.get("a1");
        assertEquals(5_000, a.freeMoney());
        assertEquals(5_000, a.balance());
        assertTrue(a.ledger().stream().anyMatch(r -> r.type() == LedgerType.RESERVATION_EXPIRED && r.volumeBytes() == QUOTA));
        assertEquals(ResultStatus.UNKNOWN_SESSION, h.update(session, 1, reportAndAsk(RG_DATA, 10)).status());
    }

    @Test
    void reportingKeepsTheSessionAlive() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.clock.advanceSeconds(VALIDITY);
        h.update(session, 1, reportAndAsk(RG_DATA, 1_000));
        h.clock.advanceSeconds(VALIDITY);
        assertEquals(0, new ReservationSweeper(h.grid.accounts(), h.clock).sweep());
        assertEquals(ResultStatus.SUCCESS, h.update(session, 2, reportAndAsk(RG_DATA, 1_000)).status());
    }

    // ---- who may charge -------------------------------------------------------------------------

    @Test
    void unknownSubscriberIsUserUnknown() {
        assertEquals(ResultStatus.USER_UNKNOWN,
                h.initial(newSessionId(), SubscriberId.msisdn("4915199999999"), ask(RG_DATA)).status());
    }

    @Test
    void updateOfUnknownSessionIsUnknownSession() {
        assertEquals(ResultStatus.UNKNOWN_SESSION, h.update("nobody;1;2", 1, reportAndAsk(RG_DATA, 10)).status());
        assertEquals(ResultStatus.UNKNOWN_SESSION, h.terminate("nobody;1;2", 1, report(RG_DATA, 10)).status());
    }

    @Test
    void barredAccountIsDeniedService() {
        SubscriberId sub = h.account("a1", 5_000);
        h.provisioning.setStatus("a1", AccountStatus.BARRED);
        ChargingResult r = h.initial(newSessionId(), sub, ask(RG_DATA));
        assertEquals(ResultStatus.SERVICE_DENIED, r.status());
        assertEquals(5_000, h.get("a1").freeMoney());
    }

    @Test
    void barringMidSessionChargesWhatWasUsedAndGrantsNothingMore() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.provisioning.setStatus("a1", AccountStatus.BARRED);
        ChargingResult r = h.update(session, 1, reportAndAsk(RG_DATA, 200_000));
        assertEquals(ResultStatus.SERVICE_DENIED, r.status());
        Account a = h.get("a1");
        assertEquals(4_800, a.balance());
        assertEquals(4_800, a.freeMoney());
        assertEquals(ResultStatus.SUCCESS, h.terminate(session, 2, report(RG_DATA, 0)).status());
    }

    // ---- events ---------------------------------------------------------------------------------

    @Test
    void directDebitChargesImmediately() {
        SubscriberId sub = h.account("a1", 5_000);
        ChargingResult r = h.event(newSessionId(), sub, EventAction.DIRECT_DEBITING, ask(RG_DATA, 2_000_000));
        assertEquals(ResultStatus.SUCCESS, r.status());
        assertEquals(2_000, only(r).cost());
        assertEquals(3_000, h.get("a1").balance());
    }

    @Test
    void directDebitBeyondCreditIsRefusedWhole() {
        SubscriberId sub = h.account("a1", 1_000);
        ChargingResult r = h.event(newSessionId(), sub, EventAction.DIRECT_DEBITING, ask(RG_DATA, 2_000_000));
        assertEquals(ResultStatus.CREDIT_LIMIT_REACHED, r.status());
        assertEquals(1_000, h.get("a1").balance());
    }

    @Test
    void retransmittedDirectDebitChargesOnce() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        ChargingResult first = h.event(session, sub, EventAction.DIRECT_DEBITING, ask(RG_DATA, 1_000_000));
        assertEquals(first, h.event(session, sub, EventAction.DIRECT_DEBITING, ask(RG_DATA, 1_000_000)));
        assertEquals(4_000, h.get("a1").balance());
    }

    @Test
    void refundGivesBackAnEarlierDirectDebit() {
        SubscriberId sub = h.account("a1", 5_000);
        h.event(newSessionId(), sub, EventAction.DIRECT_DEBITING, ask(RG_DATA, 1_000_000));
        ChargingResult r = h.event(newSessionId(), sub, EventAction.REFUND_ACCOUNT, ask(RG_DATA, 400_000));
        assertEquals(ResultStatus.SUCCESS, r.status());
        assertEquals(400, only(r).cost());
        Account a = h.get("a1");
        assertEquals(4_400, a.balance());
        assertEquals(400, a.credits());
    }

    @Test
    void refundBeyondEarlierDebitsIsRefusedAndChangesNothing() {
        SubscriberId sub = h.account("a1", 5_000);
        ChargingResult r = h.event(newSessionId(), sub, EventAction.REFUND_ACCOUNT, ask(RG_DATA, 1_000));
        assertEquals(ResultStatus.INVALID_REQUEST, r.status());
        assertEquals(5_000, h.get("a1").balance());
    }

    @Test
    void checkBalanceSaysWhetherUnitsAreCoveredWithoutChanging() {
        SubscriberId sub = h.account("a1", 1_000);
        assertEquals(ResultStatus.SUCCESS, h.event(newSessionId(), sub, EventAction.CHECK_BALANCE, ask(RG_DATA, QUOTA)).status());
        ChargingResult r = h.event(newSessionId(), sub, EventAction.CHECK_BALANCE, ask(RG_DATA, QUOTA + 1));
        assertEquals(ResultStatus.CREDIT_LIMIT_REACHED, r.status());
        assertEquals(1_000, r.freeMoney());
        assertEquals(1_000, h.get("a1").balance());
    }

    @Test
    void priceEnquiryQuotesWithoutCharging() {
        SubscriberId sub = h.account("a1", 10);
        ChargingResult r = h.event(newSessionId(), sub, EventAction.PRICE_ENQUIRY, ask(RG_PREMIUM, 10_001));
        assertEquals(55, only(r).cost());
        assertEquals(10, h.get("a1").balance());
    }

    // ---- operator changes ----------------------------------------------------------------------------

    @Test
    void topUpWithTheSameReferenceTwiceCreditsOnce() {
        h.account("a1", 100);
        OperatorResult first = h.provisioning.topUp("a1", 500, "recharge-42");
        OperatorResult again = h.provisioning.topUp("a1", 500, "recharge-42");
        assertEquals(OperatorResult.Outcome.APPLIED, first.outcome());
        assertEquals(OperatorResult.Outcome.DUPLICATE, again.outcome());
        assertEquals(600, h.get("a1").balance());
        assertEquals(600, again.balance());
        assertTrue(h.get("a1").ledger().stream()
                .anyMatch(r -> r.type() == LedgerType.TOPUP && r.money() == 500 && r.reference().equals("recharge-42")));
    }

    @Test
    void aReferenceIsRecognisedAfterHundredsOfNewerChangesWithinItsRetention() {
        h.account("a1", 0);
        assertEquals(OperatorResult.Outcome.APPLIED, h.provisioning.topUp("a1", 7, "portal-first").outcome());
        for (int i = 0; i < 300; i++) {
            h.provisioning.topUp("a1", 1, "portal-" + i);
        }
        h.clock.advanceSeconds(29L * 86_400);
        assertEquals(OperatorResult.Outcome.DUPLICATE, h.provisioning.topUp("a1", 7, "portal-first").outcome(),
                "a retry weeks and hundreds of changes later still credits nothing");
        assertEquals(307, h.get("a1").balance());
    }

    @Test
    void aReferenceOlderThanItsRetentionIsForgotten() {
        h.account("a1", 0);
        h.provisioning.topUp("a1", 5, "old-1");
        h.clock.advanceSeconds(OperatorCommands.REFERENCE_RETENTION_SECONDS + 1);
        h.provisioning.topUp("a1", 1, "new-1");
        assertEquals(1, h.get("a1").references().size(), "only the recent reference is kept");
        assertEquals(OperatorResult.Outcome.APPLIED, h.provisioning.topUp("a1", 5, "old-1").outcome());
    }

    @Test
    void toppedUpMoneyIsGrantedAtOnce() {
        SubscriberId sub = h.account("a1", 0);
        assertEquals(ResultStatus.CREDIT_LIMIT_REACHED, h.initial(newSessionId(), sub, ask(RG_DATA)).status());
        h.provisioning.topUp("a1", 2_000, "r1");
        assertEquals(QUOTA, only(h.initial(newSessionId(), sub, ask(RG_DATA))).grantedBytes());
    }

    @Test
    void adjustmentCreditsAndDebitsWithItsReason() {
        h.account("a1", 1_000);
        assertEquals(OperatorResult.Outcome.APPLIED, h.provisioning.adjust("a1", 250, "goodwill for outage", "adj-1").outcome());
        assertEquals(OperatorResult.Outcome.APPLIED, h.provisioning.adjust("a1", -50, "duplicate refund", "adj-2").outcome());
        assertEquals(1_200, h.get("a1").balance());
        assertTrue(h.get("a1").ledger().stream().anyMatch(r -> r.type() == LedgerType.ADJUSTMENT
                && r.money() == 250 && r.reference().contains("goodwill for outage")));
    }

    @Test
    void debitBeyondFreeMoneyIsRejectedAndChangesNothing() {
        SubscriberId sub = h.account("a1", 1_500);
        h.initial(newSessionId(), sub, ask(RG_DATA)); // 1,000 held
        OperatorResult r = h.provisioning.adjust("a1", -600, "correction", "adj-1");
        assertEquals(OperatorResult.Outcome.REJECTED, r.outcome());
        assertTrue(r.message().contains("free money 500"), r.message());
        assertEquals(1_500, h.get("a1").balance());
    }

    @Test
    void boughtBundleIsPaidWithMoneyAndSpentBeforeMoney() {
        SubscriberId sub = h.account("a1", 1_000);
        OperatorResult r = h.provisioning.buyBundle("a1", "day-500k", 300, 500_000, 86_400, List.of(RG_DATA), "buy-1");
        assertEquals(OperatorResult.Outcome.APPLIED, r.outcome());
        assertEquals(700, r.balance());
        assertEquals(OperatorResult.Outcome.DUPLICATE,
                h.provisioning.buyBundle("a1", "day-500k", 300, 500_000, 86_400, List.of(RG_DATA), "buy-1").outcome());
        ServiceResult s = only(h.initial(newSessionId(), sub, ask(RG_DATA)));
        assertEquals(QUOTA, s.grantedBytes());
        assertEquals(500, s.cost(), "half the grant comes from the bundle");
    }

    @Test
    void bundleBeyondTheMoneyIsRejectedAndChangesNothing() {
        h.account("a1", 100);
        OperatorResult r = h.provisioning.buyBundle("a1", "big", 300, 500_000, 86_400, List.of(), "buy-1");
        assertEquals(OperatorResult.Outcome.REJECTED, r.outcome());
        assertEquals(100, h.get("a1").balance());
        assertTrue(h.get("a1").buckets().isEmpty());
    }

    @Test
    void operatorChangesOnAnUnknownAccountOrWithBadInputChangeNothing() {
        assertEquals(OperatorResult.Outcome.NO_ACCOUNT, h.provisioning.topUp("nobody", 10, "r").outcome());
        h.account("a1", 100);
        assertThrows(IllegalArgumentException.class, () -> h.provisioning.topUp("a1", -5, "r"));
        assertThrows(IllegalArgumentException.class, () -> h.provisioning.topUp("a1", 5, " "));
        assertThrows(IllegalArgumentException.class, () -> h.provisioning.adjust("a1", 5, "", "r"));
        assertEquals(100, h.get("a1").balance());
    }

    @Test
    void operatorReleasesASessionAndItsReservation() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        assertEquals(4_000, h.get("a1").freeMoney());
        assertEquals(OperatorResult.Outcome.APPLIED, h.provisioning.releaseSession("a1", session, "gateway gone").outcome());
        assertEquals(5_000, h.get("a1").freeMoney());
        assertEquals(0, h.get("a1").openSessions());
        assertEquals(OperatorResult.Outcome.REJECTED, h.provisioning.releaseSession("a1", session, "again").outcome());
        assertEquals(ResultStatus.UNKNOWN_SESSION, h.update(session, 1, reportAndAsk(RG_DATA, 10)).status());
    }

    @Test
    void accountWithAnOpenSessionCannotBeDeleted() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        assertThrows(IllegalArgumentException.class, () -> h.provisioning.delete("a1"));
        assertEquals(AccountStatus.ACTIVE, h.get("a1").status(), "left as it was");
        h.terminate(session, 1, report(RG_DATA, 0));
        h.provisioning.delete("a1");
        assertNull(h.get("a1"));
        assertNull(h.grid.subscribers().accountOf(sub.key()).join(), "its identity is free again");
    }

    @Test
    void identitiesCanBeAddedAndRemoved() {
        h.account("a1", 5_000);
        SubscriberId extra = SubscriberId.imsi("262017770000001");
        h.provisioning.addSubscriber("a1", extra);
        assertTrue(h.get("a1").subscribers().contains(extra.key()));
        assertEquals(QUOTA, only(h.initial(newSessionId(), extra, ask(RG_DATA))).grantedBytes());
        h.account("a2", 10);
        assertThrows(IllegalArgumentException.class, () -> h.provisioning.addSubscriber("a2", extra));
        h.provisioning.removeSubscriber("a1", extra);
        assertFalse(h.get("a1").subscribers().contains(extra.key()));
        assertEquals(ResultStatus.USER_UNKNOWN, h.initial(newSessionId(), extra, ask(RG_DATA)).status());
        assertThrows(IllegalArgumentException.class, () -> h.provisioning.removeSubscriber("a1", extra));
        assertThrows(IllegalArgumentException.class, () -> h.provisioning.addSubscriber("nobody", extra));
        assertNull(h.grid.subscribers().accountOf(extra.key()).join(), "a failed add leaves no binding");
    }

    // ---- bad input ------------------------------------------------------------------------------

    @Test
    void badInputIsRejectedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> report(RG_DATA, -1));
        assertThrows(IllegalArgumentException.class, () -> ask(RG_DATA, -5));
        assertThrows(IllegalArgumentException.class, () -> ask(-1));
        assertThrows(NullPointerException.class, () -> new ChargingRequest.Update(null, 1, List.of()));
        assertThrows(NullPointerException.class, () -> new ChargingRequest.Initial("s", 0, null, List.of()));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> new ChargingRequest.Update("s", 1, List.of(ask(RG_DATA), ask(RG_DATA))));
        assertTrue(dup.getMessage().contains("twice"));
        assertThrows(IllegalArgumentException.class, () -> SubscriberId.msisdn("12ab"));
    }

    @Test
    void duplicateIdentityIsRefusedAndChangesNothing() {
        h.account("a1", 100);
        SubscriberId taken = SubscriberId.parse(h.get("a1").subscribers().get(0));
        assertThrows(IllegalArgumentException.class,
                () -> h.provisioning.create("a2", List.of(SubscriberId.imsi("262010000000777"), taken), 50));
        assertNull(h.get("a2"));
        assertNull(h.grid.subscribers().accountOf("imsi:262010000000777").join());
    }

    @Test
    void ledgerRecordsEveryMoneyMovementWithItsBalanceAfter() {
        SubscriberId sub = h.account("a1", 5_000);
        String session = newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.update(session, 1, reportAndAsk(RG_DATA, 100_000));
        h.terminate(session, 2, report(RG_DATA, 50_000));
        List<LedgerRecord> usage = h.get("a1").ledger().stream().filter(r -> r.type() == LedgerType.USAGE).toList();
        assertEquals(2, usage.size());
        assertEquals(-100, usage.get(0).money());
        assertEquals(4_900, usage.get(0).balanceAfter());
        assertEquals(-50, usage.get(1).money());
        assertEquals(4_850, usage.get(1).balanceAfter());
        assertEquals(session, usage.get(1).sessionId());
    }
}
