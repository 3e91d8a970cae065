package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.Predicate;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.rules.AccountState;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

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

    /** Reads an account's pending ledger records without writing (no backup traffic); null when the account is gone. */
    record PendingLedger() implements EntryProcessor<String, AccountState, ArrayList<LedgerRecord>>, ReadOnly {
        @Override
        public ArrayList<LedgerRecord> process(Map.Entry<String, AccountState> e) {
            return e.getValue() == null ? null : e.getValue().pendingLedger();
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
