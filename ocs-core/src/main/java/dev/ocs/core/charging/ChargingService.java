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
}
