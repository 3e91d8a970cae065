package dev.ocs.core.domain;

import java.util.Objects;

/**
 * One immutable ledger entry, written in the same atomic step as the change it describes.
 *
 * @param seq          per-account sequence number, 1, 2, 3, ... without gaps
 * @param money        signed change of the money balance in minor units (credit > 0, debit < 0)
 * @param bucketBytes  signed change of the bucket bytes
 * @param volumeBytes  service volume the record is about (usage reported, overuse, bytes released)
 * @param balanceAfter money balance after the change
 * @param bucketsAfter bytes left in all buckets after the change
 * @param reference    session id, top-up reference or operator reason; "" when none
 */
public record LedgerRecord(String accountId, long seq, long time, LedgerType type, String sessionId,
                           long ratingGroup, long volumeBytes, long money, long bucketBytes,
                           long balanceAfter, long bucketsAfter, String reference) {

    public LedgerRecord {
        Objects.requireNonNull(accountId, "account id");
        Objects.requireNonNull(type, "ledger type");
        sessionId = sessionId == null ? "" : sessionId;
        reference = reference == null ? "" : reference;
    }
}
