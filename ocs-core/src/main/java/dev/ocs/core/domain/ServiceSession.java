package dev.ocs.core.domain;

import java.util.List;

/**
 * One rating group inside a credit-control session: the reservation currently held for it and the
 * running usage totals that make the session's rating cumulative (a session is charged
 * {@code cost(all bytes paid with money)}, not the sum of per-report round-ups).
 *
 * @param holds           bucket bytes reserved by the current grant, in consumption order
 * @param moneyBytes      bytes of the current grant that money pays for
 * @param moneyHeld       minor units reserved for {@code moneyBytes}
 * @param usedBytes       every byte reported used so far in this session for this rating group
 * @param moneyUsedBytes  the part of {@code usedBytes} paid with money
 * @param moneyCharged    minor units debited so far; always {@code cost(moneyUsedBytes)}
 * @param overuseBytes    bytes used beyond what the account could cover (never charged)
 */
public record ServiceSession(long ratingGroup, long serviceId, long grantedBytes, List<BucketHold> holds,
                             long moneyBytes, long moneyHeld, long usedBytes, long moneyUsedBytes,
                             long moneyCharged, long overuseBytes) {

    public ServiceSession {
        holds = List.copyOf(holds);
    }

    public static ServiceSession open(long ratingGroup, long serviceId) {
        return new ServiceSession(ratingGroup, serviceId, 0, List.of(), 0, 0, 0, 0, 0, 0);
    }

    public boolean holdsReservation() {
        return grantedBytes > 0;
    }

    public long heldFrom(long bucketId) {
        long sum = 0;
        for (BucketHold h : holds) {
            if (h.bucketId() == bucketId) {
                sum += h.bytes();
            }
        }
        return sum;
    }

    public ServiceSession released() {
        return new ServiceSession(ratingGroup, serviceId, 0, List.of(), 0, 0, usedBytes, moneyUsedBytes,
                moneyCharged, overuseBytes);
    }
}
