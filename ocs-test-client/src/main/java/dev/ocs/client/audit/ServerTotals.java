package dev.ocs.client.audit;

import dev.ocs.api.LoadTestMXBean;

/** The server's running totals of accounts {@code prefix0 .. prefix(count-1)}, read page by page over JMX. */
public final class ServerTotals {

    private static final int PAGE = 100_000;

    private ServerTotals() {
    }

    /** {@link LoadTestMXBean#TOTALS_FIELDS} longs per account, laid out as {@link LoadTestMXBean#listTotals} answers. */
    public static long[] read(LoadTestMXBean accounts, String prefix, int count) {
        int f = LoadTestMXBean.TOTALS_FIELDS;
        long[] all = new long[count * f];
        for (int from = 0; from < count; from += PAGE) {
            long[] page = accounts.listTotals(prefix, from, Math.min(PAGE, count - from));
            System.arraycopy(page, 0, all, from * f, page.length);
        }
        return all;
    }
}
