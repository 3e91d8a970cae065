package dev.ocs.core.management;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.SessionState;

import java.util.List;

/**
 * An account as operators see it over JMX (an open type: records map to CompositeData).
 *
 * @param balance   money in minor units, reservations included
 * @param freeMoney money not held by reservations
 */
public record AccountView(String id, String status, List<String> subscribers, long balance, long freeMoney,
                          long heldMoney, List<BucketView> buckets, List<String> openSessions, long ledgerSeq) {

    /** A bucket: bytes left, when it expires (epoch ms), the rating groups it serves (all when empty). */
    public record BucketView(long id, String name, long remainingBytes, long expiresAt, List<Long> ratingGroups) {
    }

    static AccountView of(Account a) {
        return new AccountView(a.id(), a.status().name(), a.subscribers(), a.balance(), a.freeMoney(), a.heldMoney(),
                a.buckets().stream().map(AccountView::bucket).toList(),
                a.sessions().stream().filter(s -> !s.closed()).map(SessionState::sessionId).toList(), a.ledgerSeq());
    }

    private static BucketView bucket(Bucket b) {
        return new BucketView(b.id(), b.name(), b.remainingBytes(), b.expiresAt(), b.ratingGroups());
    }
}
