package dev.ocs.core.rules;

import java.util.Objects;

/**
 * What an operator operation did. A repeated reference is {@code DUPLICATE} and changed nothing;
 * {@code REJECTED} changed nothing either and says why.
 *
 * @param balance  the money balance afterwards (or as it stands, when nothing changed)
 * @param bucketId the bucket a bundle purchase created, else -1
 */
public record OperatorResult(Outcome outcome, String message, long balance, long bucketId) {

    public enum Outcome { APPLIED, DUPLICATE, REJECTED, NO_ACCOUNT }

    public OperatorResult {
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message;
    }

    static OperatorResult noAccount() {
        return new OperatorResult(Outcome.NO_ACCOUNT, "no such account", 0, -1);
    }
}
