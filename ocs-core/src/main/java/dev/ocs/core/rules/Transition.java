package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;

/**
 * What one account command decided: the next account value ({@code null} when nothing changed)
 * and the command's result.
 */
public record Transition<R>(Account next, R result) {

    public static <R> Transition<R> unchanged(R result) {
        return new Transition<>(null, result);
    }

    public boolean changed() {
        return next != null;
    }
}
