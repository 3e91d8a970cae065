package dev.ocs.core.notify;

import java.util.Objects;

/**
 * Something a subscriber (or the operator's systems) should hear about an account.
 *
 * @param amount    the money the event is about (top-up amount, bundle price), 0 when none
 * @param balance   the money balance after the event
 * @param reference the operator reference or bundle, "" when none
 */
public record AccountNotification(Type type, String accountId, long amount, long balance, String reference, long time) {

    public enum Type {
        /** The balance fell below the configured low-balance threshold (once per crossing). */
        LOW_BALANCE,
        /** The balance reached zero. */
        EXHAUSTED,
        /** Money was recharged. */
        TOP_UP,
        /** A bundle was bought. */
        BUNDLE_PURCHASED;

        /** The JMX notification type, e.g. {@code ocs.account.low-balance}. */
        public String jmxType() {
            return "ocs.account." + name().toLowerCase().replace('_', '-');
        }
    }

    public AccountNotification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accountId, "account id");
        reference = reference == null ? "" : reference;
    }
}
