package dev.ocs.core.rules;

import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.rating.Tariff;

/**
 * Reserve, commit and release for one rating group of one session (RFC 4006 5.1.2 session based
 * credit control with reservation; 3GPP TS 32.299 6.3.2/6.3.3). Buckets are spent before money,
 * earliest expiry first; money is rated cumulatively over the session so that block round-up is
 * paid once, not on every report.
 */
final class ServiceRating {

    private ServiceRating() {
    }

    /**
     * Debits {@code usedBytes} from what the service holds, gives back the rest of its reservation, and
     * charges usage beyond the reservation (overuse) up to the policy's tolerance and as far as the
     * account covers it. What lies beyond the tolerance, and what the account cannot cover, is recorded
     * as overuse and not billed. {@code service} is one of the account's own, changed in place.
     */
    static void commit(AccountState d, String sessionId, ServiceSlot service, long usedBytes, Tariff tariff,
                       ChargingPolicy policy) {
        long granted = service.grantedBytes();
        long remaining = usedBytes;
        long bucketTaken = 0;
        for (int i = 0; i < service.holdCount(); i++) {
            long take = Math.min(service.holdBytes(i), remaining);
            if (take > 0) {
                d.debitBucket(service.holdBucket(i), take);
                bucketTaken += take;
                remaining -= take;
            }
        }
        long moneyPart = Math.min(remaining, service.moneyBytes());
        remaining -= moneyPart;
        // beyond the reservation, only the tolerance is billable: a report of 2^40 octets after a 1 MiB
        // grant must not drain the account
        boolean timed = tariff instanceof Tariff.Priced p && p.timed();
        long unbilled = Math.max(0, remaining - policy.overuseAllowance(granted, timed));
        remaining -= unbilled;
        // what the reservation held is free again from here on
        service.release();
        d.markChanged();
        if (usedBytes == 0) {
            return;
        }
        if (tariff instanceof Tariff.ZeroRated) {
            d.record(LedgerType.USAGE, sessionId, service.ratingGroup(), usedBytes, 0, 0, "");
            service.usedBytes = saturatingAdd(service.usedBytes, usedBytes);
            return;
        }

        // overuse: first free bucket bytes, then money
        long overBucket = 0;
        if (remaining > 0 && !timed) { // buckets hold octets
            for (Bucket b : d.usableBuckets(service.ratingGroup())) {
                long take = Math.min(d.freeBucketBytes(b), remaining);
                if (take > 0) {
                    d.debitBucket(b.id(), take);
                    overBucket += take;
                    remaining -= take;
                }
                if (remaining == 0) {
                    break;
                }
            }
        }
        long charged = service.moneyCharged();
        long newMoneyUsed = service.moneyUsedBytes() + moneyPart;
        long uncovered = 0;
        long charge = 0;
        if (tariff instanceof Tariff.Priced priced) {
            long wanted = newMoneyUsed + remaining;
            long affordableTotal = priced.bytesCovered(saturatingAdd(charged, d.freeMoney()));
            newMoneyUsed = Math.min(wanted, Math.max(affordableTotal, newMoneyUsed));
            uncovered = wanted - newMoneyUsed;
            charge = priced.cost(newMoneyUsed) - charged;
        } else {
            uncovered = remaining; // blocked or unrated: nothing beyond the reservation can be paid
        }
        if (charge > 0) {
            d.debitMoney(charge);
        }
        long bucketBytes = bucketTaken + overBucket;
        long chargedVolume = usedBytes - uncovered - unbilled;
        if (chargedVolume > 0 || charge > 0) {
            d.record(LedgerType.USAGE, sessionId, service.ratingGroup(), chargedVolume, -charge, -bucketBytes, "");
        }
        if (uncovered > 0) {
            d.record(LedgerType.OVERUSE, sessionId, service.ratingGroup(), uncovered, 0, 0, "not covered by the account");
        }
        if (unbilled > 0) {
            d.record(LedgerType.UNBILLED_OVERUSE, sessionId, service.ratingGroup(), unbilled, 0, 0,
                    "beyond the tolerance of " + policy.overuseAllowance(granted, timed) + " over a grant of " + granted);
        }
        service.usedBytes = saturatingAdd(service.usedBytes, usedBytes);
        service.moneyUsedBytes = newMoneyUsed;
        service.moneyCharged = charged + charge;
        service.overuseBytes = saturatingAdd(service.overuseBytes, saturatingAdd(uncovered, unbilled));
    }

    /**
     * Reserves up to {@code requestedBytes} (0: the configured quota), never more than the quota size
     * and never more than the account covers, into {@code service} (which holds nothing yet). Marks the
     * grant final when nothing more could be covered.
     *
     * @return what to answer for the rating group
     */
    static ServiceResult reserve(AccountState d, ServiceSlot service, long requestedBytes, Tariff tariff,
                                 ChargingPolicy policy) {
        long rg = service.ratingGroup();
        long sid = service.serviceId();
        if (tariff == null) {
            return ServiceResult.of(rg, sid, ServiceStatus.RATING_FAILED);
        }
        if (tariff instanceof Tariff.Blocked) {
            return ServiceResult.of(rg, sid, ServiceStatus.SERVICE_DENIED);
        }
        if (service.holdsReservation()) {
            throw new IllegalStateException("rating group " + rg + " still holds " + service.grantedBytes() + " octets");
        }
        long quota = tariff instanceof Tariff.Priced p && p.quota() > 0 ? p.quota() : policy.quotaBytes();
        long target = requestedBytes > 0 ? Math.min(requestedBytes, quota) : quota;
        if (tariff instanceof Tariff.ZeroRated) {
            service.grantedBytes = target;
            d.markChanged();
            return new ServiceResult(rg, sid, ServiceStatus.GRANTED, target, policy.validitySeconds(), false, 0);
        }
        Tariff.Priced priced = (Tariff.Priced) tariff;
        long need = target;
        long bucketLeft = 0;
        if (!priced.timed()) { // buckets hold octets
            for (Bucket b : d.usableBuckets(rg)) {
                long free = d.freeBucketBytes(b);
                long take = Math.min(free, need);
                if (take > 0) {
                    service.hold(b.id(), take);
                    need -= take;
                }
                bucketLeft += free - take;
            }
        }
        long used = service.moneyUsedBytes();
        long charged = service.moneyCharged();
        long affordableTotal = priced.bytesCovered(saturatingAdd(charged, d.freeMoney()));
        long affordable = Math.max(0, affordableTotal - used);
        long moneyBytes = Math.min(need, affordable);
        long moneyHeld = moneyBytes > 0 ? priced.cost(used + moneyBytes) - charged : 0;
        long granted = target - need + moneyBytes;
        if (granted == 0) {
            return ServiceResult.of(rg, sid, ServiceStatus.CREDIT_LIMIT_REACHED);
        }
        boolean finalUnits = bucketLeft == 0 && affordable - moneyBytes == 0;
        service.grantedBytes = granted;
        service.moneyBytes = moneyBytes;
        service.moneyHeld = moneyHeld;
        d.markChanged();
        return new ServiceResult(rg, sid, ServiceStatus.GRANTED, granted, policy.validitySeconds(), finalUnits, moneyHeld);
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
