package dev.ocs.core.charging;

import dev.ocs.core.rules.ChargeCommand;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.store.Grid;
import dev.ocs.core.time.Clock;

import java.util.concurrent.CompletableFuture;

/**
 * Finds the account a request concerns (by subscriber identity for INITIAL and EVENT, by session
 * id otherwise) and applies the request to it as one atomic command.
 *
 * <p>An INITIAL binds its session id to the account while the account is charged, not before: the
 * answer waits for both, and should the binding fail after the charge succeeded, the gateway's
 * retransmission of the same request is answered from the account (charged once) and binds again;
 * unreported reservations are released by the sweeper in any case. When a session ends (TERMINATE,
 * or an INITIAL that opened nothing), its binding is kept only for the retransmission window.
 *
 * <p>Once the durable store has been failing for longer than its outage window, every request but a
 * TERMINATE is refused ({@link ResultStatus#STORE_UNAVAILABLE}): the OCS stops granting what it could
 * not record, while sessions ending still settle.
 *
 * <p>A node that sees fewer members than {@code grid.minimum-cluster-size} (the minority side of a
 * network split) refuses every request, TERMINATE included ({@link ResultStatus#STORE_UNAVAILABLE},
 * answered 3004: the gateway sends it to another node), rather than charge a copy of the accounts the
 * majority is charging too.
 */
public final class GridChargingService implements ChargingService {

    private final Grid grid;
    private final Clock clock;
    private final long retransmissionWindowSeconds;
    private final long sessionIdleMillis;
    private final LocalSessions local = new LocalSessions();

    /** For tests and benchmarks: the windows of the default configuration (OcsConfig's defaults: 60 s, and 600 + 60 + 60 s). */
    public GridChargingService(Grid grid, Clock clock) {
        this(grid, clock, 60, 720);
    }

    /**
     * @param retransmissionWindowSeconds how long an ended session stays findable by its Session-Id
     * @param sessionIdleSeconds          how long the grid keeps a silent session's binding (its max idle time)
     */
    public GridChargingService(Grid grid, Clock clock, long retransmissionWindowSeconds, long sessionIdleSeconds) {
        this.grid = grid;
        this.clock = clock;
        this.retransmissionWindowSeconds = retransmissionWindowSeconds;
        this.sessionIdleMillis = sessionIdleSeconds * 1000;
    }

    /** Forgets locally remembered sessions silent for longer than the grid keeps their binding; answers how many. */
    public int purgeLocalSessions() {
        return local.purge(clock.millis() - sessionIdleMillis);
    }

    int localSessions() {
        return local.size();
    }

    @Override
    public CompletableFuture<ChargingResult> charge(ChargingRequest request) {
        if (!grid.hasQuorum()) {
            return unknown(ResultStatus.STORE_UNAVAILABLE, "this node sees fewer members than grid.minimum-cluster-size: "
                    + "it may be cut off from the cluster's majority");
        }
        if (!(request instanceof ChargingRequest.Terminate) && !grid.persistence().acceptsCharging()) {
            return unknown(ResultStatus.STORE_UNAVAILABLE, "the account store is unreachable beyond the outage window");
        }
        return switch (request) {
            case ChargingRequest.Initial i -> grid.subscribers().accountOf(i.subscriber().key()).thenCompose(accountId ->
                    accountId == null ? unknown(ResultStatus.USER_UNKNOWN, "unknown subscriber " + i.subscriber())
                            : grid.sessions().bind(i.sessionId(), accountId).thenCombine(apply(accountId, i), (b, r) -> {
                                if (r.status() == ResultStatus.SUCCESS) {
                                    local.put(i.sessionId(), accountId, clock.millis());
                                } else if (r.status() != ResultStatus.INVALID_REQUEST) {
                                    retire(i.sessionId(), accountId); // the INITIAL opened no session
                                }
                                return r;
                            }));
            case ChargingRequest.Event e -> grid.subscribers().accountOf(e.subscriber().key()).thenCompose(accountId ->
                    accountId == null ? unknown(ResultStatus.USER_UNKNOWN, "unknown subscriber " + e.subscriber())
                            : apply(accountId, e));
            case ChargingRequest.Update u -> followUp(u);
            case ChargingRequest.Terminate t -> followUp(t);
        };
    }

    @Override
    public boolean isTransient(Throwable failure) {
        return grid.isTransient(failure);
    }

    private CompletableFuture<ChargingResult> followUp(ChargingRequest request) {
        long now = clock.millis();
        LocalSessions.Binding known = local.get(request.sessionId(), now);
        if (known != null) {
            if (now - known.lastTouched > sessionIdleMillis / 3) {
                known.lastTouched = now;
                grid.sessions().accountOf(request.sessionId()); // a read refreshes the binding's idle time
            }
            return settle(request, known.accountId);
        }
        return grid.sessions().accountOf(request.sessionId()).thenCompose(accountId -> {
            if (accountId == null) {
                return unknown(ResultStatus.UNKNOWN_SESSION, "unknown session " + request.sessionId());
            }
            if (request instanceof ChargingRequest.Update) {
                local.put(request.sessionId(), accountId, now);
            }
            return settle(request, accountId);
        });
    }

    /** Charges a follow-up request; a TERMINATE that ended the session retires its binding. */
    private CompletableFuture<ChargingResult> settle(ChargingRequest request, String accountId) {
        CompletableFuture<ChargingResult> result = apply(accountId, request);
        boolean terminate = request instanceof ChargingRequest.Terminate;
        return result.thenApply(r -> {
            if (terminate && r.status() == ResultStatus.SUCCESS) {
                local.remove(request.sessionId());
                retire(request.sessionId(), accountId);
            } else if (r.status() == ResultStatus.UNKNOWN_SESSION) {
                local.remove(request.sessionId());
            }
            return r;
        });
    }

    private CompletableFuture<ChargingResult> apply(String accountId, ChargingRequest request) {
        return grid.accounts().execute(accountId, new ChargeCommand(request, clock.millis()));
    }

    /** Fire and forget: at worst the entry lives its full idle time. */
    private void retire(String sessionId, String accountId) {
        grid.sessions().retire(sessionId, accountId, retransmissionWindowSeconds);
    }

    private static CompletableFuture<ChargingResult> unknown(ResultStatus status, String detail) {
        return CompletableFuture.completedFuture(ChargingResult.of(status, detail));
    }
}
