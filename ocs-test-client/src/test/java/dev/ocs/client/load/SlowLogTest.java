package dev.ocs.client.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowLogTest {

    @Test
    void keepsOnlyAnswersAtOrAboveTheThresholdWithTheirScheduledWallClockTime(@TempDir Path dir) throws Exception {
        long before = System.currentTimeMillis();
        SlowLog log = new SlowLog(5);
        long now = System.nanoTime();
        log.answer(now, 4_999_999);      // under 5 ms: not kept
        log.answer(now, 5_000_000);      // 5 ms
        log.answer(now + 2_000_000_000L, 12_345_000); // scheduled 2 s later, 12.345 ms
        Path file = dir.resolve("slow.txt");
        log.write(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("#"));
        String[] first = lines.get(1).split(" ");
        String[] second = lines.get(2).split(" ");
        assertEquals("5.000", first[1]);
        assertEquals("12.345", second[1]);
        double t1 = Double.parseDouble(first[0]);
        double t2 = Double.parseDouble(second[0]);
        assertTrue(t1 >= before - 1 && t1 <= System.currentTimeMillis() + 1, lines.get(1));
        assertEquals(2_000.0, t2 - t1, 0.01);
    }
}
