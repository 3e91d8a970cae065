package dev.ocs.core.charging;

import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;

import java.util.concurrent.CompletableFuture;

/**
 * The charging core as the protocol adapters see it: a request in charging terms in, an outcome
 * per rating group out. Completes without blocking the caller's thread.
 */
public interface ChargingService {

    CompletableFuture<ChargingResult> charge(ChargingRequest request);

    /**
     * Whether a charge that completed exceptionally may succeed on another node (this one is cut off
     * from the cluster's majority, or could not confirm the backup of a change): the gateway is told
     * to try elsewhere (3004) rather than that the request cannot be served.
     */
    default boolean isTransient(Throwable failure) {
        return false;
    }
}
