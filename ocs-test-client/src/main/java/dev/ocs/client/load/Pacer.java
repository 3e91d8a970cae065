package dev.ocs.client.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The open-loop schedule: request k is due at {@code start + k / rate}, whether or not earlier
 * answers came. Senders claim due requests one at a time; the claimed request's scheduled time is
 * what its latency is measured from, so a stalled server shows up as latency instead of silently
 * slowing the client down (no coordinated omission).
 */
public final class Pacer {

    private final long startNanos;
    private final long ratePerSecond;
    private final long limit;
    private final AtomicLong claimed = new AtomicLong();

    /** @param limit the number of requests in the schedule ({@code Long.MAX_VALUE}: until stopped) */
    public Pacer(long startNanos, long ratePerSecond, long limit) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
        this.limit = limit;
    }

    /** When request {@code k} is due. */
    public long scheduledAt(long k) {
        return startNanos + k / ratePerSecond * 1_000_000_000L + (k % ratePerSecond) * 1_000_000_000L / ratePerSecond;
    }

    /** How many requests are due at {@code now} (scheduled at or before it). */
    public long due(long now) {
        if (now < startNanos) {
            return 0;
        }
        long elapsed = now - startNanos;
        long count = elapsed / 1_000_000_000L * ratePerSecond + (elapsed % 1_000_000_000L) * ratePerSecond / 1_000_000_000L + 1;
        return Math.min(limit, count);
    }

    /** Claims the oldest due request not yet claimed; answers its index, or -1 when none is due. */
    public long claim(long now) {
        long due = due(now);
        while (true) {
            long c = claimed.get();
            if (c >= due) {
                return -1;
            }
            if (claimed.compareAndSet(c, c + 1)) {
                return c;
            }
        }
    }

    /** Due requests not yet claimed (waiting for a free session). */
    public long backlog(long now) {
        return Math.max(0, due(now) - claimed.get());
    }

    public boolean exhausted() {
        return claimed.get() >= limit;
    }

    /** Nanoseconds from {@code now} until the next unclaimed request is due (0 when one is due already). */
    public long untilNext(long now) {
        long next = claimed.get();
        return next >= limit ? Long.MAX_VALUE : Math.max(0, scheduledAt(next) - now);
    }
}
