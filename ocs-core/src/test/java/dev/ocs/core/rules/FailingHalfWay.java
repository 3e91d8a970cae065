package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerType;

import java.util.List;

/**
 * A test command whose rules change money, sessions, buckets, identities and the ledger, then fail:
 * what a bug half-way through a charge would leave, had the change not been undone.
 */
public record FailingHalfWay(long now) implements AccountCommand<Void> {

    @Override
    public Transition<Void> apply(Account current, ChargingPolicy policy) {
        AccountState d = AccountState.of(current);
        applyInPlace(d, policy);
        return Transition.unchanged(null);
    }

    @Override
    public Void applyInPlace(AccountState d, ChargingPolicy policy) {
        return d.change(now, policy, s -> {
            s.creditMoney(5_000);
            s.record(LedgerType.ADJUSTMENT, "", -1, 0, 5_000, 0, "never happened");
            s.addBucket("ghost", 1_000, now + 1_000, List.of());
            s.sessions.clear();
            s.subscribers.add("imsi:999");
            throw new IllegalStateException("a rule gave up half-way");
        });
    }
}
