package dev.ocs.core.store.codec;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.rules.AccountState;

import java.util.Objects;

/**
 * An account as the durable store writes it: the columns the store indexes and compares, and the
 * whole account encoded ({@link AccountCodec}). The write-behind keeps changed accounts in this form
 * until they are written: a row is a few objects whatever the account holds (sessions, buckets,
 * ledger records), where the {@link Account} it was made from is dozens, so a row waiting for the
 * next write costs a young collection almost nothing to keep.
 *
 * @param state the encoded account; not copied, never changed
 */
public record AccountRow(String id, long createdAt, long version, AccountStatus status, long balance, long ledgerSeq,
                         long exportedSeq, byte[] state) {

    public AccountRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(state, "state");
    }

    /** Encodes {@code a}. */
    public static AccountRow of(Account a) {
        return of(AccountState.of(a));
    }

    /** Encodes the account where it lives, on the thread that owns it: the row is the account as it is now. */
    public static AccountRow of(AccountState a) {
        return new AccountRow(a.id(), a.createdAt(), a.version(), a.status(), a.balance(), a.ledgerSeq(), a.exportedSeq(),
                AccountCodec.encode(a));
    }

    /** The account this row holds. */
    public Account account() {
        return AccountCodec.decode(state);
    }

    /** Identity: the write-behind unregisters a row only if it is the very one it wrote, not an equal newer one. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "AccountRow[" + id + " v" + version + ", " + state.length + " bytes]";
    }
}
