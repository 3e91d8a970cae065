package dev.ocs.core.rules;

import dev.ocs.core.domain.BucketHold;
import dev.ocs.core.domain.ServiceSession;

import java.util.ArrayList;
import java.util.List;

/**
 * One rating group of a session as the account holds it: the fields of {@link ServiceSession}, changed
 * in place by the rules ({@link ServiceRating}) on the account's partition thread. A charge stores only
 * numbers here, never a new object, so an account that lives in the old generation gains no reference
 * to a young object per request (what made every young collection copy the last session states).
 * The bucket holds are pairs (bucket id, bytes) in one array, kept between grants.
 */
public final class ServiceSlot {

    private static final long[] NO_HOLDS = new long[0];

    long ratingGroup;
    long serviceId;
    long grantedBytes;
    long[] holds = NO_HOLDS; // bucket id, bytes, bucket id, bytes, ...
    int holdCount;
    long moneyBytes;
    long moneyHeld;
    long usedBytes;
    long moneyUsedBytes;
    long moneyCharged;
    long overuseBytes;

    ServiceSlot(long ratingGroup, long serviceId) {
        this.ratingGroup = ratingGroup;
        this.serviceId = serviceId;
    }

    /** Becomes a new rating group's slot (one a closed session gave up): all zero, the holds' array kept. */
    void reset(long ratingGroup, long serviceId) {
        this.ratingGroup = ratingGroup;
        this.serviceId = serviceId;
        grantedBytes = 0;
        holdCount = 0;
        moneyBytes = 0;
        moneyHeld = 0;
        usedBytes = 0;
        moneyUsedBytes = 0;
        moneyCharged = 0;
        overuseBytes = 0;
    }

    static ServiceSlot of(ServiceSession s) {
        ServiceSlot slot = new ServiceSlot(s.ratingGroup(), s.serviceId());
        slot.grantedBytes = s.grantedBytes();
        for (BucketHold h : s.holds()) {
            slot.hold(h.bucketId(), h.bytes());
        }
        slot.moneyBytes = s.moneyBytes();
        slot.moneyHeld = s.moneyHeld();
        slot.usedBytes = s.usedBytes();
        slot.moneyUsedBytes = s.moneyUsedBytes();
        slot.moneyCharged = s.moneyCharged();
        slot.overuseBytes = s.overuseBytes();
        return slot;
    }

    /** The immutable value of this service now. */
    ServiceSession value() {
        List<BucketHold> h = List.of();
        if (holdCount > 0) {
            ArrayList<BucketHold> list = new ArrayList<>(holdCount);
            for (int i = 0; i < holdCount; i++) {
                list.add(new BucketHold(holdBucket(i), holdBytes(i)));
            }
            h = list;
        }
        return new ServiceSession(ratingGroup, serviceId, grantedBytes, h, moneyBytes, moneyHeld, usedBytes,
                moneyUsedBytes, moneyCharged, overuseBytes);
    }

    public long ratingGroup() {
        return ratingGroup;
    }

    public long serviceId() {
        return serviceId;
    }

    public long grantedBytes() {
        return grantedBytes;
    }

    public int holdCount() {
        return holdCount;
    }

    public long holdBucket(int i) {
        return holds[2 * i];
    }

    public long holdBytes(int i) {
        return holds[2 * i + 1];
    }

    public long moneyBytes() {
        return moneyBytes;
    }

    public long moneyHeld() {
        return moneyHeld;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long moneyUsedBytes() {
        return moneyUsedBytes;
    }

    public long moneyCharged() {
        return moneyCharged;
    }

    public long overuseBytes() {
        return overuseBytes;
    }

    boolean holdsReservation() {
        return grantedBytes > 0;
    }

    long heldFrom(long bucketId) {
        long sum = 0;
        for (int i = 0; i < holdCount; i++) {
            if (holds[2 * i] == bucketId) {
                sum += holds[2 * i + 1];
            }
        }
        return sum;
    }

    void hold(long bucketId, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a bucket hold must be > 0 bytes");
        }
        if (holds.length < 2 * (holdCount + 1)) {
            holds = java.util.Arrays.copyOf(holds, Math.max(4, 2 * holds.length));
        }
        holds[2 * holdCount] = bucketId;
        holds[2 * holdCount + 1] = bytes;
        holdCount++;
    }

    /** Gives back the current reservation; the usage totals stay. */
    void release() {
        grantedBytes = 0;
        holdCount = 0;
        moneyBytes = 0;
        moneyHeld = 0;
    }

    /** Takes every field of {@code other} (a checkpoint's copy, or the copy being made). */
    void copyFrom(ServiceSlot other) {
        ratingGroup = other.ratingGroup;
        serviceId = other.serviceId;
        grantedBytes = other.grantedBytes;
        if (holds.length < 2 * other.holdCount) {
            holds = new long[other.holds.length];
        }
        System.arraycopy(other.holds, 0, holds, 0, 2 * other.holdCount);
        holdCount = other.holdCount;
        moneyBytes = other.moneyBytes;
        moneyHeld = other.moneyHeld;
        usedBytes = other.usedBytes;
        moneyUsedBytes = other.moneyUsedBytes;
        moneyCharged = other.moneyCharged;
        overuseBytes = other.overuseBytes;
    }
}
