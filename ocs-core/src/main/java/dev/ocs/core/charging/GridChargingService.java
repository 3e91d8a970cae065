package dev.ocs.core.charging;

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
 */
public final class GridChargingService implements ChargingService {

    private final Grid grid;
    private final Clock clock;
    private final long retransmissionWindowSeconds;

    public GridChargingService(Grid grid, Clock clock) {
        this(grid, clock, 60);
    }

    /** @param retransmissionWindowSeconds how long an ended session stays findable by its Session-Id */
    public GridChargingService(Grid grid, Clock clock, long retransmissionWindowSeconds) {
        this.grid = grid;
        this.clock = clock;
        this.retransmissionWindowSeconds = retransmissionWindowSeconds;
    }

    @Override
    public CompletableFuture<ChargingResult> charge(ChargingRequest request) {
        return switch (request) {
            case ChargingRequest.Initial i -> grid.subscribers().accountOf(i.subscriber().key()).thenCompose(accountId ->
                    accountId == null ? unknown(ResultStatus.USER_UNKNOWN, "unknown subscriber " + i.subscriber())
                            : grid.sessions().bind(i.sessionId(), accountId).thenCombine(apply(accountId, i), (b, r) -> {
                                if (r.status() != ResultStatus.SUCCESS && r.status() != ResultStatus.INVALID_REQUEST) {
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

    private CompletableFuture<ChargingResult> followUp(ChargingRequest request) {
        return grid.sessions().accountOf(request.sessionId()).thenCompose(accountId -> {
            if (accountId == null) {
                return unknown(ResultStatus.UNKNOWN_SESSION, "unknown session " + request.sessionId());
            }
            CompletableFuture<ChargingResult> result = apply(accountId, request);
            if (request instanceof ChargingRequest.Terminate) {
                result.thenAccept(r -> {
                    if (r.status() == ResultStatus.SUCCESS) {
                        retire(request.sessionId(), accountId);
                    }
                });
            }
            return result;
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
