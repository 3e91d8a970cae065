package dev.ocs.core.rules;

import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.ServiceSession;
import dev.ocs.core.domain.SessionState;

import java.util.ArrayList;
import java.util.Comparator;
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

    /** @return the ids of sessions closed because they expired */
    static List<String> run(AccountDraft d, ChargingPolicy policy) {
        long now = d.now();
        List<String> expired = List.of();
        for (SessionState s : List.copyOf(d.sessions)) {
            if (!s.closed() && s.expiresAt() <= now) {
                for (ServiceSession ss : s.services()) {
                    if (ss.holdsReservation()) {
                        d.record(LedgerType.RESERVATION_EXPIRED, s.sessionId(), ss.ratingGroup(), ss.grantedBytes(),
                                0, 0, "released " + ss.moneyHeld() + " after validity + grace");
                    }
                }
                d.putSession(close(s, now));
                if (expired.isEmpty()) {
                    expired = new ArrayList<>(2);
                }
                expired.add(s.sessionId());
            }
        }
        long window = policy.retransmissionWindowSeconds() * 1000L;
        if (d.sessions.removeIf(s -> s.closed() && s.closedAt() + window <= now)) {
            d.markChanged();
        }
        long closedCount = d.sessions.stream().filter(SessionState::closed).count();
        if (closedCount > policy.maxClosedSessions()) {
            List<SessionState> oldest = d.sessions.stream().filter(SessionState::closed)
                    .sorted(Comparator.comparingLong(SessionState::closedAt))
                    .limit(closedCount - policy.maxClosedSessions()).toList();
            d.sessions.removeAll(oldest);
            d.markChanged();
        }
        for (Bucket b : List.copyOf(d.buckets)) {
            if (b.expiredAt(now) && d.heldFromBucket(b.id()) == 0) {
                d.removeBucket(b);
                d.record(LedgerType.BUCKET_EXPIRED, "", -1, 0, 0, -b.remainingBytes(),
                        "bucket " + b.id() + " " + b.name() + " expired");
            }
        }
        return expired;
    }

    /** The session as kept after it ends: nothing held, only its last answer. */
    static SessionState close(SessionState s, long now) {
        return s.with(s.requestNumber(), s.lastResult(), List.of(), s.expiresAt(), now);
    }
}
