package dev.ocs.core.notify;

import java.util.Objects;

/**
 * Something a subscriber (or the operator's systems) should hear about an account.
 *
 * @param amount    the money the event is about (top-up amount, bundle price), or for the data
 *                  notifications the bundle bytes left; 0 when none
 * @param balance   the money balance after the event
 * @param reference the operator reference or bundle, "" when none
 */
public record AccountNotification(Type type, String accountId, long amount, long balance, String reference, long time) {

    public enum Type {
        /** The balance fell below the configured low-balance threshold (once per crossing). */
        LOW_BALANCE,
        /** The balance reached zero. */
        EXHAUSTED,
        /** The bytes left in the account's bundles fell below the configured threshold (once per crossing). */
        LOW_DATA,
        /** The account's bundles are used up (further use is paid with money, if any). */
        DATA_EXHAUSTED,
        /** Money was recharged. */
        TOP_UP,
        /** A bundle was bought. */
        BUNDLE_PURCHASED,
        /** A gateway reported usage beyond the overuse tolerance: recorded, not billed (amount: the octets). */
        UNBILLED_OVERUSE;

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
