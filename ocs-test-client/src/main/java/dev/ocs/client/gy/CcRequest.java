package dev.ocs.client.gy;

import java.util.List;

/** What a simulated gateway asks in one Credit-Control-Request. */
public record CcRequest(String sessionId, Type type, long number, String msisdn, List<Mscc> services) {

    public enum Type {
        INITIAL(1), UPDATE(2), TERMINATION(3);

        public final int code;

        Type(int code) {
            this.code = code;
        }
    }

    /**
     * One Multiple-Services-Credit-Control.
     *
     * @param ask        whether quota is requested (an empty Requested-Service-Unit)
     * @param usedOctets octets reported in Used-Service-Unit, or -1 for none
     */
    public record Mscc(long ratingGroup, boolean ask, long usedOctets) {
    }

    public CcRequest {
        services = List.copyOf(services);
    }

    /** Octets this request reports used, over all its services. */
    public long reportedOctets() {
        long sum = 0;
        for (Mscc m : services) {
            sum += Math.max(0, m.usedOctets());
        }
        return sum;
    }
}
