package dev.ocs.client.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The report: percentiles from the measured answers only, errors and codes counted, JSON for machines. */
class LoadReportTest {

    @Test
    void warmupAnswersStayOutOfThePercentilesAndErrorsAreCounted() {
        LoadStats stats = new LoadStats();
        for (int i = 1; i <= 1_000; i++) {
            stats.sent.increment();
            stats.answer(2001, i * 1_000_000L, true); // 1..1000 ms
        }
        stats.sent.increment();
        stats.answer(2001, 60_000_000_000L, false); // a warm-up straggler
        stats.sent.increment();
        stats.answer(5030, 1_000_000L, true);
        stats.sent.increment();
        stats.timeout();
        Histogram h = stats.measured();
        LoadReport r = LoadReport.of(20_000, 2.0, stats, h, 1.5);
        assertEquals(1_001, r.measuredAnswers());
        assertTrue(r.p50() >= 499_000 && r.p50() <= 502_000, "p50 " + r.p50());
        assertTrue(r.p99() >= 989_000 && r.p99() <= 992_000, "p99 " + r.p99());
        assertTrue(r.max() < 1_010_000, "the warm-up answer is not in the figures");
        assertEquals(2, r.errors(), "the 5030 and the timeout");
        assertEquals(0, stats.inFlight());
        assertEquals(500.5, r.achievedRate(), 0.01);

        String json = r.toJson();
        assertTrue(json.contains("\"target_rate\": 20000"), json);
        assertTrue(json.contains("\"result_codes\": {\"2001\": 1001, \"5030\": 1}"), json);
        assertTrue(json.contains("\"timeouts\": 1"), json);
        assertTrue(r.toText().contains("p99"));
    }
}
