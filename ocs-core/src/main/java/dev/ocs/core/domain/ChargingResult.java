package dev.ocs.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a charging request: an overall status, one result per rating group asked about,
 * and the money the account has free afterwards (what a balance check reports).
 */
public record ChargingResult(ResultStatus status, String detail, List<ServiceResult> services, long freeMoney) {

    public ChargingResult {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        services = List.copyOf(services);
    }

    public static ChargingResult of(ResultStatus status, String detail) {
        return new ChargingResult(status, detail, List.of(), 0);
    }

    public ServiceResult service(long ratingGroup) {
        for (ServiceResult s : services) {
            if (s.ratingGroup() == ratingGroup) {
                return s;
            }
        }
        return null;
    }

    /**
     * The overall status implied by per-service outcomes: success when any rating group got units (or
     * had its usage accepted); otherwise the failure they share (RFC 4006: 4012 when nothing could be
     * granted for lack of credit); success with per-service codes when they fail differently.
     */
    public static ResultStatus overall(List<ServiceResult> services) {
        if (services.isEmpty()) {
            return ResultStatus.SUCCESS;
        }
        ServiceStatus shared = null;
        for (ServiceResult s : services) {
            if (s.status() == ServiceStatus.GRANTED || s.status() == ServiceStatus.ACCEPTED) {
                return ResultStatus.SUCCESS;
            }
            if (shared == null) {
                shared = s.status();
            } else if (shared != s.status()) {
                return ResultStatus.SUCCESS;
            }
        }
        return switch (shared) {
            case CREDIT_LIMIT_REACHED -> ResultStatus.CREDIT_LIMIT_REACHED;
            case SERVICE_DENIED -> ResultStatus.SERVICE_DENIED;
            case RATING_FAILED -> ResultStatus.RATING_FAILED;
            case INVALID -> ResultStatus.INVALID_REQUEST;
            default -> ResultStatus.SUCCESS;
        };
    }
}
