package dev.ocs.core.management;

import dev.ocs.core.domain.LedgerRecord;

/** One ledger record over JMX. */
public record LedgerView(long seq, long time, String type, String sessionId, long ratingGroup, long volumeBytes,
                         long money, long bucketBytes, long balanceAfter, String reference) {

    static LedgerView of(LedgerRecord r) {
        return new LedgerView(r.seq(), r.time(), r.type().name(), r.sessionId(), r.ratingGroup(), r.volumeBytes(),
                r.money(), r.bucketBytes(), r.balanceAfter(), r.reference());
    }
}
