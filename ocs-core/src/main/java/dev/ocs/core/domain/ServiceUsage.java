package dev.ocs.core.domain;

/**
 * What a request says about one rating group (one MSCC, RFC 4006 8.16): the units used since the
 * last report and whether (and how many) units are asked for next.
 *
 * @param serviceId       Service-Identifier, or {@link #NO_SERVICE_ID}
 * @param quotaRequested  the request carries Requested-Service-Unit
 * @param requestedBytes  octets asked for; 0 lets the OCS choose (its configured quota size)
 * @param usedBytes       octets used since the last report (Used-Service-Unit)
 */
public record ServiceUsage(long ratingGroup, long serviceId, boolean quotaRequested, long requestedBytes,
                           long usedBytes) {

    public static final long NO_SERVICE_ID = -1;
    public static final long MAX_UNSIGNED32 = 0xFFFF_FFFFL;

    public ServiceUsage {
        if (ratingGroup < 0 || ratingGroup > MAX_UNSIGNED32) {
            throw new IllegalArgumentException("rating group " + ratingGroup + " is outside 0..2^32-1");
        }
        if (serviceId < NO_SERVICE_ID || serviceId > MAX_UNSIGNED32) {
            throw new IllegalArgumentException("service identifier " + serviceId + " is outside 0..2^32-1");
        }
        if (requestedBytes < 0) {
            throw new IllegalArgumentException("requested units must be >= 0, got " + requestedBytes);
        }
        if (usedBytes < 0) {
            throw new IllegalArgumentException("used units must be >= 0, got " + usedBytes);
        }
        if (requestedBytes > 0 && !quotaRequested) {
            throw new IllegalArgumentException("requested units given without asking for quota");
        }
    }

    /** Asks for quota (the OCS chooses how much) and reports nothing used. */
    public static ServiceUsage ask(long ratingGroup) {
        return new ServiceUsage(ratingGroup, NO_SERVICE_ID, true, 0, 0);
    }

    public static ServiceUsage ask(long ratingGroup, long requestedBytes) {
        return new ServiceUsage(ratingGroup, NO_SERVICE_ID, true, requestedBytes, 0);
    }

    /** Reports usage and asks for more. */
    public static ServiceUsage reportAndAsk(long ratingGroup, long usedBytes) {
        return new ServiceUsage(ratingGroup, NO_SERVICE_ID, true, 0, usedBytes);
    }

    /** Reports usage only (final report, or no more quota wanted). */
    public static ServiceUsage report(long ratingGroup, long usedBytes) {
        return new ServiceUsage(ratingGroup, NO_SERVICE_ID, false, 0, usedBytes);
    }
}
