package dev.ocs.diameter.transport;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning that hostile input cannot turn into a log flood: at most {@code perMinute} lines a minute,
 * then one line saying how many were left out. Cheap when quiet: two atomic reads.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final int perMinute;
    private final AtomicLong windowStart = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger log, int perMinute) {
        this.log = log;
        this.perMinute = perMinute;
    }

    public void warn(String format, Object... args) {
        long now = System.currentTimeMillis();
        long start = windowStart.get();
        if (now - start >= 60_000 && windowStart.compareAndSet(start, now)) {
            inWindow.set(0);
            long left = suppressed.getAndSet(0);
            if (left > 0) {
                log.warn("{} more such warnings in the last minute were not logged", left);
            }
        }
        if (inWindow.incrementAndGet() <= perMinute) {
            log.warn(format, args);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
