package dev.ocs.core.domain;

/** Bytes of one bucket reserved by a grant. */
public record BucketHold(long bucketId, long bytes) {

    public BucketHold {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a bucket hold must be > 0 bytes");
        }
    }
}
