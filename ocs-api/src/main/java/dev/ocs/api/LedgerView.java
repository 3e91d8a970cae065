package dev.ocs.api;

/** One ledger record over JMX. */
public record LedgerView(long seq, long time, String type, String sessionId, long ratingGroup, long volumeBytes,
                         long money, long bucketBytes, long balanceAfter, String reference) {
}
