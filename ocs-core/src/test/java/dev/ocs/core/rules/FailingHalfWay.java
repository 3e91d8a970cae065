package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.LedgerType;

import java.util.List;

/**
 * A test command whose rules change money, sessions (in place, then the list), buckets, identities and the
 * ledger, then fail:
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
            for (SessionSlot slot : s.sessions) { // sessions change in place: their fields must come back too
                for (int i = 0; i < slot.serviceCount(); i++) {
                    slot.service(i).release();
                    slot.service(i).usedBytes += 1;
                }
                slot.requestNumber += 7;
                slot.answered(ChargingResult.of(ResultStatus.OUT_OF_SEQUENCE, "never answered"));
                slot.close(now);
            }
            s.sessions.clear();
            s.subscribers.add("imsi:999");
            throw new IllegalStateException("a rule gave up half-way");
        });
    }
}
