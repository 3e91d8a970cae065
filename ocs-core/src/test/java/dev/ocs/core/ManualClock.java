package dev.ocs.core;

import dev.ocs.core.time.Clock;

import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand. */
public final class ManualClock implements Clock {

    private final AtomicLong now;

    public ManualClock(long start) {
        this.now = new AtomicLong(start);
    }

    @Override
    public long millis() {
        return now.get();
    }

    public void advanceSeconds(long seconds) {
        now.addAndGet(seconds * 1000);
    }
}
