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
        AccountState d = AccountState.of(a);
        long r = applyInPlace(d, policy);
        return new Transition<>(d.snapshot(), r);
    }

    @Override
    public Long applyInPlace(AccountState d, ChargingPolicy policy) {
        if (seq <= d.exportedSeq()) {
            d.unchanged();
            return d.exportedSeq();
        }
        if (seq > d.ledgerSeq()) {
            throw new IllegalArgumentException("account " + d.id() + ": cannot acknowledge ledger seq " + seq
                    + " beyond " + d.ledgerSeq());
        }
        return d.change(0, policy, s -> {
            s.acknowledge(seq);
            return seq;
        });
    }
}
