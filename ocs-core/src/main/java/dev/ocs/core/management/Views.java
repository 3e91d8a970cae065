package dev.ocs.core.management;

import dev.ocs.api.AccountView;
import dev.ocs.api.LedgerView;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.SessionState;

/** The core's values as the operator API's views. */
final class Views {

    private Views() {
    }

    static AccountView account(Account a) {
        return new AccountView(a.id(), a.status().name(), a.subscribers(), a.balance(), a.freeMoney(), a.heldMoney(),
                a.buckets().stream().map(Views::bucket).toList(),
                a.sessions().stream().filter(s -> !s.closed()).map(SessionState::sessionId).toList(), a.ledgerSeq());
    }

    static LedgerView ledger(LedgerRecord r) {
        return new LedgerView(r.seq(), r.time(), r.type().name(), r.sessionId(), r.ratingGroup(), r.volumeBytes(),
                r.money(), r.bucketBytes(), r.balanceAfter(), r.reference());
    }

    private static AccountView.BucketView bucket(Bucket b) {
        return new AccountView.BucketView(b.id(), b.name(), b.remainingBytes(), b.expiresAt(), b.ratingGroups());
    }
}
