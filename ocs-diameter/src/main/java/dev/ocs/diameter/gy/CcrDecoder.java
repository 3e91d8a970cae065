package dev.ocs.diameter.gy;

import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.EventAction;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Credit-Control-Request (RFC 4006 3.1, TS 32.299 6.4.2) into a charging request. Only
 * translation happens here: a missing AVP gives 5005 and a malformed or out-of-range one 5004, each
 * naming the AVP; nothing is charged for such a request. A report of more octets than one report may
 * carry ({@code charging.max-report-bytes}), or octet counts whose sum overflows, is out of range too.
 */
public final class CcrDecoder {

    private static final long MAX_U32 = 0xFFFF_FFFFL;

    /**
     * Each session keeps its gateway's Origin-Host and Origin-Realm for the re-authorisation loop, and a
     * closed one for the retransmission window: the same few names, kept once instead of twice per session.
     */
    private final Canonical gatewayNames = new Canonical(1_024);

    private final long maxReportBytes;
    private final long singleServiceRatingGroup;
    private final java.util.Set<Long> timedGroups;

    /**
     * @param maxReportBytes           the most units one rating group's report may carry
     * @param singleServiceRatingGroup the rating group that charges units sent at command level (no MSCC); -1: none
     * @param timedGroups              rating groups priced per second: their units are CC-Time
     */
    public CcrDecoder(long maxReportBytes, long singleServiceRatingGroup, java.util.Set<Long> timedGroups) {
        this.maxReportBytes = maxReportBytes;
        this.singleServiceRatingGroup = singleServiceRatingGroup;
        this.timedGroups = java.util.Set.copyOf(timedGroups);
    }

    /** A protocol error while reading; carries what the answer must say. */
    private static final class Reject extends Exception {
        final long code;
        final int avpCode;
        final long vendor;
        final transient Avp avp;

        Reject(long code, int avpCode, long vendor, Avp avp, String message) {
            super(message, null, false, false);
            this.code = code;
            this.avpCode = avpCode;
            this.vendor = vendor;
            this.avp = avp;
        }
    }

    public DecodedCcr decode(Request ccr) {
        AvpSet avps = ccr.getAvps();
        int type = 0;
        long number = -1;
        try {
            supported(avps);
            String sessionId = utf8(required(avps, Avps.SESSION_ID), Avps.SESSION_ID);
            required(avps, Avps.AUTH_APPLICATION_ID);
            type = enumerated(required(avps, Avps.CC_REQUEST_TYPE));
            if (type < Avps.TYPE_INITIAL || type > Avps.TYPE_EVENT) {
                throw invalid(avps.getAvp(Avps.CC_REQUEST_TYPE), "CC-Request-Type " + type + " is not 1..4");
            }
            number = unsigned32(required(avps, Avps.CC_REQUEST_NUMBER));
            boolean single = avps.getAvps(Avps.MSCC).size() == 0
                    && (avps.getAvp(Avps.RSU) != null || avps.getAvp(Avps.USU) != null);
            List<ServiceUsage> services = single ? singleService(avps) : services(avps);
            ChargingRequest request = switch (type) {
                case Avps.TYPE_INITIAL -> new ChargingRequest.Initial(sessionId, number, subscriber(avps), services,
                        gatewayNames.canonical(identity(avps, Avps.ORIGIN_HOST)),
                        gatewayNames.canonical(identity(avps, Avps.ORIGIN_REALM)));
                case Avps.TYPE_UPDATE -> new ChargingRequest.Update(sessionId, number, services);
                case Avps.TYPE_TERMINATION -> new ChargingRequest.Terminate(sessionId, number, services);
                default -> new ChargingRequest.Event(sessionId, number, subscriber(avps), action(avps), services);
            };
            return new DecodedCcr.Valid(request, type, number, single);
        } catch (Reject r) {
            return new DecodedCcr.Invalid(r.code, r.avpCode, r.vendor, r.avp, r.getMessage(), type, number);
        } catch (IllegalArgumentException e) {
            return new DecodedCcr.Invalid(ResultCodes.INVALID_AVP_VALUE, Avps.SESSION_ID, 0, avps.getAvp(Avps.SESSION_ID),
                    e.getMessage(), type, number);
        }
    }

