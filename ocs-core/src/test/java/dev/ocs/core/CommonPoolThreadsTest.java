package dev.ocs.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The common pool's threads keep their thread-locals between tasks (issue 12: the JDK's erase them, and
 * Hazelcast made a new serialization buffer for every session binding it wrote from there).
 */
class CommonPoolThreadsTest {

    private static final ThreadLocal<Object> KEPT = new ThreadLocal<>();

    @Test
    void aThreadLocalSetByOneTaskIsSeenByTheNextOnTheSameThread() {
        ForkJoinPool one = new ForkJoinPool(1, new CommonPoolThreads(), null, false);
        try {
            Object first = one.submit(() -> {
                Object o = new Object();
                KEPT.set(o);
                return o;
            }).join();
            assertSame(first, one.submit(KEPT::get).join());
        } finally {
            one.shutdownNow();
        }
    }

    /** The tests run with config/jvm.options, as the server does: its common pool is made of these threads. */
    @Test
    void theCommonPoolIsMadeOfThemWhereTheJvmOptionsAreUsed() {
        assertEquals(CommonPoolThreads.Worker.class, ForkJoinPool.commonPool().submit(Thread::currentThread).join().getClass());
    }
}
