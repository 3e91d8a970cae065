package dev.ocs.core.management;

import java.util.Map;

/**
 * Live charging statistics, {@code ocs:type=Stats}. Rates and latencies cover the last sampling
 * period (10 s); counters are totals since start.
 */
public interface StatsMXBean {

    Map<String, Long> getRequestsByType();

    Map<String, Long> getResultsByStatus();

    long getInFlight();

    /** Answers per second over the last sampling period. */
    long getAnswersPerSecond();

    long getLatencyP50Micros();

    long getLatencyP99Micros();

    long getLatencyP999Micros();

    long getLatencyMaxMicros();

    /** Open credit-control sessions over all accounts, as of the last sampling period. */
    long getActiveSessions();

    /** Money held by reservations over all accounts, as of the last sampling period. */
    long getReservedMoney();

    /** Bytes granted to open sessions and not yet reported, as of the last sampling period. */
    long getReservedBytes();

    int getAccounts();

    int getGridMembers();
}
