package dev.ocs.core.gateway;

/** Names of the RAR/ASR counters in {@code ocs:type=Stats} {@code GatewayRequests}: {@code rar-sent}, {@code asr-failed}, ... */
public final class GatewayRequestCounts {

    /** Written to the gateway's connection. */
    public static final String SENT = "sent";
    /** Answered with 2001. */
    public static final String ANSWERED = "answered";
    /** Answered with an error, or not answered in time (after one retry), or the connection was gone. */
    public static final String FAILED = "failed";
    /** No OCS node holds a connection of the gateway: not sent. */
    public static final String UNREACHABLE = "unreachable";

    private GatewayRequestCounts() {
    }

    /** Every counter name, for figures that show each one from zero. */
    public static java.util.List<String> all() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (SessionSignal.Kind kind : SessionSignal.Kind.values()) {
            for (String outcome : java.util.List.of(SENT, ANSWERED, FAILED, UNREACHABLE)) {
                names.add(name(kind, outcome));
            }
        }
        return names;
    }

    public static String name(SessionSignal.Kind kind, String outcome) {
        return (kind == SessionSignal.Kind.REAUTHORIZE ? "rar-" : "asr-") + outcome;
    }
}
