package dev.ocs.diameter.gy;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct value for values that repeat across many long-lived objects (gateway names):
 * at most {@code limit} of them, so a peer sending ever new names cannot grow it; beyond the limit
 * values are kept as they come.
 */
final class Canonical {

    private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>();
    private final int limit;

    Canonical(int limit) {
        this.limit = limit;
    }

    String canonical(String value) {
        String seen = known.get(value);
        if (seen != null) {
            return seen;
        }
        if (known.size() >= limit) {
            return value;
        }
        seen = known.putIfAbsent(value, value);
        return seen != null ? seen : value;
    }

    int size() {
        return known.size();
    }
}
