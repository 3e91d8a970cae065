package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerType;

import java.util.List;
import java.util.Objects;

/**
 * Adds a data bucket of {@code bytes} valid until {@code expiresAt} for the given rating groups
 * (all when empty). Answers the new bucket's id, or -1 when there is no account.
 */
public record AddBucketCommand(String name, long bytes, long expiresAt, List<Long> ratingGroups, String reference,
                               long now) implements AccountCommand<Long> {

    public AddBucketCommand {
        Objects.requireNonNull(name, "bucket name");
        ratingGroups = List.copyOf(ratingGroups);
        if (bytes <= 0) {
            throw new IllegalArgumentException("bucket size must be > 0 bytes, got " + bytes);
        }
        if (expiresAt <= now) {
            throw new IllegalArgumentException("bucket must expire after now");
        }
    }

    @Override
    public Transition<Long> apply(Account current, ChargingPolicy policy) {
        if (current == null) {
            return Transition.unchanged(-1L);
        }
        AccountState d = new AccountState(current, now);
        long id = d.addBucket(name, bytes, expiresAt, ratingGroups);
        d.record(LedgerType.BUCKET_CREDIT, "", -1, 0, 0, bytes, reference);
        return new Transition<>(d.build(policy), id);
    }
}
