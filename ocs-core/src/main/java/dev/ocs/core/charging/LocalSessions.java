package dev.ocs.core.charging;

import java.util.concurrent.ConcurrentHashMap;

/**
 * This member's memory of which account each of its open credit-control sessions belongs to, so an
 * UPDATE or TERMINATE goes straight to the account instead of first asking the grid's session
 * directory (one grid operation and one thread hand-off less per request). The directory stays the
 * truth: a session unknown here (another member's, or from before a restart) is looked up there,
 * and the directory entry is touched now and then so its idle expiry does not end a session that is
 * only ever served from here. Bounded: beyond {@link #MAX_ENTRIES} sessions nothing more is cached.
 */
final class LocalSessions {

    static final int MAX_ENTRIES = 1_000_000;

    static final class Binding {
        final String accountId;
        volatile long lastUsed;
        volatile long lastTouched;

        Binding(String accountId, long now) {
            this.accountId = accountId;
            this.lastUsed = now;
            this.lastTouched = now;
        }
    }

    private final ConcurrentHashMap<String, Binding> bindings = new ConcurrentHashMap<>();

    Binding get(String sessionId, long now) {
        Binding b = bindings.get(sessionId);
        if (b != null) {
            b.lastUsed = now;
        }
        return b;
    }

    void put(String sessionId, String accountId, long now) {
        if (bindings.size() < MAX_ENTRIES) {
            bindings.put(sessionId, new Binding(accountId, now));
        }
    }

    void remove(String sessionId) {
        bindings.remove(sessionId);
    }

    /** Forgets sessions unused since {@code before} (the gateway went silent; the sweeper has released them). */
    int purge(long before) {
        int n = bindings.size();
        bindings.values().removeIf(b -> b.lastUsed < before);
        return n - bindings.size();
    }

    int size() {
        return bindings.size();
    }
}