    /**
     * RFC 6733 6.1.8 / 7.5: an AVP with the M bit set that the server does not know makes the request
     * fail with 5001 DIAMETER_AVP_UNSUPPORTED, that AVP in Failed-AVP. "Known" is jdiameter's
     * dictionary (base, credit-control and the 3GPP AVPs a gateway sends), whether or not we read it.
     */
    private static void supported(AvpSet avps) throws Reject {
        for (Avp a : avps) {
            if (a.isMandatory() && !KnownAvps.known(a.getCode(), a.getVendorId())) {
                throw new Reject(ResultCodes.AVP_UNSUPPORTED, a.getCode(), a.getVendorId(), a, "AVP " + a.getCode()
                        + (a.getVendorId() == 0 ? "" : " of vendor " + a.getVendorId()) + " has the M bit and is not supported");
            }
        }
    }

    /** Origin-Host / Origin-Realm: where a re-authorisation or an abort for the session is sent. */
    private static String identity(AvpSet avps, int code) throws Reject {
        Avp a = required(avps, code);
        try {
            return a.getDiameterIdentity();
        } catch (AvpDataException e) {
            throw invalid(a, "AVP " + code + " is not a DiameterIdentity");
        }
    }

    private static SubscriberId subscriber(AvpSet avps) throws Reject {
        AvpSet ids = avps.getAvps(Avps.SUBSCRIPTION_ID);
        if (ids.size() == 0) {
            throw missing(Avps.SUBSCRIPTION_ID, 0, "Subscription-Id is required in INITIAL and EVENT requests");
        }
        SubscriberId best = null;
        for (Avp id : ids) {
            AvpSet g = grouped(id);
            supported(g);
            int idType = enumerated(required(g, Avps.SUBSCRIPTION_ID_TYPE));
            String data = utf8(required(g, Avps.SUBSCRIPTION_ID_DATA), Avps.SUBSCRIPTION_ID_DATA);
            SubscriberId.Type t = switch (idType) {
                case 0 -> SubscriberId.Type.E164;
                case 1 -> SubscriberId.Type.IMSI;
                case 2 -> SubscriberId.Type.SIP_URI;
                case 3 -> SubscriberId.Type.NAI;
                case 4 -> SubscriberId.Type.PRIVATE;
                default -> throw invalid(g.getAvp(Avps.SUBSCRIPTION_ID_TYPE), "Subscription-Id-Type " + idType + " is not 0..4");
            };
            SubscriberId sid;
            try {
                sid = new SubscriberId(t, data);
            } catch (IllegalArgumentException e) {
                throw invalid(id, e.getMessage());
            }
            // an MSISDN names the subscriber best, then an IMSI, then whatever came first
            if (best == null || sid.type().ordinal() < best.type().ordinal()) {
                best = sid;
            }
        }
        return best;
    }

    private static EventAction action(AvpSet avps) throws Reject {
        Avp a = avps.getAvp(Avps.REQUESTED_ACTION);
        if (a == null) {
            return EventAction.DIRECT_DEBITING; // RFC 4006 8.41: the default when absent
        }
        int v = enumerated(a);
        return switch (v) {
            case 0 -> EventAction.DIRECT_DEBITING;
            case 1 -> EventAction.REFUND_ACCOUNT;
            case 2 -> EventAction.CHECK_BALANCE;
            case 3 -> EventAction.PRICE_ENQUIRY;
            default -> throw invalid(a, "Requested-Action " + v + " is not 0..3");
        };
    }

