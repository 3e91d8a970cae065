package dev.ocs.core.rules;

import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An account's ledger records in reused flat arrays. */
class LedgerRingTest {

    private static void add(LedgerRing ring, long seq) {
        ring.add(seq, 1_000 + seq, LedgerType.USAGE, "s" + seq, 10, seq * 100, seq, 0, 5_000 - seq, 0, "");
    }

    private static List<Long> seqs(LedgerRing ring) {
        return ring.all("a").stream().map(LedgerRecord::seq).toList();
    }

    @Test
    void aNewAccountsRingGrowsOnceStraightToWhatAnAccountInUseHolds() {
        LedgerRing ring = new LedgerRing(1); // a provisioned account: its opening record
        add(ring, 1);
        assertEquals(1, ring.capacity());
        add(ring, 2); // its first session's first record
        assertEquals(LedgerRing.ACTIVE_CAPACITY, ring.capacity());
        for (long seq = 3; seq <= LedgerRing.ACTIVE_CAPACITY; seq++) {
            add(ring, seq);
        }
        assertEquals(LedgerRing.ACTIVE_CAPACITY, ring.capacity());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), seqs(ring));
    }

    @Test
    void beyondTheActiveCapacityItDoublesAndKeepsTheOrder() {
        LedgerRing ring = new LedgerRing(LedgerRing.ACTIVE_CAPACITY);
        for (long seq = 1; seq <= 6; seq++) {
            add(ring, seq);
        }
        ring.trim(4, 0); // exported up to 4, none kept: the ring's head moves on
        for (long seq = 7; seq <= 13; seq++) {
            add(ring, seq); // wraps around, then grows
        }
        assertEquals(2 * LedgerRing.ACTIVE_CAPACITY, ring.capacity());
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L), seqs(ring));
        LedgerRecord r = ring.all("a").get(0);
        assertEquals("s5", r.sessionId());
        assertEquals(500, r.volumeBytes());
        assertEquals(4_995, r.balanceAfter());
    }
}
