package dev.ocs.core.gateway;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.SessionState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where the OCS tells gateways about their sessions. The grid carries a signal to the node that holds
 * the gateway's connection ({@link #publish}); that node's Diameter side sends the RAR or ASR
 * ({@link #handle}). Which sessions a change concerns is decided here, from the account as it is after
 * the change.
 */
public interface GatewaySignals {

    /** Sends the signals towards the nodes holding the gateways' connections. */
    void publish(List<SessionSignal> signals);

    /** Who sends the signals that reach this node (the Diameter side); replaces the previous handler. */
    void handle(java.util.function.Consumer<SessionSignal> handler);

    /** This node holds a connection of {@code gatewayHost} (from its CER) ... */
    void connected(String gatewayHost);

    /** ... and no longer. */
    void disconnected(String gatewayHost);

    /** Whether some node holds a connection of {@code gatewayHost}: a signal for a gateway nobody holds is lost. */
    boolean reachable(String gatewayHost);

    /** Open sessions told there is no credit (4012, final units) and whose gateway is known: credit is back. */
    static List<SessionSignal> reauthorizations(Account a) {
        return signals(a, SessionSignal.Kind.REAUTHORIZE, SessionState::waitingForCredit);
    }

    /** Every open session whose gateway is known: the account was barred. */
    static List<SessionSignal> aborts(Account a) {
        return signals(a, SessionSignal.Kind.ABORT, s -> !s.closed());
    }

    /** One session (open, or just released by an operator). */
    static List<SessionSignal> abort(Account a, String sessionId) {
        return signals(a, SessionSignal.Kind.ABORT, s -> s.sessionId().equals(sessionId));
    }

    private static List<SessionSignal> signals(Account a, SessionSignal.Kind kind, Predicate<SessionState> which) {
        List<SessionSignal> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        for (SessionState s : a.sessions()) {
            if (!s.gatewayHost().isEmpty() && which.test(s)) {
                out.add(new SessionSignal(kind, a.id(), s.sessionId(), s.gatewayHost(), s.gatewayRealm()));
            }
        }
        return out;
    }

    /** Signals delivered on this node only (a grid of one member). */
    final class Local implements GatewaySignals {
        private volatile java.util.function.Consumer<SessionSignal> handler = s -> { };
        private final java.util.Map<String, Integer> gateways = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void connected(String gatewayHost) {
            gateways.merge(gatewayHost, 1, Integer::sum);
        }

        @Override
        public void disconnected(String gatewayHost) {
            gateways.computeIfPresent(gatewayHost, (h, n) -> n <= 1 ? null : n - 1);
        }

        @Override
        public boolean reachable(String gatewayHost) {
            return gateways.containsKey(gatewayHost);
        }

        @Override
        public void publish(List<SessionSignal> signals) {
            signals.forEach(handler);
        }

        @Override
        public void handle(java.util.function.Consumer<SessionSignal> handler) {
            this.handler = handler;
        }
    }
}
