package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;

import java.util.List;

/**
 * Releases the reservations of sessions silent past validity + grace and writes off expired
 * buckets. Returns the ids of the sessions it closed.
 */
public record SweepCommand(long now) implements AccountCommand<List<String>> {

    @Override
    public Transition<List<String>> apply(Account current, ChargingPolicy policy) {
        if (current == null) {
            return Transition.unchanged(List.of());
        }
        AccountState d = AccountState.of(current);
        List<String> closed = applyInPlace(d, policy);
        return d.changed() ? new Transition<>(d.snapshot(), closed) : Transition.unchanged(closed);
    }

    @Override
    public List<String> applyInPlace(AccountState state, ChargingPolicy policy) {
        return state.change(now, policy, d -> Housekeeping.run(d, policy));
    }
}
