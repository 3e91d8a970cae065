package dev.ocs.core.time;

/**
 * Wall-clock time in epoch milliseconds. The charging domain never reads the system clock itself:
 * every operation is handed {@code now}, so tests move time by hand and Hazelcast backups that
 * replay an operation reach the same result.
 */
@FunctionalInterface
public interface Clock {

    long millis();

    static Clock system() {
        return System::currentTimeMillis;
    }
}
