package dev.ocs.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * A credit-control request in charging terms (RFC 4006 session-based and event charging, as
 * profiled for Gy by 3GPP TS 32.299 6.3). One request number per session step; a retransmission
 * carries the same session id and request number.
 */
public sealed interface ChargingRequest {

    String sessionId();

    long requestNumber();

    List<ServiceUsage> services();

    /** Opens a session for the subscriber and asks for quota. */
    /** @param gatewayHost the Origin-Host of the gateway opening the session (with its realm; "" when unknown) */
    record Initial(String sessionId, long requestNumber, SubscriberId subscriber, List<ServiceUsage> services,
                   String gatewayHost, String gatewayRealm) implements ChargingRequest {
        public Initial {
            validate(sessionId, requestNumber, services);
            Objects.requireNonNull(subscriber, "subscriber");
            services = List.copyOf(services);
            gatewayHost = gatewayHost == null ? "" : gatewayHost;
            gatewayRealm = gatewayRealm == null ? "" : gatewayRealm;
        }

        public Initial(String sessionId, long requestNumber, SubscriberId subscriber, List<ServiceUsage> services) {
            this(sessionId, requestNumber, subscriber, services, "", "");
        }
    }

    /** Reports usage and/or asks for more quota within an open session. */
    record Update(String sessionId, long requestNumber, List<ServiceUsage> services) implements ChargingRequest {
        public Update {
            validate(sessionId, requestNumber, services);
            services = List.copyOf(services);
        }
    }

    /** Reports final usage and closes the session, releasing whatever it still holds. */
    record Terminate(String sessionId, long requestNumber, List<ServiceUsage> services) implements ChargingRequest {
        public Terminate {
            validate(sessionId, requestNumber, services);
            services = List.copyOf(services);
        }
    }

    /** A one-time event: direct debit, refund, balance check or price enquiry, without reservation. */
    record Event(String sessionId, long requestNumber, SubscriberId subscriber, EventAction action,
                 List<ServiceUsage> services) implements ChargingRequest {
        public Event {
            validate(sessionId, requestNumber, services);
            Objects.requireNonNull(subscriber, "subscriber");
            Objects.requireNonNull(action, "requested action");
            services = List.copyOf(services);
        }
    }

    private static void validate(String sessionId, long requestNumber, List<ServiceUsage> services) {
        Objects.requireNonNull(sessionId, "session id");
        if (sessionId.isEmpty()) {
            throw new IllegalArgumentException("session id must not be empty");
        }
        if (requestNumber < 0 || requestNumber > ServiceUsage.MAX_UNSIGNED32) {
            throw new IllegalArgumentException("request number " + requestNumber + " is outside 0..2^32-1");
        }
        Objects.requireNonNull(services, "services");
        for (int i = 0; i < services.size(); i++) {
            ServiceUsage s = Objects.requireNonNull(services.get(i), "service usage");
            for (int j = 0; j < i; j++) {
                ServiceUsage o = services.get(j);
                if (o.ratingGroup() == s.ratingGroup()) {
                    throw new IllegalArgumentException("rating group " + s.ratingGroup() + " appears twice in one request");
                }
            }
        }
    }
}