    /**
     * One usage per rating group. MSCCs naming the same rating group (e.g. with different
     * Service-Identifiers) are charged together: their usage adds up and an ask in any of them asks.
     */
    private List<ServiceUsage> services(AvpSet avps) throws Reject {
        AvpSet msccs = avps.getAvps(Avps.MSCC);
        Map<Long, ServiceUsage> byGroup = new LinkedHashMap<>();
        for (Avp mscc : msccs) {
            AvpSet m = grouped(mscc);
            supported(m);
            long rg = unsigned32(required(m, Avps.RATING_GROUP));
            Avp sidAvp = m.getAvp(Avps.SERVICE_IDENTIFIER);
            long serviceId = sidAvp == null ? ServiceUsage.NO_SERVICE_ID : unsigned32(sidAvp);
            Avp rsu = m.getAvp(Avps.RSU);
            boolean timed = timedGroups.contains(rg);
            long requested = rsu == null ? 0 : units(grouped(rsu), timed);
            long used = 0;
            for (Avp usu : m.getAvps(Avps.USU)) {
                used = report(used, units(grouped(usu), timed), usu);
            }
            ServiceUsage u = new ServiceUsage(rg, serviceId, rsu != null, requested, used);
            ServiceUsage before = byGroup.get(rg);
            if (before != null) {
                boolean ask = before.quotaRequested() || u.quotaRequested();
                u = new ServiceUsage(rg, before.serviceId(), ask, ask ? Math.max(before.requestedBytes(), requested) : 0,
                        report(before.usedBytes(), used, mscc));
            }
            byGroup.put(rg, u);
        }
        return new ArrayList<>(byGroup.values());
    }

    /**
     * Single-service credit control (RFC 4006 5.1.2): Requested-/Used-Service-Unit at command level,
     * charged under {@code diameter.single-service-rating-group}; without one it is 5031 RATING_FAILED
     * (never charged as nothing).
     */
    private List<ServiceUsage> singleService(AvpSet avps) throws Reject {
        Avp rsu = avps.getAvp(Avps.RSU);
        if (singleServiceRatingGroup < 0) {
            Avp unit = rsu != null ? rsu : avps.getAvp(Avps.USU);
            throw new Reject(ResultCodes.RATING_FAILED, unit.getCode(), 0, unit,
                    "units at command level (single-service) and no diameter.single-service-rating-group to charge them under");
        }
        boolean timed = timedGroups.contains(singleServiceRatingGroup);
        long requested = rsu == null ? 0 : units(grouped(rsu), timed);
        long used = 0;
        for (Avp usu : avps.getAvps(Avps.USU)) {
            used = report(used, units(grouped(usu), timed), usu);
        }
        return List.of(new ServiceUsage(singleServiceRatingGroup, ServiceUsage.NO_SERVICE_ID, rsu != null, requested, used));
    }

    /** Adds octets to a rating group's report; beyond what one report may carry (or overflowing) it is 5004. */
    private long report(long sum, long more, Avp where) throws Reject {
        long total = sum + more;
        if (total < 0 || total > maxReportBytes) {
            throw invalid(where, "the usage reported for one rating group exceeds the " + maxReportBytes
                    + " octets one report may carry");
        }
        return total;
    }

    /**
     * The units of a rating group: CC-Time for one priced per second (a unit in octets only is 5031: that
     * group cannot price octets), octets otherwise.
     */
    private static long units(AvpSet unit, boolean timed) throws Reject {
        if (!timed) {
            return octets(unit);
        }
        supported(unit);
        Avp time = unit.getAvp(Avps.CC_TIME);
        if (time != null) {
            return unsigned32(time);
        }
        Avp octets = unit.getAvp(Avps.CC_TOTAL_OCTETS);
        octets = octets != null ? octets : unit.getAvp(Avps.CC_INPUT_OCTETS);
        octets = octets != null ? octets : unit.getAvp(Avps.CC_OUTPUT_OCTETS);
        if (octets != null) {
            throw new Reject(ResultCodes.RATING_FAILED, octets.getCode(), 0, octets,
                    "units in octets only: this rating group is priced per second (CC-Time)");
        }
        return 0;
    }

