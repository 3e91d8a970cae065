package dev.ocs.diameter.gy;

import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.diameter.server.DiameterSettings;
import dev.ocs.diameter.server.GrantTerms;
import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;

/**
 * Writes Credit-Control-Answers (RFC 4006 3.2, TS 32.299 6.4.3): the request's identity echoed,
 * one MSCC per rating group with its own Result-Code, Granted-Service-Unit, Validity-Time,
 * Volume-Quota-Threshold and, on the last grant, Final-Unit-Indication. Every AVP is written with its
 * flags stated (the short jdiameter overloads leave the M bit clear).
 */
public final class CcaEncoder {

    private static final boolean M = true;
    private static final boolean P = false;

    private final DiameterSettings settings;
    private final java.util.Set<Long> timedGroups;
    private final int currencyNumericCode;
    private final int currencyExponent;

    /** @param currencyExponent the configured minor-unit exponent (EUR: 2): money in answers is minor units */
    /** @param timedGroups rating groups priced per second: their grants are CC-Time */
    public CcaEncoder(DiameterSettings settings, String currency, int currencyExponent, java.util.Set<Long> timedGroups) {
        this.timedGroups = java.util.Set.copyOf(timedGroups);
        this.settings = settings;
        this.currencyNumericCode = java.util.Currency.getInstance(currency).getNumericCode();
        this.currencyExponent = currencyExponent;
    }

    public Answer answer(Request ccr, DecodedCcr.Valid decoded, ChargingResult result) {
        long code = ResultCodes.of(result.status());
        if (result.status() == ResultStatus.STORE_UNAVAILABLE) {
            return plain(ccr, code, result.detail()); // a protocol error (E bit): no per-service results
        }
        Answer cca = base(ccr, code, decoded.requestType(), decoded.requestNumber());
        AvpSet avps = cca.getAvps();
        if (result.status() == ResultStatus.OUT_OF_SEQUENCE) {
            failedAvp(avps, Avps.CC_REQUEST_NUMBER, 0, ccr.getAvps().getAvp(Avps.CC_REQUEST_NUMBER));
        }
        if (code != ResultCodes.SUCCESS && !result.detail().isEmpty()) {
            avps.addAvp(Avps.ERROR_MESSAGE, result.detail(), false, P, false);
        }
        boolean event = decoded.requestType() == Avps.TYPE_EVENT;
        if (decoded.requestType() == Avps.TYPE_INITIAL) {
            if (settings.failureHandling() != null) {
                avps.addAvp(Avps.CC_FAILURE_HANDLING, settings.failureHandling().ordinal(), M, P);
            }
            if (settings.sessionFailover() != null) {
                avps.addAvp(Avps.CC_SESSION_FAILOVER, settings.sessionFailover() ? 1 : 0, M, P);
            }
        }
        if (decoded.singleService()) {
            return singleService(cca, event, result);
        }
        for (ServiceResult s : result.services()) {
            AvpSet mscc = avps.addGroupedAvp(Avps.MSCC, M, P);
            if (s.serviceId() != ServiceUsage.NO_SERVICE_ID) {
                mscc.addAvp(Avps.SERVICE_IDENTIFIER, s.serviceId(), M, P, true);
            }
            mscc.addAvp(Avps.RATING_GROUP, s.ratingGroup(), M, P, true);
            if (s.status() == ServiceStatus.GRANTED && s.grantedBytes() > 0) {
                units(mscc.addGroupedAvp(Avps.GSU, M, P), s);
                if (event) {
                    cost(mscc, s.cost());
                } else {
                    grantTerms(mscc, s);
                }
            }
            mscc.addAvp(Avps.RESULT_CODE, ResultCodes.of(s.status()), M, P, true);
        }
        return cca;
    }

    /**
     * Single-service answer (RFC 4006 5.1.2): the grant and its terms at command level, and the
     * service's own result as the Result-Code (no MSCC to carry a 4012 under a 2001).
     */
    private Answer singleService(Answer cca, boolean event, ChargingResult result) {
        if (result.services().size() != 1) {
            return cca;
        }
        ServiceResult s = result.services().get(0);
        AvpSet avps = cca.getAvps();
        long code = ResultCodes.of(s.status());
        if (code != ResultCodes.of(result.status())) {
            avps.removeAvp(Avps.RESULT_CODE);
            avps.addAvp(Avps.RESULT_CODE, code, M, P, true);
        }
        if (s.status() == ServiceStatus.GRANTED && s.grantedBytes() > 0) {
            units(avps.addGroupedAvp(Avps.GSU, M, P), s);
            if (event) {
                cost(avps, s.cost());
            } else {
                grantTerms(avps, s);
            }
        }
        return cca;
    }

