package dev.ocs.core.store.hazelcast;

import com.hazelcast.aggregation.Aggregator;
import dev.ocs.core.domain.Account;
import dev.ocs.core.store.AccountTotals;

import java.util.Map;

/** Sums open sessions, held money and reserved bytes where the accounts live; only the sums travel. */
final class TotalsAggregator implements Aggregator<Map.Entry<String, Account>, AccountTotals> {

    private static final long serialVersionUID = 1L;

    private long accounts;
    private long openSessions;
    private long heldMoney;
    private long reservedBytes;

    @Override
    public void accumulate(Map.Entry<String, Account> entry) {
        Account a = entry.getValue();
        accounts++;
        openSessions += a.openSessions();
        heldMoney += a.heldMoney();
        reservedBytes += a.reservedBytes();
    }

    @Override
    public void combine(Aggregator aggregator) {
        TotalsAggregator o = (TotalsAggregator) aggregator;
        accounts += o.accounts;
        openSessions += o.openSessions;
        heldMoney += o.heldMoney;
        reservedBytes += o.reservedBytes;
    }

    @Override
    public AccountTotals aggregate() {
        return new AccountTotals(accounts, openSessions, heldMoney, reservedBytes);
    }
}
