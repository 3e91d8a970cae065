package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.Predicate;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerRecord;

import java.util.ArrayList;
import java.util.Map;

/** Predicates and read-only processors that scan accounts on the members that own them. */
final class AccountQueries {

    private AccountQueries() {
    }

    /** Accounts with a session or bucket deadline at or before {@code dueAt}. */
    record Due(long dueAt) implements Predicate<String, Account> {
        @Override
        public boolean apply(Map.Entry<String, Account> e) {
            return e.getValue().nextDeadline() <= dueAt;
        }
    }

    /** Accounts with ledger records not yet exported. */
    record HasPendingLedger() implements Predicate<String, Account> {
        @Override
        public boolean apply(Map.Entry<String, Account> e) {
            Account a = e.getValue();
            return a.ledgerSeq() > a.exportedSeq();
        }
    }

    /** Reads an account's pending ledger records without writing (no backup traffic); null when the account is gone. */
    record PendingLedger() implements EntryProcessor<String, Account, ArrayList<LedgerRecord>>, ReadOnly {
        @Override
        public ArrayList<LedgerRecord> process(Map.Entry<String, Account> e) {
            return e.getValue() == null ? null : new ArrayList<>(e.getValue().pendingLedger());
        }

        @Override
        public EntryProcessor<String, Account, ArrayList<LedgerRecord>> getBackupProcessor() {
            return null;
        }
    }
}
