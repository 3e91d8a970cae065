package dev.ocs.diameter.gy;

import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceStatus;

/**
 * The one table from charging outcomes to Diameter result codes (RFC 6733 7.1, RFC 4006 9).
 * Protocol errors found while reading a CCR (5004, 5005) come from {@link CcrDecoder}; 3004 from
 * admission control.
 */
public final class ResultCodes {

    public static final long SUCCESS = 2001;
    public static final long COMMAND_UNSUPPORTED = 3001;
    public static final long TOO_BUSY = 3004;
    public static final long END_USER_SERVICE_DENIED = 4010;
    public static final long CREDIT_LIMIT_REACHED = 4012;
    public static final long AVP_UNSUPPORTED = 5001;
    public static final long UNKNOWN_SESSION_ID = 5002;
    public static final long INVALID_AVP_VALUE = 5004;
    public static final long MISSING_AVP = 5005;
    public static final long UNABLE_TO_COMPLY = 5012;
    public static final long USER_UNKNOWN = 5030;
    public static final long RATING_FAILED = 5031;

    private ResultCodes() {
    }

    public static long of(ResultStatus status) {
        return switch (status) {
            case SUCCESS -> SUCCESS;
            case CREDIT_LIMIT_REACHED -> CREDIT_LIMIT_REACHED;
            case USER_UNKNOWN -> USER_UNKNOWN;
            case SERVICE_DENIED -> END_USER_SERVICE_DENIED;
            case RATING_FAILED -> RATING_FAILED;
            case UNKNOWN_SESSION -> UNKNOWN_SESSION_ID;
            case OUT_OF_SEQUENCE -> INVALID_AVP_VALUE; // Failed-AVP: CC-Request-Number
            case INVALID_REQUEST -> UNABLE_TO_COMPLY;
            case STORE_UNAVAILABLE -> TOO_BUSY; // transient: the gateway fails over or applies its CCFH
        };
    }

    public static long of(ServiceStatus status) {
        return switch (status) {
            case GRANTED, ACCEPTED -> SUCCESS;
            case CREDIT_LIMIT_REACHED -> CREDIT_LIMIT_REACHED;
            case SERVICE_DENIED -> END_USER_SERVICE_DENIED;
            case RATING_FAILED -> RATING_FAILED;
            case INVALID -> UNABLE_TO_COMPLY;
        };
    }
}
