package dev.ocs.core.rules;

import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.EventAction;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.rating.Tariff;

import java.util.ArrayList;
import java.util.List;

/**
 * One-time event charging without reservation (RFC 4006 5.4 immediate event charging; 6.3-6.4
 * refund, balance check and price enquiry). A refund gives back at most what earlier direct debits
 * took in money, so no gateway can mint credit.
 */
final class EventCharging {

    private EventCharging() {
    }

    /** @param existing the closed session of the same Session-Id the account still holds, or {@code null} */
    static ChargingResult event(AccountState d, ChargingRequest.Event req, SessionSlot existing, ChargingPolicy policy) {
        if (d.status == AccountStatus.BARRED) {
            return SessionCharging.denied(req.services(), d);
        }
        List<ServiceResult> results = new ArrayList<>(req.services().size());
        for (ServiceUsage u : req.services()) {
            results.add(one(d, req, u, policy));
        }
        ChargingResult result = new ChargingResult(ChargingResult.overall(results), "", results, d.freeMoney());
        if (req.action() == EventAction.DIRECT_DEBITING || req.action() == EventAction.REFUND_ACCOUNT) {
            // kept (closed) so that a retransmission is answered alike and not charged again
            SessionSlot s = existing != null ? existing
                    : d.openSession(req.sessionId(), req.requestNumber(), d.now(), d.now(), "", "");
            s.requestNumber = req.requestNumber();
            s.expiresAt = d.now();
            s.closedAt = d.now();
            s.answered(result);
            d.markChanged();
        }
        return result;
    }

    private static ServiceResult one(AccountState d, ChargingRequest.Event req, ServiceUsage u, ChargingPolicy policy) {
        long rg = u.ratingGroup();
        long sid = u.serviceId();
        long units = u.requestedBytes() > 0 ? u.requestedBytes() : u.usedBytes();
        Tariff tariff = policy.tariffs().find(rg);
        if (tariff == null) {
            return ServiceResult.of(rg, sid, ServiceStatus.RATING_FAILED);
        }
        if (tariff instanceof Tariff.Blocked) {
            return ServiceResult.of(rg, sid, ServiceStatus.SERVICE_DENIED);
        }
        if (units == 0 && req.action() != EventAction.CHECK_BALANCE) {
            return ServiceResult.of(rg, sid, ServiceStatus.INVALID);
        }
        Tariff.Priced priced = tariff instanceof Tariff.Priced p ? p : null;
        return switch (req.action()) {
            case DIRECT_DEBITING -> debit(d, req.sessionId(), rg, sid, units, priced);
            case REFUND_ACCOUNT -> refund(d, req.sessionId(), rg, sid, units, priced);
            case CHECK_BALANCE -> check(d, rg, sid, units, priced);
            case PRICE_ENQUIRY -> granted(rg, sid, units, priced == null ? 0 : priced.cost(units));
        };
    }

    private static ServiceResult debit(AccountState d, String sessionId, long rg, long sid, long units,
                                       Tariff.Priced priced) {
        if (priced == null) {
            d.record(LedgerType.EVENT_DEBIT, sessionId, rg, units, 0, 0, sessionId);
            return granted(rg, sid, units, 0);
        }
        List<Bucket> usable = priced.timed() ? List.of() : d.usableBuckets(rg); // buckets hold octets
        long fromBuckets = 0;
        for (Bucket b : usable) {
            fromBuckets += Math.min(d.freeBucketBytes(b), units - fromBuckets);
        }
        long cost = priced.cost(units - fromBuckets);
        if (cost > d.freeMoney()) {
            return ServiceResult.of(rg, sid, ServiceStatus.CREDIT_LIMIT_REACHED);
        }
        long left = fromBuckets;
        for (Bucket b : usable) {
            long take = Math.min(d.freeBucketBytes(b), left);
            if (take > 0) {
                d.debitBucket(b.id(), take);
                left -= take;
            }
        }
        d.debitMoney(cost);
        d.refundable += cost;
        d.record(LedgerType.EVENT_DEBIT, sessionId, rg, units, -cost, -fromBuckets, sessionId);
        return granted(rg, sid, units, cost);
    }

    private static ServiceResult refund(AccountState d, String sessionId, long rg, long sid, long units,
                                        Tariff.Priced priced) {
        long amount = priced == null ? 0 : priced.cost(units);
        if (amount > d.refundable) {
            return ServiceResult.of(rg, sid, ServiceStatus.INVALID);
        }
        if (amount > 0) {
            d.creditMoney(amount);
            d.refundable -= amount;
            d.record(LedgerType.REFUND, sessionId, rg, units, amount, 0, sessionId);
        }
        return granted(rg, sid, units, amount);
    }

    private static ServiceResult check(AccountState d, long rg, long sid, long units, Tariff.Priced priced) {
        long covered = d.freeBucketBytes(rg);
        covered = ServiceRating.saturatingAdd(covered, priced == null ? Long.MAX_VALUE : priced.bytesCovered(d.freeMoney()));
        boolean ok = units == 0 ? covered > 0 : covered >= units;
        return ok ? granted(rg, sid, units, priced == null || units == 0 ? 0 : priced.cost(units))
                : ServiceResult.of(rg, sid, ServiceStatus.CREDIT_LIMIT_REACHED);
    }

    private static ServiceResult granted(long rg, long sid, long units, long cost) {
        return new ServiceResult(rg, sid, ServiceStatus.GRANTED, units, 0, false, cost);
    }
}
