package dev.ocs.core.domain;

import java.util.List;

/**
 * Whether a new value of an account can be a change the OCS made: money and bucket bytes move only
 * with a ledger record, totals only grow, one version at a time, within one incarnation. The grid
 * refuses a write that fails this (a process that reaches the grid with a plain put cannot raise a
 * balance without it showing in the ledger and the CDRs), and the in-memory grid checks every
 * change its commands make.
 */
public final class AccountContinuity {

    private AccountContinuity() {
    }

    /** Why {@code after} cannot follow {@code before} (null: a new account), or null when it can. */
    public static String problem(Account before, Account after) {
        if (after == null) {
            return null;
        }
        if (after.openingBalance() + after.credits() - after.debits() != after.balance()) {
            return "opening + credits - debits != balance";
        }
        if (after.bucketCredits() - after.bucketDebits() != after.bucketBytes()) {
            return "bucket credits - bucket debits != bucket bytes";
        }
        if (before == null) {
            return created(after);
        }
        if (!before.id().equals(after.id()) || before.createdAt() != after.createdAt()) {
            return "another account or incarnation (" + after.id() + " created " + after.createdAt() + ")";
        }
        if (after.version() != before.version() + 1) {
            return "version " + after.version() + " does not follow " + before.version();
        }
        if (after.openingBalance() != before.openingBalance()) {
            return "the opening balance changed";
        }
        if (after.credits() < before.credits() || after.debits() < before.debits()
                || after.bucketCredits() < before.bucketCredits() || after.bucketDebits() < before.bucketDebits()) {
            return "a running total went down";
        }
        if (after.ledgerSeq() < before.ledgerSeq() || after.exportedSeq() < before.exportedSeq()) {
            return "the ledger went back";
        }
        boolean moved = after.balance() != before.balance() || after.bucketCredits() != before.bucketCredits()
                || after.bucketDebits() != before.bucketDebits();
        if (moved && after.ledgerSeq() == before.ledgerSeq()) {
            return "money or bucket bytes moved without a ledger record";
        }
        if (after.ledgerSeq() != before.ledgerSeq() && !newestRecordStates(after)) {
            return "the newest ledger record is not " + after.ledgerSeq() + " with balance " + after.balance();
        }
        return null;
    }

    private static String created(Account after) {
        if (after.version() != 1 || after.credits() != 0 || after.debits() != 0) {
            return "a new account must be version 1 with its opening balance only";
        }
        List<LedgerRecord> ledger = after.ledger();
        if (ledger.isEmpty() || ledger.get(0).type() != LedgerType.OPENING
                || ledger.get(0).balanceAfter() != after.openingBalance()) {
            return "a new account must start with its OPENING ledger record";
        }
        return null;
    }

    private static boolean newestRecordStates(Account a) {
        List<LedgerRecord> ledger = a.ledger();
        if (ledger.isEmpty()) {
            return false;
        }
        LedgerRecord newest = ledger.get(ledger.size() - 1);
        return newest.seq() == a.ledgerSeq() && newest.balanceAfter() == a.balance();
    }
}
