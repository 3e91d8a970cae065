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

    private SessionSlot[] free = new SessionSlot[16];
    private int count;
    private ServiceSlot[] freeServices = new ServiceSlot[16];
    private int serviceCount;

    static SlotPool current() {
        return CURRENT.get();
    }

    /** A slot for a session opening now: a forgotten one, set to the new session, or a new one. */
    SessionSlot open(String sessionId, long requestNumber, long expiresAt, long closedAt, String gatewayHost,
                     String gatewayRealm) {
        if (count == 0) {
            return new SessionSlot(sessionId, requestNumber, expiresAt, closedAt, gatewayHost, gatewayRealm);
        }
        SessionSlot slot = free[--count];
        free[count] = null;
        slot.reopen(sessionId, requestNumber, expiresAt, closedAt, gatewayHost, gatewayRealm);
        return slot;
    }

    /** Takes back a slot no account holds any more. */
    void give(SessionSlot slot) {
        if (count == free.length) {
            if (count == CAPACITY) {
                return;
            }
            free = java.util.Arrays.copyOf(free, Math.min(CAPACITY, 2 * count));
        }
        slot.forget();
        free[count++] = slot;
    }

    /** A slot for a rating group a session starts using: one a closed session left, or a new one. */
    ServiceSlot service(long ratingGroup, long serviceId) {
        if (serviceCount == 0) {
            return new ServiceSlot(ratingGroup, serviceId);
        }
        ServiceSlot slot = freeServices[--serviceCount];
        freeServices[serviceCount] = null;
        slot.reset(ratingGroup, serviceId);
        return slot;
    }

    /** Takes back a rating group's slot no session holds any more. */
    void give(ServiceSlot slot) {
        if (serviceCount == freeServices.length) {
            if (serviceCount == CAPACITY) {
                return;
            }
            freeServices = java.util.Arrays.copyOf(freeServices, Math.min(CAPACITY, 2 * serviceCount));
        }
        freeServices[serviceCount++] = slot;
    }

    int size() {
        return count;
    }

    int services() {
        return serviceCount;
    }
}
