package dev.ocs.api;

/**
 * {@code ocs:type=LoadTest}: what the load client's audit reads from the server, kept apart from the
 * operator's bean (it walks up to 100,000 accounts a call and answers in a layout only the load
 * client reads). Operator role only.
 */
public interface LoadTestMXBean {

    /** Longs per account in {@link #listTotals}, and where each one stands. */
    int TOTALS_FIELDS = 7;
    int TOTAL_EXISTS = 0;
    int TOTAL_BALANCE = 1;
    int TOTAL_HELD_MONEY = 2;
    int TOTAL_DEBITS = 3;
    int TOTAL_REPORTED_BYTES = 4;
    int TOTAL_RESERVED_BYTES = 5;
    int TOTAL_OPEN_SESSIONS = 6;

    /**
     * Running totals of accounts {@code prefix+from .. prefix+(from+count-1)}, {@value #TOTALS_FIELDS}
     * longs each: exists (1/0), balance, held money, money debited, bytes reported used, bytes
     * reserved by open sessions, open sessions. At most 100,000 accounts per call.
     */
    long[] listTotals(String prefix, int from, int count);
}
