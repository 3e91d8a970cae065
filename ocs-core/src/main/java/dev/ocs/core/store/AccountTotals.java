package dev.ocs.core.store;

/**
 * Sums over all accounts, for monitoring.
 *
 * @param heldMoney     money held by open reservations, minor units
 * @param reservedBytes bytes granted to open sessions and not yet reported
 */
public record AccountTotals(long accounts, long openSessions, long heldMoney, long reservedBytes) {

    public static final AccountTotals NONE = new AccountTotals(0, 0, 0, 0);

    public AccountTotals plus(AccountTotals o) {
        return new AccountTotals(accounts + o.accounts, openSessions + o.openSessions, heldMoney + o.heldMoney,
                reservedBytes + o.reservedBytes);
    }
}
