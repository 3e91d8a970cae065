package dev.ocs.api;

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
}
