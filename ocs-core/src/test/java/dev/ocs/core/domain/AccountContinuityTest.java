package dev.ocs.core.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AccountContinuityTest {

    private static final long NOW = 1_780_000_000_000L;

    private static Account opened() {
        return Account.open("acc", List.of("e164:491700000001"), 1_000, NOW);
    }

    /** {@code a} with {@code balance}, credits and version changed, and optionally a ledger record stating the new balance. */
    private static Account moved(Account a, long credit, boolean withRecord) {
        List<LedgerRecord> ledger = new ArrayList<>(a.ledger());
        long seq = a.ledgerSeq();
        if (withRecord) {
            seq++;
            ledger.add(new LedgerRecord(a.id(), seq, NOW, LedgerType.TOPUP, "", -1, 0, credit, 0, a.balance() + credit, 0, "r"));
        }
        return new Account(a.id(), a.status(), a.subscribers(), a.balance() + credit, a.openingBalance(), a.credits() + credit,
                a.debits(), a.refundable(), a.buckets(), a.nextBucketId(), a.bucketCredits(), a.bucketDebits(),
                a.reportedBytes(), a.sessions(), seq, a.exportedSeq(), ledger, a.references(), a.createdAt(), a.version() + 1);
    }

    @Test
    void aNewAccountWithItsOpeningRecordIsAccepted() {
        assertNull(AccountContinuity.problem(null, opened()));
    }

    @Test
    void aTopUpWithItsLedgerRecordIsAccepted() {
        assertNull(AccountContinuity.problem(opened(), moved(opened(), 500, true)));
    }

    @Test
    void aBalanceRaisedWithoutALedgerRecordIsRefused() {
        assertEquals("money or bucket bytes moved without a ledger record",
                AccountContinuity.problem(opened(), moved(opened(), 500, false)));
    }

    @Test
    void aBalanceThatDisagreesWithItsTotalsIsRefused() {
        Account a = opened();
        Account forged = new Account(a.id(), a.status(), a.subscribers(), 999_999, a.openingBalance(), a.credits(), a.debits(),
                a.refundable(), a.buckets(), a.nextBucketId(), a.bucketCredits(), a.bucketDebits(), a.reportedBytes(),
                a.sessions(), a.ledgerSeq(), a.exportedSeq(), a.ledger(), a.references(), a.createdAt(), a.version() + 1);
        assertEquals("opening + credits - debits != balance", AccountContinuity.problem(a, forged));
    }

    @Test
    void aSkippedOrRepeatedVersionIsRefused() {
        Account a = opened();
        Account next = moved(a, 1, true);
        assertNotNull(AccountContinuity.problem(next, next), "the same version again");
        assertNotNull(AccountContinuity.problem(a, moved(next, 1, true)), "a version skipped");
    }

    @Test
    void aNewAccountWithMoneyBeyondItsOpeningRecordIsRefused() {
        assertNotNull(AccountContinuity.problem(null, moved(opened(), 500, true)));
    }
}
