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

    @Test
    void tooBusyAnswersAreCountedApartFromTheAdmittedLatencies() {
        LoadStats stats = new LoadStats();
        for (int i = 1; i <= 100; i++) {
            stats.sent.increment();
            stats.answer(2001, 100_000_000L, true); // admitted: 100 ms
            stats.sent.increment();
            stats.answer(3004, 1_000_000L, true); // refused at once: 1 ms
        }
        LoadReport r = LoadReport.of(20_000, 1.0, stats, stats.measured(), 0.1);
        assertEquals(100, r.measuredAnswers(), "the admitted ones");
        assertTrue(r.p50() >= 99_000, "p50 " + r.p50());
        assertEquals(100, r.refusedCount());
        assertTrue(r.refusedMax() < 1_010, "max " + r.refusedMax());
        assertEquals(100, r.errors(), "a 3004 is still not a success");
        assertTrue(r.toJson().contains("\"refused_us\": {\"count\": 100,"), r.toJson());
    }
}
