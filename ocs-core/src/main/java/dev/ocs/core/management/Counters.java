package dev.ocs.core.management;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named counters since start, cheap to count from any thread, read as one sorted map (Stats). */
public class Counters {

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(String reason) {
        LongAdder a = counts.get(reason);
        if (a == null) {
            a = counts.computeIfAbsent(reason, r -> new LongAdder());
        }
        a.increment();
    }

    public long get(String reason) {
        LongAdder a = counts.get(reason);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
