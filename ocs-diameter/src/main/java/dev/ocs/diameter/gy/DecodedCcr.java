package dev.ocs.diameter.gy;

import dev.ocs.core.domain.ChargingRequest;

/**
 * What a CCR said: either a charging request (with the request type and number to echo), or a
 * protocol error to answer at once.
 */
public sealed interface DecodedCcr {

    /** @param singleService the units came at command level, not in MSCCs (RFC 4006 5.1.2): answer them so */
    record Valid(ChargingRequest request, int requestType, long requestNumber, boolean singleService) implements DecodedCcr {
    }

    /**
     * @param failedAvpCode the AVP to name in Failed-AVP
     * @param failedAvp     the offending AVP as received, or {@code null} when it was missing
     */
    record Invalid(long resultCode, int failedAvpCode, long failedAvpVendor, org.jdiameter.api.Avp failedAvp,
                   String message, int requestType, long requestNumber) implements DecodedCcr {
    }
}
