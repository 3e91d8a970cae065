package dev.ocs.core.domain;

/** What a ledger record describes. */
public enum LedgerType {
    /** Account created with its opening balance (informational: money 0). */
    OPENING,
    /** Session usage charged: money and/or bucket bytes debited. */
    USAGE,
    /** Usage beyond what the account could cover; recorded, never charged. */
    OVERUSE,
    /** EVENT direct debit. */
    EVENT_DEBIT,
    /** EVENT refund of an earlier direct debit. */
    REFUND,
    /** Money added (top-up / recharge). */
    TOPUP,
    /** Operator adjustment, credit or debit, with a reason. */
    ADJUSTMENT,
    /** Bucket bytes added (bundle, grant). */
    BUCKET_CREDIT,
    /** Bucket bytes lost at expiry. */
    BUCKET_EXPIRED,
    /** A reservation released by the sweeper because its session stopped reporting. */
    RESERVATION_EXPIRED,
    /** A data bundle bought with the account's money: money debited and bucket bytes credited together. */
    BUNDLE_PURCHASE,
    /**
     * Usage a gateway reported beyond the grant and beyond the configured overuse tolerance: recorded,
     * never billed (a report cannot drain an account), and notified.
     */
    UNBILLED_OVERUSE
}
