package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;

import java.util.Objects;

/** Applies one charging request to the account that holds its session, at time {@code now}. */
public record ChargeCommand(ChargingRequest request, long now) implements AccountCommand<ChargingResult> {

    public ChargeCommand {
        Objects.requireNonNull(request, "request");
    }

    @Override
    public Transition<ChargingResult> apply(Account current, ChargingPolicy policy) {
        return SessionCharging.charge(current, request, now, policy);
    }

    @Override
    public ChargingResult applyInPlace(AccountState state, ChargingPolicy policy) {
        return SessionCharging.charge(state, request, now, policy);
    }
}
