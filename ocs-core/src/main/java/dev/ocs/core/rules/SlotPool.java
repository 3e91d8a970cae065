package dev.ocs.core.rules;

/**
 * Session slots that the accounts of one thread have forgotten, handed to the next sessions that thread
 * opens, and the rating-group slots of closed sessions to the next rating groups opened: a session start
 * then stores no new object into its account (a reused slot keeps its arrays). A slot lives here only between
 * changes: {@link AccountState} gives back what a change forgot once the change has succeeded (a change
 * rolled back puts its slots back into the account instead).
 *
 * <p>Why it matters: an account lives in the old generation, and a slot made for each session start
 * lived through a young collection (closed sessions are kept for the retransmission window), so every
 * young pause copied the slots of the sessions started since the last one, twice (issue 12). One pool
 * per thread: the grid's partition threads (each owning its accounts), or whatever thread changes a
 * memory-only grid's account under its lock. Bounded: beyond {@link #CAPACITY} slots, forgotten ones are
 * left to the collector.
 */
final class SlotPool {

    /** The most slots of each kind a thread keeps (about 2 MB at most). */
    static final int CAPACITY = 4_096;

    private static final ThreadLocal<SlotPool> CURRENT = ThreadLocal.withInitial(SlotPool::new);

    private final Stack<SessionSlot> sessions = new Stack<>();
    private final Stack<ServiceSlot> services = new Stack<>();

    static SlotPool current() {
        return CURRENT.get();
    }

    /** A slot for a session opening now: a forgotten one, set to the new session, or a new one. */
    SessionSlot open(String sessionId, long requestNumber, long expiresAt, long closedAt, String gatewayHost,
                     String gatewayRealm) {
        SessionSlot slot = sessions.pop();
        if (slot == null) {
            return new SessionSlot(sessionId, requestNumber, expiresAt, closedAt, gatewayHost, gatewayRealm);
        }
        slot.reopen(sessionId, requestNumber, expiresAt, closedAt, gatewayHost, gatewayRealm);
        return slot;
    }

    /** Takes back a slot no account holds any more. */
    void give(SessionSlot slot) {
        slot.forget();
        sessions.push(slot);
    }

    /** A slot for a rating group a session starts using: one a closed session left, or a new one. */
    ServiceSlot service(long ratingGroup, long serviceId) {
        ServiceSlot slot = services.pop();
        if (slot == null) {
            return new ServiceSlot(ratingGroup, serviceId);
        }
        slot.reset(ratingGroup, serviceId);
        return slot;
    }

    /** Takes back a rating group's slot no session holds any more. */
    void give(ServiceSlot slot) {
        services.push(slot);
    }

    int size() {
        return sessions.size;
    }

    int services() {
        return services.size;
    }

    /** Last in, first out (the slot given back last is the likeliest still in a cache), at most {@link #CAPACITY}. */
    private static final class Stack<T> {
        private Object[] items = new Object[16];
        private int size;

        @SuppressWarnings("unchecked")
        T pop() {
            if (size == 0) {
                return null;
            }
            T item = (T) items[--size];
            items[size] = null;
            return item;
        }

        void push(T item) {
            if (size == items.length) {
                if (size == CAPACITY) {
                    return;
                }
                items = java.util.Arrays.copyOf(items, Math.min(CAPACITY, 2 * size));
            }
            items[size++] = item;
        }
    }
}
