package dev.ocs.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * Prepaid data allowance: {@code remainingBytes} usable until {@code expiresAt} (epoch ms) for the
 * listed rating groups, or for every rating group when the list is empty. Buckets are spent before
 * money, earliest expiry first. Bytes held by open reservations are not subtracted here: they are
 * derived from the sessions that hold them.
 */
public record Bucket(long id, String name, long remainingBytes, long expiresAt, List<Long> ratingGroups) {

    /** Bytes left in all of {@code buckets}. */
    public static long remaining(List<Bucket> buckets) {
        long sum = 0;
        for (Bucket b : buckets) {
            sum += b.remainingBytes();
        }
        return sum;
    }

    public Bucket {
        Objects.requireNonNull(name, "bucket name");
        if (remainingBytes < 0) {
            throw new IllegalArgumentException("bucket remaining bytes must be >= 0");
        }
        ratingGroups = List.copyOf(ratingGroups);
    }

    public boolean appliesTo(long ratingGroup) {
        return ratingGroups.isEmpty() || ratingGroups.contains(ratingGroup);
    }

    public boolean expiredAt(long now) {
        return now >= expiresAt;
    }

    public Bucket withRemaining(long bytes) {
        return new Bucket(id, name, bytes, expiresAt, ratingGroups);
    }
}
