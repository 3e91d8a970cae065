package dev.ocs.core.rules;

/**
 * Session slots that the accounts of one thread have forgotten, handed to the next sessions that thread
 * opens: a session start then stores no new slot into its account. Each slot keeps its arrays and its
 * rating-group slots, so a reused one allocates nothing either. A slot lives here only between
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

    /** The most slots a thread keeps (about 1 MB of slots at most). */
    static final int CAPACITY = 4_096;

    private static final ThreadLocal<SlotPool> CURRENT = ThreadLocal.withInitial(SlotPool::new);

    private SessionSlot[] free = new SessionSlot[16];
    private int count;

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

    int size() {
        return count;
    }
}
