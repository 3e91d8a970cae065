package dev.ocs.client.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The open-loop schedule, on a made-up clock. */
class PacerTest {

    private static final long START = 1_000_000_000L;

    @Test
    void requestsFallDueOnScheduleWhetherOrNotEarlierOnesWereAnswered() {
        Pacer p = new Pacer(START, 1_000, Long.MAX_VALUE);
        assertEquals(0, p.due(START - 1));
        assertEquals(1, p.due(START), "request 0 is due at the start");
        assertEquals(START + 1_000_000, p.scheduledAt(1));
        assertEquals(11, p.due(START + 10_000_000), "10 ms at 1000/s");
        assertEquals(1_001, p.due(START + 1_000_000_000L));
    }

    @Test
    void claimsHandOutDueRequestsOnceEachInOrderWithTheirScheduledTimes() {
        Pacer p = new Pacer(START, 1_000, Long.MAX_VALUE);
        long late = START + 5_500_000; // the sender stalled: six requests are due at once
        for (int k = 0; k < 6; k++) {
            assertEquals(k, p.claim(late));
        }
        assertEquals(-1, p.claim(late), "nothing more is due");
        assertEquals(START + 2_000_000, p.scheduledAt(2), "latency counts from here, not from the late send");
        assertEquals(500_000, p.untilNext(late));
    }

    @Test
    void backlogGrowsWhenNobodyClaims() {
        Pacer p = new Pacer(START, 20_000, Long.MAX_VALUE);
        p.claim(START);
        assertEquals(200, p.backlog(START + 10_000_000), "10 ms at 20k/s, one claimed");
    }

    @Test
    void aLimitedScheduleIsExhaustedAfterItsLastRequest() {
        Pacer p = new Pacer(START, 1_000_000, 3);
        long later = START + 1_000_000_000L;
        assertEquals(3, p.due(later));
        p.claim(later);
        p.claim(later);
        assertFalse(p.exhausted());
        p.claim(later);
        assertEquals(-1, p.claim(later));
        assertTrue(p.exhausted());
        assertEquals(Long.MAX_VALUE, p.untilNext(later));
    }

    @Test
    void highRatesAndLongRunsDoNotOverflow() {
        Pacer p = new Pacer(0, 100_000, Long.MAX_VALUE);
        long k = 360_000_000_000L; // an hour at 100k/s, a thousand times over
        assertEquals(3_600_000_000_000_000L, p.scheduledAt(k));
        assertEquals(k + 1, p.due(p.scheduledAt(k)));
    }
}
