package dev.ocs.diameter.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is inside one Diameter port: how many connections are open (in all and per source address),
 * and which Origin-Host holds which connection. A connection beyond a limit is closed at accept; a
 * second connection of one Origin-Host is refused on that connection, the first one is untouched.
 */
public final class Door {

    private static final long STATE_MACHINE_MARGIN_NANOS = 200_000_000L;
    /** How long a CER waits for the previous connection of its Origin-Host to close before it is a duplicate. */
    private static final long DUPLICATE_GRACE_NANOS = 1_000_000_000L;

    private final FrameRules rules;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, GatewayConnection> byOriginHost = new ConcurrentHashMap<>();
    /** Origin-Hosts whose connection closed and jdiameter is still being told so. */
    private final ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Long>> closing = new ConcurrentHashMap<>();

    public Door(FrameRules rules) {
        this.rules = rules;
    }

    public FrameRules rules() {
        return rules;
    }

    /** Takes a place for a connection from {@code address}; false: close it. {@link #left} once it is closed. */
    public boolean enter(InetAddress address) {
        if (open.incrementAndGet() > rules.maxConnections()) {
            open.decrementAndGet();
            return false;
        }
        AtomicInteger mine = byAddress.compute(address, (a, n) -> {
            AtomicInteger c = n == null ? new AtomicInteger() : n;
            c.incrementAndGet();
            return c;
        });
        if (mine.get() > rules.maxConnectionsPerAddress()) {
            left(address);
            return false;
        }
        return true;
    }

    public void left(InetAddress address) {
        byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        open.decrementAndGet();
    }

    /** Binds {@code originHost} to {@code connection}; false when another open connection holds it. */
    boolean claim(String originHost, GatewayConnection connection) {
        // a gateway that closed and came straight back: its old connection's close may still be on the
        // way (a FIN not read yet). Give it a moment before calling the new one a duplicate.
        long deadline = System.nanoTime() + DUPLICATE_GRACE_NANOS;
        while (!tryClaim(originHost, connection)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }

    private boolean tryClaim(String originHost, GatewayConnection connection) {
        String host = originHost.toLowerCase(java.util.Locale.ROOT);
        GatewayConnection[] replaced = new GatewayConnection[1];
        GatewayConnection holder = byOriginHost.compute(host, (h, old) -> {
            if (old == null || old.isClosed()) {
                replaced[0] = old;
                return connection;
            }
            return old;
        });
        if (holder != connection) {
            return false;
        }
        if (replaced[0] != null) {
            // closing, and jdiameter perhaps not told yet: the new CER waits for that news to be queued first
            remember(host, replaced[0].told());
        }
        return true;
    }

    void release(String originHost, GatewayConnection connection, java.util.concurrent.CompletableFuture<Long> told) {
        String host = originHost.toLowerCase(java.util.Locale.ROOT);
        if (byOriginHost.remove(host, connection)) {
            remember(host, told);
        }
    }

    /** Keeps the news of a close until jdiameter has it (then forgets it). */
    private void remember(String host, java.util.concurrent.CompletableFuture<Long> told) {
        closing.put(host, told);
        // kept a while after jdiameter has the news: a CER arriving just then still leaves it its margin
        told.whenCompleteAsync((v, e) -> closing.remove(host, told), java.util.concurrent.CompletableFuture
                .delayedExecutor(2 * STATE_MACHINE_MARGIN_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    /**
     * Waits (a little) until jdiameter has been told that the previous connection of {@code originHost}
     * closed: its peer state machine then takes that news before the new CER (one queue, in order),
     * instead of treating the CER as a second connection of a peer it still thinks is up.
     */
    void awaitPreviousClosed(String originHost) {
        java.util.concurrent.CompletableFuture<Long> told = closing.get(originHost.toLowerCase(java.util.Locale.ROOT));
        if (told != null) {
            try {
                // told = the news is queued for the peer's state machine; it takes it within microseconds,
                // but jdiameter attaches the new connection to the peer before queueing the CER, and a
                // DISCONNECT processed after that closes the new connection too: leave it a margin
                long toldAt = told.get(2, java.util.concurrent.TimeUnit.SECONDS);
                long wait = toldAt + STATE_MACHINE_MARGIN_NANOS - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // go on: the CER gets whatever jdiameter makes of it
            }
        }
    }

    public int open() {
        return open.get();
    }
}
