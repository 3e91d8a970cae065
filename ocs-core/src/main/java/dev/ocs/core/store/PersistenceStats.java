package dev.ocs.core.store;

/**
 * How this member's writes to the durable store are going.
 *
 * @param backend          what the store is
 * @param failingSince     epoch ms since the store cannot be written, 0 while it can
 * @param lastError        the last failure, "" when none
 * @param queued           accounts this member changed (or holds as backup) that the store has not confirmed yet
 * @param lastFlush        epoch ms of the last successful write-behind cycle, 0 before the first
 * @param lastFlushMillis  how long the last write took
 * @param written          account versions written since start
 * @param errors           failed write attempts since start
 * @param loaded           accounts loaded from the store by this member since start
 * @param loadMillis       how long the start-up load took
 */
public record PersistenceStats(String backend, long failingSince, String lastError, long queued, long lastFlush,
                               long lastFlushMillis, long written, long errors, long loaded, long loadMillis) {

    public static PersistenceStats memoryOnly() {
        return new PersistenceStats("memory only", 0, "", 0, 0, 0, 0, 0, 0, 0);
    }

    /** "OK", or what fails since when. */
    public String state() {
        return failingSince == 0 ? "OK" : "FAILING since " + java.time.Instant.ofEpochMilli(failingSince) + ": " + lastError;
    }
}
