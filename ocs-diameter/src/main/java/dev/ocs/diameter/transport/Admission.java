package dev.ocs.diameter.transport;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which requests are charged and which are answered 3004 TOO_BUSY at once. At most {@code limit}
 * requests are being charged at a time (the bounded queue in front of the grid: by Little's law a
 * full queue waits {@code limit / throughput}, so the limit bounds the latency of what is admitted).
 * Up to {@code limit - reserve} in flight, every gateway is admitted; beyond, only a gateway holding
 * less than its fair share of {@code limit - reserve} (divided by the gateways with requests in
 * flight). So one gateway alone never takes the reserve, and a gateway that floods cannot starve a
 * newcomer: the newcomer is below its share and finds room in the reserve.
 *
 * <p>Lock-free: two counters per request. The share is computed from a count of gateways that is
 * exact between requests and may be off by the few racing at a 0/1 transition, which only moves the
 * point of refusal by a request or two.
 */
public final class Admission {

    /** A quarter of the limit is kept for gateways below their fair share. */
    public static final int RESERVE_PERCENT = 25;

    /** Gates kept before idle ones are forgotten. */
    static final int FORGET_ABOVE = 4_096;

    /** A gateway's count of requests in flight; kept while the gateway is known. */
    public static final class Gate {
        private final AtomicInteger inFlight = new AtomicInteger();

        public int inFlight() {
            return inFlight.get();
        }
    }

    private final int limit;
    private final int free;
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final ConcurrentHashMap<Object, Gate> gates = new ConcurrentHashMap<>();

    /**
     * @param limit          requests in flight at most, over all gateways
     * @param reservePercent share of {@code limit} kept for gateways below their fair share
     */
    public Admission(int limit, int reservePercent) {
        if (limit < 1 || reservePercent < 0 || reservePercent > 90) {
            throw new IllegalArgumentException("limit " + limit + ", reserve " + reservePercent + " %");
        }
        this.limit = limit;
        this.free = Math.max(1, limit - (int) ((long) limit * reservePercent / 100));
    }

    /** The gate of a gateway (its connection's peer); one lookup per request. */
    public Gate gate(Object gateway) {
        Gate g = gates.get(gateway);
        if (g != null) {
            return g;
        }
        if (gates.size() >= FORGET_ABOVE) {
            forgetIdle(); // gateways come and go (and some lie about who they are): the map stays small
        }
        return gates.computeIfAbsent(gateway, k -> new Gate());
    }

    /** Takes a place for one request of {@code gate}'s gateway; false: answer 3004. {@link #release} when done. */
    public boolean tryAdmit(Gate gate) {
        int all = total.incrementAndGet();
        int mine = gate.inFlight.incrementAndGet();
        if (mine == 1) {
            active.incrementAndGet();
        }
        if (admits(all, mine, active.get())) {
            return true;
        }
        release(gate);
        return false;
    }

    /**
     * Whether {@link #tryAdmit} would refuse {@code gate}'s next request now: read-only and cheap, for
     * refusing at the socket before a request is parsed (the admission proper happens later and decides).
     */
    public boolean full(Gate gate) {
        int mine = gate.inFlight.get();
        return !admits(total.get() + 1, mine + 1, active.get() + (mine == 0 ? 1 : 0));
    }

    /** The rule: {@code all} in flight with this one, {@code mine} of its gateway, {@code gateways} with requests in flight. */
    private boolean admits(int all, int mine, int gateways) {
        return all <= limit && (all <= free || mine <= free / Math.max(1, gateways));
    }

    public void release(Gate gate) {
        if (gate.inFlight.decrementAndGet() == 0) {
            active.decrementAndGet();
        }
        total.decrementAndGet();
    }

    /**
     * Forgets gateways with nothing in flight (run now and then: gateways come and go). A request that
     * looked its gate up just before still counts on that gate; the next one starts a new gate.
     */
    public void forgetIdle() {
        gates.entrySet().removeIf(e -> e.getValue().inFlight.get() == 0);
    }

    /** Gateways known (with a gate) at the moment. */
    public int gateways() {
        return gates.size();
    }

    public int inFlight() {
        return total.get();
    }

    public int limit() {
        return limit;
    }
}