    /**
     * CC-Total-Octets, or CC-Input-Octets + CC-Output-Octets; 0 when the unit is empty (an RSU that lets
     * the OCS choose). A unit in time only (CC-Time, no octets) is 5031 RATING_FAILED: this group prices
     * octets, and a time report must not pass as zero octets used.
     */
    private static long octets(AvpSet unit) throws Reject {
        supported(unit);
        Avp total = unit.getAvp(Avps.CC_TOTAL_OCTETS);
        if (total != null) {
            return unsigned64(total);
        }
        Avp time = unit.getAvp(Avps.CC_TIME);
        if (time != null && unit.getAvp(Avps.CC_INPUT_OCTETS) == null && unit.getAvp(Avps.CC_OUTPUT_OCTETS) == null) {
            throw new Reject(ResultCodes.RATING_FAILED, Avps.CC_TIME, 0, time,
                    "units in CC-Time only: this rating group is priced per octet, time is not a unit it can charge");
        }
        long sum = 0;
        Avp in = unit.getAvp(Avps.CC_INPUT_OCTETS);
        Avp out = unit.getAvp(Avps.CC_OUTPUT_OCTETS);
        if (in != null) {
            sum += unsigned64(in);
        }
        if (out != null) {
            long o = unsigned64(out);
            if (sum + o < 0) {
                throw invalid(out, "octet counts overflow");
            }
            sum += o;
        }
        return sum;
    }

    // ---- typed reads that turn malformed data into 5004 -------------------------------------------

    private static Avp required(AvpSet set, int code) throws Reject {
        Avp a = set.getAvp(code);
        if (a == null) {
            throw missing(code, 0, "AVP " + code + " is missing");
        }
        return a;
    }

    private static AvpSet grouped(Avp a) throws Reject {
        try {
            return a.getGrouped();
        } catch (AvpDataException e) {
            throw invalid(a, "AVP " + a.getCode() + " is not a well-formed grouped AVP");
        }
    }

    private static String utf8(Avp a, int code) throws Reject {
        try {
            String s = a.getUTF8String();
            if (s.isEmpty()) {
                throw invalid(a, "AVP " + code + " is empty");
            }
            return s;
        } catch (AvpDataException e) {
            throw invalid(a, "AVP " + code + " is not valid UTF-8");
        }
    }

    private static int enumerated(Avp a) throws Reject {
        try {
            return a.getInteger32();
        } catch (AvpDataException e) {
            throw invalid(a, "AVP " + a.getCode() + " is not a 32-bit enumeration");
        }
    }

    private static long unsigned32(Avp a) throws Reject {
        try {
            long v = a.getUnsigned32();
            if (v < 0 || v > MAX_U32) {
                throw invalid(a, "AVP " + a.getCode() + " is out of Unsigned32 range");
            }
            return v;
        } catch (AvpDataException e) {
            throw invalid(a, "AVP " + a.getCode() + " is not an Unsigned32");
        }
    }

    private static long unsigned64(Avp a) throws Reject {
        try {
            long v = a.getUnsigned64();
            if (v < 0) {
                throw invalid(a, "AVP " + a.getCode() + " exceeds 2^63-1 octets");
            }
            return v;
        } catch (AvpDataException e) {
            throw invalid(a, "AVP " + a.getCode() + " is not an Unsigned64");
        }
    }

    private static Reject missing(int code, long vendor, String message) {
        return new Reject(ResultCodes.MISSING_AVP, code, vendor, null, message);
    }

    private static Reject invalid(Avp a, String message) {
        return new Reject(ResultCodes.INVALID_AVP_VALUE, a.getCode(), a.getVendorId(), a, message);
    }
}
