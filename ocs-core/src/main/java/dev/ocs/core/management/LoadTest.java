package dev.ocs.core.management;

import dev.ocs.api.LoadTestMXBean;
import dev.ocs.core.OcsCore;
import dev.ocs.core.domain.Account;

/** The {@link LoadTestMXBean} over the running core: one call at a time (a second caller is told to try again). */
public final class LoadTest implements LoadTestMXBean {

    private final OcsCore core;
    private final OneAtATime totalsRunning = new OneAtATime("listTotals");

    public LoadTest(OcsCore core) {
        this.core = core;
    }

    @Override
    public long[] listTotals(String prefix, int from, int count) {
        if (prefix == null || from < 0 || count < 1 || count > 100_000) {
            throw new IllegalArgumentException("a prefix, from >= 0 and count 1..100000 are required");
        }
        return totalsRunning.run(() -> totals(prefix, from, count));
    }

    private long[] totals(String prefix, int from, int count) {
        long[] totals = new long[count * TOTALS_FIELDS];
        for (int i = 0; i < count; i++) {
            Account a = core.grid().accounts().get(prefix + (from + i));
            if (a != null) {
                int at = i * TOTALS_FIELDS;
                totals[at + TOTAL_EXISTS] = 1;
                totals[at + TOTAL_BALANCE] = a.balance();
                totals[at + TOTAL_HELD_MONEY] = a.heldMoney();
                totals[at + TOTAL_DEBITS] = a.debits();
                totals[at + TOTAL_REPORTED_BYTES] = a.reportedBytes();
                totals[at + TOTAL_RESERVED_BYTES] = a.reservedBytes();
                totals[at + TOTAL_OPEN_SESSIONS] = a.openSessions();
            }
        }
        return totals;
    }
}
