package dev.ocs.core.domain;

/**
 * The answer for one rating group.
 *
 * @param grantedBytes     octets granted (events: octets debited, refunded, covered or priced)
 * @param validitySeconds  how long the grant may be used before reporting; 0 when nothing granted
 * @param finalUnits       these are the last units the account can cover (Final-Unit-Indication)
 * @param cost             minor units reserved (sessions) or debited / refunded / quoted (events)
 */
public record ServiceResult(long ratingGroup, long serviceId, ServiceStatus status, long grantedBytes,
                            long validitySeconds, boolean finalUnits, long cost) {

    public static ServiceResult of(long ratingGroup, long serviceId, ServiceStatus status) {
        return new ServiceResult(ratingGroup, serviceId, status, 0, 0, false, 0);
    }
}
