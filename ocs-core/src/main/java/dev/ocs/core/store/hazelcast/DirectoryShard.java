package dev.ocs.core.store.hazelcast;

import java.util.function.Consumer;

/**
 * One partition's share of the session directory: Session-Id to account id, each binding with the
 * moment it expires. A binding is no object of its own: slots of primitive arrays (open addressing,
 * linear probing, deleted by shifting back) and the ids' characters in one arena. The directory's
 * bindings live for the retransmission window after their session ended (thousands a second under
 * load); kept as map entries (a record, a serialized key and value, expiry metadata: about 290 bytes in
 * eight objects each) they outlived young collections, and young collections copied them (issue 12).
 *
 * <p>Not thread-safe: changed in place on its partition thread only (the map keeps it as an object), by
 * processors that carry the time, so that a backup replaying the same processors reaches the same
 * contents. A Session-Id is compared in full, never by its hash alone: two sessions never share a binding.
 */
final class DirectoryShard {

    static final int MIN_CAPACITY = 16;
    private static final int MIN_ARENA = 256;

    private long[] hashes = new long[MIN_CAPACITY]; // 0: an empty slot
    private int[] offsets = new int[MIN_CAPACITY];
    private int[] sessionLengths = new int[MIN_CAPACITY];
    private int[] accountLengths = new int[MIN_CAPACITY];
    private long[] expiresAt = new long[MIN_CAPACITY];
    /** Ended: expires at a fixed time. Open: its idle time starts again whenever it is looked up. */
    private boolean[] ended = new boolean[MIN_CAPACITY];
    private int size;
    private char[] arena = new char[MIN_ARENA];
    private int arenaUsed;
    private int arenaGarbage;
    private boolean lookUpChanged;

