package dev.ocs.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * A credit-control session as the account holding it knows it: the services (rating groups) it
 * reserves for, the last request number answered and that answer (so a retransmission is answered
 * alike and charged once), and the deadline after which the sweeper releases what it holds.
 * A closed session ({@code closedAt > 0}) holds nothing and is kept only to answer retransmissions.
 */
public record SessionState(String sessionId, long requestNumber, ChargingResult lastResult,
                           List<ServiceSession> services, long expiresAt, long closedAt) {

    public SessionState {
        Objects.requireNonNull(sessionId, "session id");
        Objects.requireNonNull(lastResult, "last result");
        services = List.copyOf(services);
    }

    public boolean closed() {
        return closedAt > 0;
    }

    public ServiceSession service(long ratingGroup) {
        for (ServiceSession s : services) {
            if (s.ratingGroup() == ratingGroup) {
                return s;
            }
        }
        return null;
    }

    public long moneyHeld() {
        long sum = 0;
        for (ServiceSession s : services) {
            sum += s.moneyHeld();
        }
        return sum;
    }
}
