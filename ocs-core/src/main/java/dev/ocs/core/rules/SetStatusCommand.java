package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;

import java.util.Objects;

/** Bars or re-activates an account. Answers the previous status, or {@code null} for no account. */
public record SetStatusCommand(AccountStatus status, long now) implements AccountCommand<AccountStatus> {

    public SetStatusCommand {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public Transition<AccountStatus> apply(Account current, ChargingPolicy policy) {
        if (current == null) {
            return Transition.unchanged(null);
        }
        if (current.status() == status) {
            return Transition.unchanged(status);
        }
        AccountState d = new AccountState(current, now);
        d.status = status;
        d.markChanged();
        return new Transition<>(d.build(policy), current.status());
    }
}
