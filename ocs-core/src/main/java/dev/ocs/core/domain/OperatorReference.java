package dev.ocs.core.domain;

import java.util.Objects;

/** An operator change's idempotency reference and when it was applied (epoch ms). */
public record OperatorReference(String reference, long appliedAt) {

    public OperatorReference {
        Objects.requireNonNull(reference, "reference");
    }
}