    private void grantTerms(AvpSet mscc, ServiceResult s) {
        GrantTerms terms = settings.terms(s.ratingGroup());
        mscc.addAvp(Avps.VALIDITY_TIME, s.validitySeconds(), M, P, true);
        if (terms.quotaHoldingSeconds() > 0) {
            mscc.addAvp(Avps.QUOTA_HOLDING_TIME, terms.quotaHoldingSeconds(), Avps.VENDOR_3GPP, M, P, true);
        }
        if (terms.thresholdPercent() > 0 && !s.finalUnits()) {
            long threshold = Math.min(s.grantedBytes() * terms.thresholdPercent() / 100, 0xFFFF_FFFFL);
            mscc.addAvp(timedGroups.contains(s.ratingGroup()) ? Avps.TIME_QUOTA_THRESHOLD : Avps.VOLUME_QUOTA_THRESHOLD,
                    threshold, Avps.VENDOR_3GPP, M, P, true);
        }
        if (s.finalUnits()) {
            AvpSet fui = mscc.addGroupedAvp(Avps.FINAL_UNIT_INDICATION, M, P);
            switch (terms.finalUnitAction()) {
                case REDIRECT -> {
                    fui.addAvp(Avps.FINAL_UNIT_ACTION, 1, M, P);
                    AvpSet redirect = fui.addGroupedAvp(Avps.REDIRECT_SERVER, M, P);
                    redirect.addAvp(Avps.REDIRECT_ADDRESS_TYPE, Avps.REDIRECT_ADDRESS_URL, M, P);
                    redirect.addAvp(Avps.REDIRECT_SERVER_ADDRESS, terms.redirectUrl(), M, P, false);
                }
                case RESTRICT_ACCESS -> {
                    fui.addAvp(Avps.FINAL_UNIT_ACTION, 2, M, P);
                    if (!terms.restrictionFilterRule().isEmpty()) {
                        fui.addAvp(Avps.RESTRICTION_FILTER_RULE, terms.restrictionFilterRule().getBytes(
                                java.nio.charset.StandardCharsets.US_ASCII), M, P);
                    }
                    if (!terms.filterId().isEmpty()) {
                        fui.addAvp(Avps.FILTER_ID, terms.filterId(), M, P, false);
                    }
                }
                case TERMINATE -> fui.addAvp(Avps.FINAL_UNIT_ACTION, 0, M, P);
            }
        }
    }

    /** The granted units: CC-Time for a rating group priced per second, CC-Total-Octets otherwise. */
    private void units(AvpSet gsu, ServiceResult s) {
        if (timedGroups.contains(s.ratingGroup())) {
            gsu.addAvp(Avps.CC_TIME, Math.min(s.grantedBytes(), 0xFFFF_FFFFL), M, P, true);
        } else {
            gsu.addAvp(Avps.CC_TOTAL_OCTETS, s.grantedBytes(), M, P, false);
        }
    }

    /** Cost-Information for an event: what was debited, refunded or quoted, in minor units. */
    private void cost(AvpSet mscc, long minorUnits) {
        AvpSet info = mscc.addGroupedAvp(Avps.COST_INFORMATION, M, P);
        AvpSet unit = info.addGroupedAvp(Avps.UNIT_VALUE, M, P);
        unit.addAvp(Avps.VALUE_DIGITS, minorUnits, M, P);
        unit.addAvp(Avps.EXPONENT, -currencyExponent, M, P);
        info.addAvp(Avps.CURRENCY_CODE, currencyNumericCode, M, P, true);
    }

    /** An answer to a request that could not be read (5004/5005) or charged (5012), naming the AVP. */
    public Answer error(Request ccr, DecodedCcr.Invalid invalid) {
        Answer cca = base(ccr, invalid.resultCode(), invalid.requestType(), invalid.requestNumber());
        failedAvp(cca.getAvps(), invalid.failedAvpCode(), invalid.failedAvpVendor(), invalid.failedAvp());
        cca.getAvps().addAvp(Avps.ERROR_MESSAGE, invalid.message(), false, P, false);
        return cca;
    }

    /** An answer carrying only a result code (3004 TOO_BUSY, 5012 on an internal failure). */
    public Answer plain(Request ccr, long resultCode, String message) {
        Answer cca = base(ccr, resultCode, typeOf(ccr), numberOf(ccr));
        if (message != null) {
            cca.getAvps().addAvp(Avps.ERROR_MESSAGE, message, false, P, false);
        }
        return cca;
    }

    private Answer base(Request ccr, long resultCode, int requestType, long requestNumber) {
        Answer cca = ccr.createAnswer(resultCode);
        // the answer copies the request's header, T flag included; RFC 6733 3: never set in an answer
        ((org.jdiameter.client.api.IMessage) cca).setReTransmitted(false);
        AvpSet avps = cca.getAvps();
        avps.removeAvp(Avps.ORIGIN_HOST);
        avps.removeAvp(Avps.ORIGIN_REALM);
        avps.addAvp(Avps.ORIGIN_HOST, settings.originHost(), M, P, true);
        avps.addAvp(Avps.ORIGIN_REALM, settings.originRealm(), M, P, true);
        if (avps.getAvp(Avps.AUTH_APPLICATION_ID) == null) {
            avps.addAvp(Avps.AUTH_APPLICATION_ID, Avps.CREDIT_CONTROL_APPLICATION, M, P, true);
        }
        if (requestType > 0) {
            avps.addAvp(Avps.CC_REQUEST_TYPE, requestType, M, P);
        }
        if (requestNumber >= 0) {
            avps.addAvp(Avps.CC_REQUEST_NUMBER, requestNumber, M, P, true);
        }
        return cca;
    }

    private static void failedAvp(AvpSet avps, int code, long vendor, Avp offending) {
        AvpSet failed = avps.addGroupedAvp(Avps.FAILED_AVP, M, P);
        if (offending != null) {
            failed.addAvp(offending);
        } else if (vendor != 0) {
            failed.addAvp(code, new byte[4], vendor, M, P);
        } else {
            failed.addAvp(code, new byte[4], M, P); // an example of the missing AVP, zero-filled
        }
    }

    private static int typeOf(Request ccr) {
        try {
            Avp a = ccr.getAvps().getAvp(Avps.CC_REQUEST_TYPE);
            return a == null ? 0 : a.getInteger32();
        } catch (org.jdiameter.api.AvpDataException e) {
            return 0;
        }
    }

    private static long numberOf(Request ccr) {
        try {
            Avp a = ccr.getAvps().getAvp(Avps.CC_REQUEST_NUMBER);
            return a == null ? -1 : a.getUnsigned32();
        } catch (org.jdiameter.api.AvpDataException e) {
            return -1;
        }
    }
}
