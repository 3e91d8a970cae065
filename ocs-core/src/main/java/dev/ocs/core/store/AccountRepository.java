package dev.ocs.core.store;

import dev.ocs.core.domain.Account;
import dev.ocs.core.store.codec.AccountRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The durable system of record behind the grid: the grid holds the working copy of every account,
 * this holds the truth a restart comes back to. Writes are idempotent and order-free: a row is
 * replaced only by a newer incarnation or a newer version of the same one, so a late or repeated
 * write can never take an account back in time.
 */
public interface AccountRepository extends AutoCloseable {

    /** Version of a tombstone: no write of the deleted incarnation can be newer. */
    long TOMBSTONE_VERSION = Long.MAX_VALUE;

    /** What a backend is, for logs and statistics ({@code sqlite var/ocs.db}). */
    String describe();

    /** Writes the rows and tombstones in one transaction, each only where it is newer than the stored row. */
    void write(Collection<AccountRow> rows, Collection<Tombstone> deleted);

    /** {@link #write} of the accounts, encoded here. */
    default void save(Collection<Account> accounts, Collection<Tombstone> deleted) {
        List<AccountRow> rows = new ArrayList<>(accounts.size());
        for (Account a : accounts) {
            rows.add(AccountRow.of(a));
        }
        write(rows, deleted);
    }

    /** The stored account, or {@code null} when there is none or it was deleted. */
    Account load(String accountId);

    /** The stored accounts among {@code accountIds}; deleted and unknown ids are left out. */
    Map<String, Account> loadAll(Collection<String> accountIds);

    /** The ids of every stored account that is not deleted. */
    List<String> ids();

    /** What is stored for each id (tombstones included); unknown ids are left out. */
    Map<String, StoredVersion> versions(Collection<String> accountIds);

    /** Fails when the store cannot be reached now (a cheap round trip). */
    void check();

    @Override
    void close();

    /** A deleted incarnation of an account. */
    record Tombstone(String accountId, long createdAt) {
    }

    /**
     * The stored row's incarnation and version, and how far its ledger reaches.
     *
     * @param ledgerSeq   newest ledger record durably stored with the account
     * @param exportedSeq newest record the stored account knows to be in the CDR files
     */
    record StoredVersion(long createdAt, long version, boolean deleted, long ledgerSeq, long exportedSeq) {

        /** Whether this stored row already holds {@code r} or something newer. */
        public boolean covers(AccountRow r) {
            return createdAt > r.createdAt() || (createdAt == r.createdAt() && version >= r.version());
        }

        /** Whether this stored row already holds the tombstone or something newer. */
        public boolean covers(Tombstone t) {
            return createdAt > t.createdAt() || (createdAt == t.createdAt() && version == TOMBSTONE_VERSION);
        }
    }
}
