package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.Predicate;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.store.codec.AccountRow;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predicates and read-only processors that read accounts on the members that own them. The stored
 * {@link AccountState} is changed in place by its partition thread, so it is read only there: through
 * processors and {@code executeOnEntries} predicates (which run on the partition thread), never through
 * queries, aggregations or {@code values()} (which Hazelcast runs on other threads for the OBJECT format).
 * What leaves the partition thread is an immutable value.
 */
final class AccountQueries {

    private AccountQueries() {
    }

    /**
     * Accounts with any deadline, or one at or before {@code dueAt} (with {@code dueAt} at the end of
     * time: every account): what a full sweep visits, so that it indexes every deadline again.
     */
    record WithDeadline(long dueAt) implements Predicate<String, AccountState> {
        @Override
        public boolean apply(Map.Entry<String, AccountState> e) {
            long next = e.getValue().nextDeadline();
            return next != Long.MAX_VALUE || next <= dueAt;
        }
    }

    /** Accounts with ledger records not yet exported. */
    record HasPendingLedger() implements Predicate<String, AccountState> {
        @Override
        public boolean apply(Map.Entry<String, AccountState> e) {
            AccountState a = e.getValue();
            return a.ledgerSeq() > a.exportedSeq();
        }
    }

    /** Accounts with an open session. */
    record HasOpenSession() implements Predicate<String, AccountState> {
        @Override
        public boolean apply(Map.Entry<String, AccountState> e) {
            return e.getValue().openSessions() > 0;
        }
    }

    /**
     * Reads an account's pending ledger records without writing (no backup traffic); null when the account
     * is gone. Run in the caller's own member as this very instance, it leaves the records in {@link
     * #collected} and answers null, as {@link Row} does: the result would otherwise be serialized on the
     * partition thread and deserialized again by the exporter, every record and its strings twice more, once
     * a second for every account charged (about 4 % of the server's allocation at 10,000 CCR/s, JFR). A
     * copy run on another member (deserialized, with nothing to collect into) returns its records.
     */
    static final class PendingLedger implements EntryProcessor<String, AccountState, ArrayList<LedgerRecord>>, ReadOnly {
        private final transient ConcurrentHashMap<String, ArrayList<LedgerRecord>> collected;

        /** A reader for this member's calls: what runs here is collected. */
        PendingLedger() {
            this(new ConcurrentHashMap<>());
        }

        private PendingLedger(ConcurrentHashMap<String, ArrayList<LedgerRecord>> collected) {
            this.collected = collected;
        }

        /** The copy another member runs (made by the serializer): it returns its records. */
        static PendingLedger remote() {
            return new PendingLedger(null);
        }

        @Override
        public ArrayList<LedgerRecord> process(Map.Entry<String, AccountState> e) {
            AccountState a = e.getValue();
            if (a == null) {
                return null;
            }
            ArrayList<LedgerRecord> records = a.pendingLedger();
            if (collected == null) {
                return records;
            }
            collected.put(a.id(), records);
            return null;
        }

        /** The records left here by the runs in this member, by account. */
        Map<String, ArrayList<LedgerRecord>> collected() {
            return collected;
        }

        @Override
        public EntryProcessor<String, AccountState, ArrayList<LedgerRecord>> getBackupProcessor() {
            return null;
        }
    }

    /** The account's value now, taken on its partition thread; null when there is none. */
    record Snapshot() implements EntryProcessor<String, AccountState, Account>, ReadOnly {
        @Override
        public Account process(Map.Entry<String, AccountState> e) {
            return e.getValue() == null ? null : e.getValue().snapshot();
        }

        @Override
        public EntryProcessor<String, AccountState, Account> getBackupProcessor() {
            return null;
        }
    }

    /**
     * The account's row for the durable store, encoded on its partition thread (the write-behind's, for
     * the accounts its member changed); null when the account is gone. Run in the caller's own member,
     * as this very instance (Hazelcast runs a local operation without copying it), it leaves the row in
     * {@link #encoded} and answers null: Hazelcast serializes every entry processor's result, even for its
     * own member, which would copy each row twice more. A copy run on another member (the account
     * migrated since it changed here) returns its row.
     */
    static final class Row implements EntryProcessor<String, AccountState, AccountRow>, ReadOnly {
        private static final long serialVersionUID = 1L;
        private final transient ConcurrentHashMap<String, AccountRow> encoded = new ConcurrentHashMap<>();

        @Override
        public AccountRow process(Map.Entry<String, AccountState> e) {
            AccountState a = e.getValue();
            if (a == null) {
                return null;
            }
            AccountRow row = AccountRow.of(a);
            if (encoded == null) { // deserialized on another member
                return row;
            }
            encoded.put(a.id(), row);
            return null;
        }

        /** The rows left here by the runs in this member. */
        Map<String, AccountRow> encoded() {
            return encoded;
        }

        @Override
        public EntryProcessor<String, AccountState, AccountRow> getBackupProcessor() {
            return null;
        }
    }

    /**
     * An account's open sessions, held money and reserved bytes, read on its partition thread. An account
     * found with an open session is marked in its member's {@link OpenSessionMarks} (a full scan fills
     * the marks again after a migration or a restart).
     */
    static final class Totals implements EntryProcessor<String, AccountState, long[]>, ReadOnly, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private transient Set<String> marks;

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            marks = OpenSessionMarks.of(instance);
        }

        @Override
        public long[] process(Map.Entry<String, AccountState> e) {
            AccountState a = e.getValue();
            if (a == null) {
                return null;
            }
            long open = a.openSessions();
            if (open > 0 && marks != null) {
                marks.add(a.id());
            }
            return new long[] {open, a.heldMoney(), a.reservedBytes()};
        }

        @Override
        public EntryProcessor<String, AccountState, long[]> getBackupProcessor() {
            return null;
        }
    }
}
