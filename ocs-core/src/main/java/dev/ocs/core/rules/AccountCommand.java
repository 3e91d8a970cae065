package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountContinuity;

/**
 * One atomic change of one account, as a pure function of its current value. Implementations are
 * deterministic (time comes in the command) so that the grid may replay them on backups.
 *
 * @param <R> the result handed back to the caller
 */
public interface AccountCommand<R> {

    /** @param current the stored account, or {@code null} when there is none */
    Transition<R> apply(Account current, ChargingPolicy policy);

    /**
     * Applies this command to the stored account where it lives (the grid's path): the same instance
     * holds the next value afterwards, and {@link AccountState#changed()} tells whether there is one.
     * This default runs {@link #apply} on a snapshot and takes its value over: right for commands that
     * are rare (operator commands); the ones on every request change the state directly.
     */
    default R applyInPlace(AccountState state, ChargingPolicy policy) {
        Account before = state.snapshot();
        Transition<R> t = apply(before, policy);
        if (t.changed()) {
            String problem = AccountContinuity.problem(before, t.next());
            if (problem != null) {
                throw new IllegalStateException("account " + before.id() + ": " + getClass().getSimpleName()
                        + " made a change the grid refuses: " + problem);
            }
            state.replaceWith(t.next());
        } else {
            state.unchanged();
        }
        return t.result();
    }
}
