package dev.ocs.core;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The threads of the JVM's common ForkJoinPool, keeping their thread-locals from one task to the next.
 * Hazelcast runs every future's continuations there (the answer to each charge is built on it), and the
 * JDK's own common-pool threads erase their thread-locals after each task: Hazelcast's per-thread
 * serialization buffers were then made anew for every session binding written (a 4 KB buffer each time,
 * 5 % of all the server allocated under load). Installed by {@code config/jvm.options}
 * ({@code -Djava.util.concurrent.ForkJoinPool.common.threadFactory}); without it the JDK's factory is used.
 */
public final class CommonPoolThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        return new Worker(pool);
    }

    /** A pool thread that keeps its thread-locals between tasks. */
    static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool) {
            super(null, pool, true);
        }
    }
}