    /** A Session-Id's hash (never 0, which marks an empty slot); the shard it belongs to is chosen from it too. */
    static long hash(String sessionId) {
        long h = 0x9E3779B97F4A7C15L ^ sessionId.length();
        for (int i = 0; i < sessionId.length(); i++) {
            h = (h ^ sessionId.charAt(i)) * 0xFF51AFD7ED558CCDL;
            h ^= h >>> 29;
        }
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    int size() {
        return size;
    }

    /**
     * The account bound to {@code sessionId} at {@code now}, or {@code null}. An open binding found
     * starts its idle time again ({@code idleMillis}); an expired one is removed. Whether that changed
     * the shard is answered by {@link #lookUpChanged} until the next look-up.
     *
     * @return the account id, or {@code null}
     */
    String lookUp(String sessionId, long now, long idleMillis) {
        lookUpChanged = false;
        int i = find(sessionId, hash(sessionId));
        if (i < 0) {
            return null;
        }
        if (expiresAt[i] <= now) {
            removeAt(i);
            lookUpChanged = true;
            return null;
        }
        if (!ended[i] && expiresAt[i] != now + idleMillis) {
            expiresAt[i] = now + idleMillis;
            lookUpChanged = true;
        }
        return new String(arena, offsets[i] + sessionLengths[i], accountLengths[i]);
    }

    /** Whether the last look-up changed the shard (a backup must then replay it). */
    boolean lookUpChanged() {
        return lookUpChanged;
    }

    /** Binds {@code sessionId} to {@code accountId} until {@code until} (replacing any binding it had). */
    void bind(String sessionId, String accountId, long until, boolean hasEnded) {
        long h = hash(sessionId);
        int i = find(sessionId, h);
        if (i >= 0 && sameAccount(i, accountId)) {
            expiresAt[i] = until;
            ended[i] = hasEnded;
            return;
        }
        if (i >= 0) {
            removeAt(i);
        }
        if ((size + 1) * 2 > hashes.length) {
            resize(hashes.length * 2);
        }
        int mask = hashes.length - 1;
        int slot = home(h, mask);
        while (hashes[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        int at = append(sessionId, accountId);
        hashes[slot] = h;
        offsets[slot] = at;
        sessionLengths[slot] = sessionId.length();
        accountLengths[slot] = accountId.length();
        expiresAt[slot] = until;
        ended[slot] = hasEnded;
        size++;
    }

    /** Removes every binding expired at {@code now}; shrinks the slots and the arena when they became mostly empty. Answers how many. */
    int expire(long now) {
        int removed = 0;
        for (int i = 0; i < hashes.length; ) {
            if (hashes[i] != 0 && expiresAt[i] <= now) {
                removeAt(i); // a later binding may have shifted into i: look at i again
                removed++;
            } else {
                i++;
            }
        }
        if (hashes.length > MIN_CAPACITY && size * 8 < hashes.length) {
            resize(powerOfTwoAtLeast(Math.max(1, size) * 4, MIN_CAPACITY));
        }
        int live = arenaUsed - arenaGarbage;
        if (arena.length > MIN_ARENA && live * 8 < arena.length) { // a burst is over: give its arena back
            compact(powerOfTwoAtLeast(Math.max(1, live) * 4, MIN_ARENA));
        }
        return removed;
    }

    /** Every binding, for serialization: Session-Id, account id, expiry, ended. */
    void forEach(Consumer<Binding> visitor) {
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                int at = offsets[i];
                visitor.accept(new Binding(new String(arena, at, sessionLengths[i]),
                        new String(arena, at + sessionLengths[i], accountLengths[i]), expiresAt[i], ended[i]));
            }
        }
    }

    /** One binding as a value (serialization and tests). */
    record Binding(String sessionId, String accountId, long expiresAt, boolean ended) {
    }

    /** Characters of the arena in use (live and dropped), for tests. */
    int arenaUsed() {
        return arenaUsed;
    }

    /** The arena's length in characters, for tests. */
    int arenaLength() {
        return arena.length;
    }

    /** The smallest power of two that is at least {@code n} (> 0) and at least {@code min}. */
    private static int powerOfTwoAtLeast(int n, int min) {
        return Math.max(min, Integer.highestOneBit(n - 1) << 1);
    }

    private static int home(long hash, int mask) {
        return (int) (hash >>> 32) & mask;
    }

    private int find(String sessionId, long h) {
        int mask = hashes.length - 1;
        for (int slot = home(h, mask); hashes[slot] != 0; slot = (slot + 1) & mask) {
            if (hashes[slot] == h && matches(slot, sessionId)) {
                return slot;
            }
        }
        return -1;
    }

    private boolean matches(int slot, String sessionId) {
        return arenaHolds(offsets[slot], sessionLengths[slot], sessionId);
    }

    private boolean sameAccount(int slot, String accountId) {
        return arenaHolds(offsets[slot] + sessionLengths[slot], accountLengths[slot], accountId);
    }

    /** Whether the {@code n} characters of the arena at {@code at} are {@code id}. */
    private boolean arenaHolds(int at, int n, String id) {
        if (n != id.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (arena[at + k] != id.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Empties slot {@code i}, shifting back the bindings after it that probed past it (no tombstones). */
    private void removeAt(int i) {
        arenaGarbage += sessionLengths[i] + accountLengths[i];
        int mask = hashes.length - 1;
        int hole = i;
        for (int j = (hole + 1) & mask; hashes[j] != 0; j = (j + 1) & mask) {
            int ideal = home(hashes[j], mask);
            if (((j - hole) & mask) <= ((j - ideal) & mask)) { // the hole lies on j's probe path: move j into it
                move(j, hole);
                hole = j;
            }
        }
        hashes[hole] = 0;
        size--;
    }

    private void move(int from, int to) {
        hashes[to] = hashes[from];
        offsets[to] = offsets[from];
        sessionLengths[to] = sessionLengths[from];
        accountLengths[to] = accountLengths[from];
        expiresAt[to] = expiresAt[from];
        ended[to] = ended[from];
    }

    private void resize(int capacity) {
        long[] oldHashes = hashes;
        int[] oldOffsets = offsets;
        int[] oldSessions = sessionLengths;
        int[] oldAccounts = accountLengths;
        long[] oldExpiry = expiresAt;
        boolean[] oldEnded = ended;
        hashes = new long[capacity];
        offsets = new int[capacity];
        sessionLengths = new int[capacity];
        accountLengths = new int[capacity];
        expiresAt = new long[capacity];
        ended = new boolean[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                int slot = home(oldHashes[i], mask);
                while (hashes[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                offsets[slot] = oldOffsets[i];
                sessionLengths[slot] = oldSessions[i];
                accountLengths[slot] = oldAccounts[i];
                expiresAt[slot] = oldExpiry[i];
                ended[slot] = oldEnded[i];
            }
        }
    }

    /** Copies both ids into the arena; answers where they start. Compacts or grows the arena when full. */
    private int append(String sessionId, String accountId) {
        int need = sessionId.length() + accountId.length();
        if (arenaUsed + need > arena.length) {
            int live = arenaUsed - arenaGarbage;
            if (arenaGarbage > 0 && live + need <= arena.length / 2) {
                compact(arena.length);
            } else {
                compact(powerOfTwoAtLeast((live + need) * 2, MIN_ARENA));
            }
        }
        int at = arenaUsed;
        sessionId.getChars(0, sessionId.length(), arena, at);
        accountId.getChars(0, accountId.length(), arena, at + sessionId.length());
        arenaUsed += need;
        return at;
    }

    /** The live ids moved to the start of an arena of {@code length} characters, the dropped ones left behind. */
    private void compact(int length) {
        char[] next = new char[length];
        int used = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                int n = sessionLengths[i] + accountLengths[i];
                System.arraycopy(arena, offsets[i], next, used, n);
                offsets[i] = used;
                used += n;
            }
        }
        arena = next;
        arenaUsed = used;
        arenaGarbage = 0;
    }

    @Override
    public String toString() {
        return "DirectoryShard[" + size + " bindings, " + hashes.length + " slots, arena " + arenaUsed + "/" + arena.length
                + " chars]";
    }
}
