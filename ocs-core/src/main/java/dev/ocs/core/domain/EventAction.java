package dev.ocs.core.domain;

/** Requested-Action of a one-time EVENT request (RFC 4006 8.41). */
public enum EventAction {
    DIRECT_DEBITING, REFUND_ACCOUNT, CHECK_BALANCE, PRICE_ENQUIRY
}
