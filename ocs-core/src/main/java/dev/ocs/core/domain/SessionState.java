package dev.ocs.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * A credit-control session as the account holding it knows it: the services (rating groups) it
 * reserves for, the last request number answered and that answer (so a retransmission is answered
 * alike and charged once), and the deadline after which the sweeper releases what it holds.
 * A closed session ({@code closedAt > 0}) holds nothing and is kept only to answer retransmissions.
 * The gateway that opened it (its Origin-Host and Origin-Realm, "" when not known) is where a
 * re-authorisation or an abort is sent.
 */
public record SessionState(String sessionId, long requestNumber, ChargingResult lastResult,
                           List<ServiceSession> services, long expiresAt, long closedAt,
                           String gatewayHost, String gatewayRealm) {

    public SessionState {
        Objects.requireNonNull(sessionId, "session id");
        Objects.requireNonNull(lastResult, "last result");
        services = List.copyOf(services);
        gatewayHost = gatewayHost == null ? "" : gatewayHost;
        gatewayRealm = gatewayRealm == null ? "" : gatewayRealm;
    }

    /** A session whose gateway is not known (events, tests). */
    public SessionState(String sessionId, long requestNumber, ChargingResult lastResult, List<ServiceSession> services,
                        long expiresAt, long closedAt) {
        this(sessionId, requestNumber, lastResult, services, expiresAt, closedAt, "", "");
    }

    /** The same session with another answer, services, deadline or close time; the gateway stays. */
    public SessionState with(long requestNumber, ChargingResult lastResult, List<ServiceSession> services, long expiresAt,
                             long closedAt) {
        return new SessionState(sessionId, requestNumber, lastResult, services, expiresAt, closedAt, gatewayHost, gatewayRealm);
    }

    /**
     * Whether the gateway was told there is no more credit here (a 4012 or final units in the last
     * answer): such a session is re-authorised when credit comes back.
     */
    public boolean waitingForCredit() {
        if (closed()) {
            return false;
        }
        for (ServiceResult r : lastResult.services()) {
            if (r.status() == ServiceStatus.CREDIT_LIMIT_REACHED || r.finalUnits()) {
                return true;
            }
        }
        return lastResult.status() == ResultStatus.CREDIT_LIMIT_REACHED;
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
