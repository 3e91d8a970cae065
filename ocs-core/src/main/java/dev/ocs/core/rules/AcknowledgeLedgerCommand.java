package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;

/**
 * Marks the account's ledger records up to {@code seq} as durably exported, so that the account
 * keeps only what is still pending plus a few recent records. Answers the new exported sequence.
 */
public record AcknowledgeLedgerCommand(long seq) implements AccountCommand<Long> {

    @Override
    public Transition<Long> apply(Account a, ChargingPolicy policy) {
        if (a == null) {
            return Transition.unchanged(-1L);
        }
        if (seq <= a.exportedSeq()) {
            return Transition.unchanged(a.exportedSeq());
        }
        if (seq > a.ledgerSeq()) {
            throw new IllegalArgumentException("account " + a.id() + ": cannot acknowledge ledger seq " + seq
                    + " beyond " + a.ledgerSeq());
        }
        Account marked = new Account(a.id(), a.status(), a.subscribers(), a.balance(), a.openingBalance(), a.credits(),
                a.debits(), a.refundable(), a.buckets(), a.nextBucketId(), a.bucketCredits(), a.bucketDebits(),
                a.reportedBytes(), a.sessions(), a.ledgerSeq(), seq, a.ledger(), a.references(), a.createdAt(), a.version());
        return new Transition<>(new AccountDraft(marked, 0).build(policy), seq);
    }
}
