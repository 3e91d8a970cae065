package dev.ocs.core.rules;

import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.LedgerType;

import java.util.ArrayList;
import java.util.List;

/**
 * Time-driven changes of an account, applied before every operation on it and by the sweeper:
 * sessions silent past validity + grace lose their reservations (RFC 4006 5.6.3: a dead client must
 * not hold credit), expired buckets are written off, and closed sessions are forgotten once no
 * retransmission can arrive for them any more.
 */
final class Housekeeping {

    private Housekeeping() {
    }

    /**
     * @return the ids of sessions closed because they expired. Allocates nothing when there is nothing
     * to do (it runs before every request on the account).
     */
    static List<String> run(AccountState d, ChargingPolicy policy) {
        long now = d.now();
        List<String> expired = List.of();
        for (int i = 0; i < d.sessions.size(); i++) {
            SessionSlot s = d.sessions.get(i);
            if (!s.closed() && s.expiresAt() <= now) {
                for (int j = 0; j < s.serviceCount(); j++) {
                    ServiceSlot ss = s.service(j);
                    if (ss.holdsReservation()) {
                        d.record(LedgerType.RESERVATION_EXPIRED, s.sessionId(), ss.ratingGroup(), ss.grantedBytes(),
                                0, 0, "released " + ss.moneyHeld() + " after validity + grace");
                    }
                }
                s.close(now);
                d.markChanged();
                if (expired.isEmpty()) {
                    expired = new ArrayList<>(2);
                }
                expired.add(s.sessionId());
            }
        }
        long window = policy.retransmissionWindowSeconds() * 1000L;
        int closedCount = 0;
        for (int i = d.sessions.size() - 1; i >= 0; i--) {
            SessionSlot s = d.sessions.get(i);
            if (s.closed()) {
                if (s.closedAt() + window <= now) {
                    d.removeSession(i);
                } else {
                    closedCount++;
                }
            }
        }
        for (; closedCount > policy.maxClosedSessions(); closedCount--) {
            int oldest = -1;
            for (int i = 0; i < d.sessions.size(); i++) {
                SessionSlot s = d.sessions.get(i);
                if (s.closed() && (oldest < 0 || s.closedAt() < d.sessions.get(oldest).closedAt())) {
                    oldest = i;
                }
            }
            d.removeSession(oldest);
        }
        for (int i = 0; i < d.buckets.size(); ) {
            Bucket b = d.buckets.get(i);
            if (b.expiredAt(now) && d.heldFromBucket(b.id()) == 0) {
                d.removeBucket(b);
                d.record(LedgerType.BUCKET_EXPIRED, "", -1, 0, 0, -b.remainingBytes(),
                        "bucket " + b.id() + " " + b.name() + " expired");
            } else {
                i++;
            }
        }
        return expired;
    }
}
