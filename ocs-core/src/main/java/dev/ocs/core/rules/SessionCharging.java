package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceSession;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SessionState;
import dev.ocs.core.rating.Tariff;

import java.util.ArrayList;
import java.util.List;

/**
 * The charging rules for one request on one account, as a pure function (DESIGN.md "Charging a
 * session"; RFC 4006 5.1-5.3, 3GPP TS 32.299 6.3). Runs inside the account's atomic operation.
 */
public final class SessionCharging {

    private enum Asks { GRANT, DENY, IGNORE }

    private SessionCharging() {
    }

    /** The snapshot path: the request applied to an immutable value (tests, tools). */
    public static Transition<ChargingResult> charge(Account account, ChargingRequest request, long now,
                                                    ChargingPolicy policy) {
        if (account == null) {
            return Transition.unchanged(noAccount(request));
        }
        AccountState state = AccountState.of(account);
        ChargingResult result = charge(state, request, now, policy);
        return state.changed() ? new Transition<>(state.snapshot(), result) : Transition.unchanged(result);
    }

    /** The answer to a request for which no account exists. */
    public static ChargingResult noAccount(ChargingRequest request) {
        boolean named = request instanceof ChargingRequest.Initial || request instanceof ChargingRequest.Event;
        return ChargingResult.of(named ? ResultStatus.USER_UNKNOWN : ResultStatus.UNKNOWN_SESSION, "no account");
    }

    /**
     * Applies the request to the account where it lives: all of it, or (should a rule fail) none of it.
     * {@link AccountState#changed()} tells afterwards whether anything changed.
     */
    public static ChargingResult charge(AccountState state, ChargingRequest request, long now, ChargingPolicy policy) {
        for (ServiceUsage u : request.services()) {
            if (u.usedBytes() > policy.maxReportBytes()) { // refused before anything changes
                state.unchanged();
                return ChargingResult.of(ResultStatus.INVALID_REQUEST, "rating group " + u.ratingGroup()
                        + " reports " + u.usedBytes() + " octets, more than the " + policy.maxReportBytes() + " one report may");
            }
        }
        return state.change(now, policy, d -> {
            Housekeeping.run(d, policy);
            SessionState existing = d.session(request.sessionId());
            if (existing != null && existing.requestNumber() == request.requestNumber()) {
                return existing.lastResult(); // a retransmission: the same answer, nothing charged again
            }
            return switch (request) {
                case ChargingRequest.Initial i -> initial(d, i, existing, policy);
                case ChargingRequest.Update u -> update(d, u, existing, policy);
                case ChargingRequest.Terminate t -> terminate(d, t, existing, policy);
                case ChargingRequest.Event e -> existing != null && !existing.closed()
                        ? ChargingResult.of(ResultStatus.INVALID_REQUEST, "session " + e.sessionId() + " is open")
                        : EventCharging.event(d, e, policy);
            };
        });
    }

    private static ChargingResult initial(AccountState d, ChargingRequest.Initial req, SessionState existing,
                                          ChargingPolicy policy) {
        if (existing != null) {
            return ChargingResult.of(ResultStatus.INVALID_REQUEST, "session " + req.sessionId() + " already exists");
        }
        if (d.status == AccountStatus.BARRED) {
            return denied(req.services(), d);
        }
        d.putSession(new SessionState(req.sessionId(), req.requestNumber(), ChargingResult.of(ResultStatus.SUCCESS, ""),
                List.of(), policy.sessionDeadline(d.now()), 0, req.gatewayHost(), req.gatewayRealm()));
        List<ServiceResult> results = services(d, req.sessionId(), req.services(), Asks.GRANT, policy);
        ResultStatus status = ChargingResult.overall(results);
        ChargingResult result = new ChargingResult(status, "", results, d.freeMoney());
        SessionState s = d.session(req.sessionId());
        SessionState answered = s.with(req.requestNumber(), result, s.services(), policy.sessionDeadline(d.now()), 0);
        d.putSession(status == ResultStatus.SUCCESS ? answered : close(d, answered));
        return result;
    }

