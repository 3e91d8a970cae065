package dev.ocs.core.ledger;

/**
 * Sums over a run of one account's ledger records: how many, the newest sequence number, and the
 * signed money and bucket-byte changes they describe.
 */
public record LedgerTotals(long records, long lastSeq, long money, long bucketBytes) {

    public static final LedgerTotals NONE = new LedgerTotals(0, 0, 0, 0);

    public LedgerTotals plus(long seq, long moneyDelta, long bucketDelta) {
        return new LedgerTotals(records + 1, Math.max(lastSeq, seq), money + moneyDelta, bucketBytes + bucketDelta);
    }
}
