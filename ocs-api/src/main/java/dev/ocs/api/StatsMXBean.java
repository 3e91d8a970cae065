package dev.ocs.api;

import java.util.Map;

/**
 * Live charging statistics, {@code ocs:type=Stats}. Rates and latencies cover the last sampling
 * period (10 s); counters are totals since start.
 */
public interface StatsMXBean {

    Map<String, Long> getRequestsByType();

    Map<String, Long> getResultsByStatus();

    long getInFlight();

    /** RAR/ASR sent to gateways since start: rar-sent, rar-answered, rar-failed, rar-unreachable, asr-... */
    Map<String, Long> getGatewayRequests();

    /** Requests and connections refused at the door since start, by reason (see {@code Rejections}). */
    Map<String, Long> getRejectedByReason();

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

    /** Whether every account this member owns has its backups in place (wait for it on each node of a rolling restart). */
    boolean isGridBackupsInSync();

    /** Where the durable copy of the accounts is ({@code sqlite var/ocs.db}, {@code memory only}). */
    String getStoreBackend();

    /** "OK", or "FAILING since ...: why" while this member cannot write to the store. */
    String getStoreState();

    /** Accounts changed on this member (or held as backup) that the store does not hold yet: the write-behind queue. */
    long getStoreQueue();

    /** When this member's write-behind last completed a cycle (epoch ms; 0 before the first). */
    long getStoreLastFlush();

    /** How long the last write-behind cycle that wrote something took (ms). */
    long getStoreLastFlushMillis();

    /** Account versions this member wrote to the store since it started. */
    long getStoreWritten();

    /** Failed attempts to write to the store since start. */
    long getStoreErrors();

    /** How long loading the accounts from the store took at start-up (ms). */
    long getStoreLoadMillis();
}