    private static ChargingResult update(AccountState d, ChargingRequest.Update req, SessionState existing,
                                         ChargingPolicy policy) {
        ChargingResult refused = refuseFollowUp(req, existing);
        if (refused != null) {
            return refused;
        }
        boolean barred = d.status == AccountStatus.BARRED;
        List<ServiceResult> results = services(d, req.sessionId(), req.services(), barred ? Asks.DENY : Asks.GRANT, policy);
        if (barred) {
            releaseAll(d, req.sessionId());
        }
        ResultStatus overall = ChargingResult.overall(results);
        // out of credit in an update is said per service (4012 in each MSCC) under a top-level success: the
        // session stays open at the gateway, to be re-authorised (RAR) once credit is back (TS 32.299)
        ResultStatus status = barred ? ResultStatus.SERVICE_DENIED
                : overall == ResultStatus.CREDIT_LIMIT_REACHED ? ResultStatus.SUCCESS : overall;
        ChargingResult result = new ChargingResult(status, barred ? "account barred" : "", results, d.freeMoney());
        SessionState s = d.session(req.sessionId());
        d.putSession(s.with(req.requestNumber(), result, s.services(), policy.sessionDeadline(d.now()), 0));
        return result;
    }

    private static ChargingResult terminate(AccountState d, ChargingRequest.Terminate req, SessionState existing,
                                            ChargingPolicy policy) {
        ChargingResult refused = refuseFollowUp(req, existing);
        if (refused != null) {
            return refused;
        }
        List<ServiceResult> results = services(d, req.sessionId(), req.services(), Asks.IGNORE, policy);
        releaseAll(d, req.sessionId());
        ChargingResult result = new ChargingResult(ResultStatus.SUCCESS, "", results, d.freeMoney());
        SessionState s = d.session(req.sessionId());
        d.putSession(close(d, s.with(req.requestNumber(), result, s.services(), s.expiresAt(), 0)));
        return result;
    }

    private static ChargingResult refuseFollowUp(ChargingRequest req, SessionState existing) {
        if (existing == null || existing.closed()) {
            return ChargingResult.of(ResultStatus.UNKNOWN_SESSION, "no open session " + req.sessionId());
        }
        if (req.requestNumber() < existing.requestNumber()) {
            return ChargingResult.of(ResultStatus.OUT_OF_SEQUENCE, "request number " + req.requestNumber()
                    + " is older than " + existing.requestNumber());
        }
        return null;
    }

    /** Commits what each service reports, then reserves anew where units are asked for. */
    private static List<ServiceResult> services(AccountState d, String sessionId, List<ServiceUsage> usages, Asks asks,
                                                ChargingPolicy policy) {
        List<ServiceResult> results = new ArrayList<>(usages.size());
        for (ServiceUsage u : usages) {
            long rg = u.ratingGroup();
            Tariff tariff = policy.tariffs().find(rg);
            ServiceSession ss = d.session(sessionId).service(rg);
            if (ss == null) {
                ss = ServiceSession.open(rg, u.serviceId());
            }
            if (ss.holdsReservation() || u.usedBytes() > 0) {
                ss = ServiceRating.commit(d, sessionId, ss, u.usedBytes(), tariff, policy);
            }
            d.replaceService(sessionId, ss);
            if (!u.quotaRequested() || asks == Asks.IGNORE) {
                results.add(ServiceResult.of(rg, u.serviceId(), ServiceStatus.ACCEPTED));
            } else if (asks == Asks.DENY) {
                results.add(ServiceResult.of(rg, u.serviceId(), ServiceStatus.SERVICE_DENIED));
            } else {
                ServiceRating.Grant g = ServiceRating.reserve(d, ss, u.requestedBytes(), tariff, policy);
                d.replaceService(sessionId, g.service());
                ServiceResult r = g.result();
                results.add(u.serviceId() == r.serviceId() ? r : new ServiceResult(r.ratingGroup(), u.serviceId(),
                        r.status(), r.grantedBytes(), r.validitySeconds(), r.finalUnits(), r.cost()));
            }
        }
        return results;
    }

    private static void releaseAll(AccountState d, String sessionId) {
        for (ServiceSession ss : d.session(sessionId).services()) {
            if (ss.holdsReservation()) {
                d.replaceService(sessionId, ss.released());
            }
        }
    }

    private static SessionState close(AccountState d, SessionState s) {
        return Housekeeping.close(s, d.now());
    }

    static ChargingResult denied(List<ServiceUsage> usages, AccountState d) {
        List<ServiceResult> results = usages.stream()
                .map(u -> ServiceResult.of(u.ratingGroup(), u.serviceId(), ServiceStatus.SERVICE_DENIED)).toList();
        return new ChargingResult(ResultStatus.SERVICE_DENIED, "account barred", results, d.freeMoney());
    }
}
