package dev.ocs.core.management;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class OneAtATimeTest {

    @Test
    void aSecondCallerIsRefusedWhileTheFirstRunsAndServedAfterwards() throws Exception {
        OneAtATime audit = new OneAtATime("listAuditFindings");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> audit.run(() -> {
            inside.countDown();
            try {
                assertTrue(finish.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "first";
        }));
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> audit.run(() -> "second"));
        assertTrue(e.getMessage().startsWith("listAuditFindings is already running"), e.getMessage());
        finish.countDown();
        assertEquals("first", first.get(30, TimeUnit.SECONDS));
        assertEquals("third", audit.run(() -> "third"));
    }

    @Test
    void aFailureFreesThePlace() {
        OneAtATime totals = new OneAtATime("listTotals");
        assertThrows(IllegalArgumentException.class, () -> totals.run(() -> {
            throw new IllegalArgumentException("bad range");
        }));
        assertEquals(1, totals.run(() -> 1));
    }
}
