package dev.ocs.core.domain;

/**
 * The outcome of a whole charging request. Adapters map each to their protocol's result code.
 * Append new constants at the end only: the grid stores them by ordinal.
 */
public enum ResultStatus {
    /** Handled; per-service statuses say what each rating group got. */
    SUCCESS,
    /** No service asking for units could get any for lack of credit. */
    CREDIT_LIMIT_REACHED,
    /** No account for the subscriber identity. */
    USER_UNKNOWN,
    /** The account is barred, or every service is blocked for it. */
    SERVICE_DENIED,
    /** No tariff for any requested service. */
    RATING_FAILED,
    /** UPDATE/TERMINATION for a session the OCS does not hold. */
    UNKNOWN_SESSION,
    /** A request number older than the one already answered for the session. */
    OUT_OF_SEQUENCE,
    /** The request is inconsistent with the session or account (detail says why); nothing changed. */
    INVALID_REQUEST,
    /**
     * The durable store has been unreachable for longer than the configured outage window: nothing
     * more is granted or debited until it is back (a terminating session is still settled).
     */
    STORE_UNAVAILABLE
}
