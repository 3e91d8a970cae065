package dev.ocs.core.gateway;

import java.util.Objects;

/**
 * A request the OCS sends to the gateway holding a session: re-authorise it (credit came back) or
 * abort it (the account was barred, the session released by an operator).
 *
 * @param gatewayHost  the gateway's Origin-Host from the session's CCR-I (the RAR/ASR Destination-Host)
 * @param gatewayRealm its Origin-Realm (the Destination-Realm)
 */
public record SessionSignal(Kind kind, String accountId, String sessionId, String gatewayHost, String gatewayRealm) {

    public enum Kind { REAUTHORIZE, ABORT }

    public SessionSignal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accountId, "account id");
        Objects.requireNonNull(sessionId, "session id");
        Objects.requireNonNull(gatewayHost, "gateway host");
        Objects.requireNonNull(gatewayRealm, "gateway realm");
    }

    /** As sent between members: plain strings, nothing for a deserializer to interpret. */
    public String[] toStrings() {
        return new String[] {kind.name(), accountId, sessionId, gatewayHost, gatewayRealm};
    }

    public static SessionSignal of(String[] s) {
        if (s == null || s.length != 5) {
            throw new IllegalArgumentException("a session signal has 5 parts");
        }
        return new SessionSignal(Kind.valueOf(s[0]), s[1], s[2], s[3], s[4]);
    }
}
