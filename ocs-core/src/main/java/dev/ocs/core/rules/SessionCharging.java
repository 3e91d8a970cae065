package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.ServiceUsage;
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
            SessionSlot existing = d.session(request.sessionId());
            if (existing != null && existing.requestNumber() == request.requestNumber()) {
                return existing.lastResult(); // a retransmission: the same answer, nothing charged again
            }
            return switch (request) {
                case ChargingRequest.Initial i -> initial(d, i, existing, policy);
                case ChargingRequest.Update u -> update(d, u, existing, policy);
                case ChargingRequest.Terminate t -> terminate(d, t, existing, policy);
                case ChargingRequest.Event e -> existing != null && !existing.closed()
                        ? ChargingResult.of(ResultStatus.INVALID_REQUEST, "session " + e.sessionId() + " is open")
                        : EventCharging.event(d, e, existing, policy);
            };
        });
    }

    private static ChargingResult initial(AccountState d, ChargingRequest.Initial req, SessionSlot existing,
                                          ChargingPolicy policy) {
        if (existing != null) {
            return ChargingResult.of(ResultStatus.INVALID_REQUEST, "session " + req.sessionId() + " already exists");
        }
        if (d.status == AccountStatus.BARRED) {
            return denied(req.services(), d);
        }
        SessionSlot s = d.openSession(req.sessionId(), req.requestNumber(), policy.sessionDeadline(d.now()), 0,
                req.gatewayHost(), req.gatewayRealm());
        List<ServiceResult> results = services(d, s, req.services(), Asks.GRANT, policy);
        ResultStatus status = ChargingResult.overall(results);
        ChargingResult result = new ChargingResult(status, "", results, d.freeMoney());
        answered(d, s, req.requestNumber(), result, policy.sessionDeadline(d.now()));
        if (status != ResultStatus.SUCCESS) {
            s.close(d.now());
        }
        return result;
    }

    private static ChargingResult update(AccountState d, ChargingRequest.Update req, SessionSlot existing,
                                         ChargingPolicy policy) {
        ChargingResult refused = refuseFollowUp(req, existing);
        if (refused != null) {
            return refused;
        }
        boolean barred = d.status == AccountStatus.BARRED;
        List<ServiceResult> results = services(d, existing, req.services(), barred ? Asks.DENY : Asks.GRANT, policy);
        if (barred) {
            releaseAll(existing);
        }
        ResultStatus overall = ChargingResult.overall(results);
        // out of credit in an update is said per service (4012 in each MSCC) under a top-level success: the
        // session stays open at the gateway, to be re-authorised (RAR) once credit is back (TS 32.299)
        ResultStatus status = barred ? ResultStatus.SERVICE_DENIED
                : overall == ResultStatus.CREDIT_LIMIT_REACHED ? ResultStatus.SUCCESS : overall;
        ChargingResult result = new ChargingResult(status, barred ? "account barred" : "", results, d.freeMoney());
        answered(d, existing, req.requestNumber(), result, policy.sessionDeadline(d.now()));
        return result;
    }

    private static ChargingResult terminate(AccountState d, ChargingRequest.Terminate req, SessionSlot existing,
                                            ChargingPolicy policy) {
        ChargingResult refused = refuseFollowUp(req, existing);
        if (refused != null) {
            return refused;
        }
        List<ServiceResult> results = services(d, existing, req.services(), Asks.IGNORE, policy);
        releaseAll(existing);
        ChargingResult result = new ChargingResult(ResultStatus.SUCCESS, "", results, d.freeMoney());
        answered(d, existing, req.requestNumber(), result, existing.expiresAt());
        existing.close(d.now());
        return result;
    }

    /** Keeps the answer in the session (as numbers), with its request number and next deadline. */
    private static void answered(AccountState d, SessionSlot s, long requestNumber, ChargingResult result, long expiresAt) {
        s.requestNumber = requestNumber;
        s.expiresAt = expiresAt;
        s.answered(result);
        d.markChanged();
    }

    private static ChargingResult refuseFollowUp(ChargingRequest req, SessionSlot existing) {
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
    private static List<ServiceResult> services(AccountState d, SessionSlot session, List<ServiceUsage> usages, Asks asks,
                                                ChargingPolicy policy) {
        List<ServiceResult> results = new ArrayList<>(usages.size());
        for (int i = 0; i < usages.size(); i++) {
            ServiceUsage u = usages.get(i);
            long rg = u.ratingGroup();
            Tariff tariff = policy.tariffs().find(rg);
            ServiceSlot ss = session.service(rg);
            if (ss == null) {
                ss = session.addService(rg, u.serviceId());
                d.markChanged();
            }
            if (ss.holdsReservation() || u.usedBytes() > 0) {
                ServiceRating.commit(d, session.sessionId(), ss, u.usedBytes(), tariff, policy);
            }
            if (!u.quotaRequested() || asks == Asks.IGNORE) {
                results.add(ServiceResult.of(rg, u.serviceId(), ServiceStatus.ACCEPTED));
            } else if (asks == Asks.DENY) {
                results.add(ServiceResult.of(rg, u.serviceId(), ServiceStatus.SERVICE_DENIED));
            } else {
                ServiceResult r = ServiceRating.reserve(d, ss, u.requestedBytes(), tariff, policy);
                results.add(u.serviceId() == r.serviceId() ? r : new ServiceResult(r.ratingGroup(), u.serviceId(),
                        r.status(), r.grantedBytes(), r.validitySeconds(), r.finalUnits(), r.cost()));
            }
        }
        return results;
    }

    private static void releaseAll(SessionSlot session) {
        for (int i = 0; i < session.serviceCount(); i++) {
            session.service(i).release();
        }
    }

    static ChargingResult denied(List<ServiceUsage> usages, AccountState d) {
        List<ServiceResult> results = usages.stream()
                .map(u -> ServiceResult.of(u.ratingGroup(), u.serviceId(), ServiceStatus.SERVICE_DENIED)).toList();
        return new ChargingResult(ResultStatus.SERVICE_DENIED, "account barred", results, d.freeMoney());
    }
}
