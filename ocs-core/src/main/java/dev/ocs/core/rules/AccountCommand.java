package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;

/**
 * One atomic change of one account, as a pure function of its current value. Implementations are
 * deterministic (time comes in the command) so that the grid may replay them on backups.
 *
 * @param <R> the result handed back to the caller
 */
public interface AccountCommand<R> {

    /** @param current the stored account, or {@code null} when there is none */
    Transition<R> apply(Account current, ChargingPolicy policy);
}
