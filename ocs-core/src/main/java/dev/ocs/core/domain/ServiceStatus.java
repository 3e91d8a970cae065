package dev.ocs.core.domain;

/**
 * The outcome for one rating group of a request.
 * Append new constants at the end only: the grid stores them by ordinal.
 */
public enum ServiceStatus {
    /** Units granted (or, for an event, debited / refunded / covered / priced). */
    GRANTED,
    /** Usage accepted; no units were asked for. */
    ACCEPTED,
    /** Nothing can be granted: no bucket bytes and no money left for it. */
    CREDIT_LIMIT_REACHED,
    /** The rating group is blocked by the tariff, or the account is barred. */
    SERVICE_DENIED,
    /** No tariff for the rating group. */
    RATING_FAILED,
    /** The ask cannot be honoured as stated (e.g. a refund beyond earlier debits); nothing changed. */
    INVALID
}
