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

    private final FrameRules rules;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, GatewayConnection> byOriginHost = new ConcurrentHashMap<>();

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
        String host = originHost.toLowerCase(java.util.Locale.ROOT);
        GatewayConnection holder = byOriginHost.compute(host, (h, old) -> old == null || old.isClosed() ? connection : old);
        return holder == connection;
    }

    void release(String originHost, GatewayConnection connection) {
        byOriginHost.remove(originHost.toLowerCase(java.util.Locale.ROOT), connection);
    }

    public int open() {
        return open.get();
    }
}
