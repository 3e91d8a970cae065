package dev.ocs.core.store;

import java.util.Collection;
import java.util.Map;

/**
 * How the grid's accounts reach the durable store, for the parts of the OCS that must know: operator
 * changes are made durable before they are acknowledged, the ledger exporter writes to CDR files only
 * what the store already holds, charging stops granting when the store has been unreachable too long,
 * and statistics show how far behind the store is.
 */
public interface Persistence {

    /** What the store is ({@code sqlite var/ocs.db}, {@code memory only}). */
    String describe();

    /** Whether a restart keeps anything at all. */
    boolean durable();

    /**
     * Writes the accounts' current state to the store now and returns when it is there.
     *
     * @throws StoreUnavailableException when the store cannot take it (the change stays in memory and
     *                                   reaches the store with the write-behind once it is back)
     */
    void persist(Collection<String> accountIds);

    /** Writes now whatever this member has not written yet (before a final ledger export, at shutdown). */
    void flush();

    /**
     * Fails fast when the store is known to be failing, so that an operator change is refused before it
     * is made rather than acknowledged without durability.
     *
     * @throws StoreUnavailableException with what is wrong and since when
     */
    void checkWritable();

    /** False once the store has been failing for longer than the configured outage window. */
    boolean acceptsCharging();

    /**
     * What the store holds for these accounts (tombstones included); {@code null} from a store that
     * keeps nothing, for which everything counts as durable.
     */
    Map<String, AccountRepository.StoredVersion> stored(Collection<String> accountIds);

    PersistenceStats stats();

    /** A grid that lives in memory only. */
    Persistence NONE = new Persistence() {
        @Override
        public String describe() {
            return "memory only";
        }

        @Override
        public boolean durable() {
            return false;
        }

        @Override
        public void persist(Collection<String> accountIds) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void checkWritable() {
        }

        @Override
        public boolean acceptsCharging() {
            return true;
        }

        @Override
        public Map<String, AccountRepository.StoredVersion> stored(Collection<String> accountIds) {
            return null;
        }

        @Override
        public PersistenceStats stats() {
            return PersistenceStats.memoryOnly();
        }
    };
}
