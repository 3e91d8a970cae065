package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;

import java.util.Objects;

/** Stores a new account unless the id is taken; answers whether it was stored. */
public record CreateCommand(Account account) implements AccountCommand<Boolean> {

    public CreateCommand {
        Objects.requireNonNull(account, "account");
    }

    @Override
    public Transition<Boolean> apply(Account current, ChargingPolicy policy) {
        return current != null ? Transition.unchanged(false) : new Transition<>(account, true);
    }
}
