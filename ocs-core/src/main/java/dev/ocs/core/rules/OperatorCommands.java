package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.LedgerType;

import java.util.List;
import java.util.Objects;

/**
 * Operator changes of an account, each one atomic command carrying an idempotency reference: the
 * same reference twice applies once and answers DUPLICATE. Bad input is refused when the command is
 * built; a change the account cannot take (a debit beyond its free money) is REJECTED and changes
 * nothing. Every applied change is a ledger record carrying its reference.
 */
public final class OperatorCommands {

    /** How long an operator reference is remembered, so that a repeated request is recognised: 90 days. */
    public static final long REFERENCE_RETENTION_SECONDS = 90L * 86_400;

    private OperatorCommands() {
    }

    private static void requireReference(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > 128) {
            throw new IllegalArgumentException("an operator reference of 1..128 characters is required");
        }
    }

    private static Transition<OperatorResult> duplicate(Account a, String reference) {
        return Transition.unchanged(new OperatorResult(OperatorResult.Outcome.DUPLICATE,
                "reference " + reference + " was already applied", a.balance(), -1));
    }

    private static Transition<OperatorResult> rejected(Account a, String why) {
        return Transition.unchanged(new OperatorResult(OperatorResult.Outcome.REJECTED, why, a.balance(), -1));
    }

    /**
     * The shape every referenced change shares: no account, a reference seen before (DUPLICATE), or
     * the change itself, which either rejects (before touching the draft) or applies; an applied
     * change remembers its reference in the same step.
     */
    private static Transition<OperatorResult> referenced(Account a, long now, String reference, ChargingPolicy policy,
                                                         java.util.function.Function<AccountState, OperatorResult> change) {
        if (a == null) {
            return Transition.unchanged(OperatorResult.noAccount());
        }
        AccountState d = new AccountState(a, now);
        if (d.knows(reference)) {
            return duplicate(a, reference);
        }
        OperatorResult r = change.apply(d);
        if (r.outcome() != OperatorResult.Outcome.APPLIED) {
            return Transition.unchanged(r);
        }
        d.remember(reference);
        return new Transition<>(d.build(policy), r);
    }

    private static OperatorResult applied(AccountState d, String message, long bucketId) {
        return new OperatorResult(OperatorResult.Outcome.APPLIED, message, d.balance, bucketId);
    }

    private static OperatorResult refused(AccountState d, String why) {
        return new OperatorResult(OperatorResult.Outcome.REJECTED, why, d.balance, -1);
    }

    /** Adds money (a recharge). */
    public record TopUp(long amount, String reference, long now) implements AccountCommand<OperatorResult> {
        public TopUp {
            if (amount <= 0) {
                throw new IllegalArgumentException("top-up amount must be > 0, got " + amount);
            }
            requireReference(reference);
        }

        @Override
        public Transition<OperatorResult> apply(Account a, ChargingPolicy policy) {
            return referenced(a, now, reference, policy, d -> {
                d.creditMoney(amount);
                d.record(LedgerType.TOPUP, "", -1, 0, amount, 0, reference);
                return applied(d, "credited " + amount, -1);
            });
        }
    }

    /** Credits ({@code delta > 0}) or debits ({@code delta < 0}) money, with the reason recorded. */
    public record Adjust(long delta, String reason, String reference, long now) implements AccountCommand<OperatorResult> {
        public Adjust {
            if (delta == 0) {
                throw new IllegalArgumentException("an adjustment must not be 0");
            }
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("an adjustment needs a reason");
            }
            requireReference(reference);
        }

        @Override
        public Transition<OperatorResult> apply(Account a, ChargingPolicy policy) {
            return referenced(a, now, reference, policy, d -> {
                if (delta < 0 && -delta > d.freeMoney()) {
                    return refused(d, "debit " + -delta + " exceeds the free money " + d.freeMoney());
                }
                if (delta > 0) {
                    d.creditMoney(delta);
                } else {
                    d.debitMoney(-delta);
                }
                d.record(LedgerType.ADJUSTMENT, "", -1, 0, delta, 0, reference + ": " + reason);
                return applied(d, (delta > 0 ? "credited " : "debited ") + Math.abs(delta), -1);
            });
        }
    }

    /** Buys a data bundle with the account's money: the price is debited and a bucket added, together. */
    public record BuyBundle(String bundle, long price, long bytes, long validitySeconds, List<Long> ratingGroups,
                            String reference, long now) implements AccountCommand<OperatorResult> {
        public BuyBundle {
            Objects.requireNonNull(bundle, "bundle name");
            if (price < 0 || bytes <= 0 || validitySeconds <= 0) {
                throw new IllegalArgumentException("a bundle needs price >= 0, bytes > 0 and validity > 0");
            }
            ratingGroups = List.copyOf(ratingGroups);
            requireReference(reference);
        }

        @Override
        public Transition<OperatorResult> apply(Account a, ChargingPolicy policy) {
            return referenced(a, now, reference, policy, d -> {
                if (d.status == AccountStatus.BARRED) {
                    return refused(d, "account is barred");
                }
                if (price > d.freeMoney()) {
                    return refused(d, "bundle " + bundle + " costs " + price + " but only " + d.freeMoney() + " is free");
                }
                d.debitMoney(price);
                long bucketId = d.addBucket(bundle, bytes, now + validitySeconds * 1000, ratingGroups);
                d.record(LedgerType.BUNDLE_PURCHASE, "", -1, 0, -price, bytes, reference + ": " + bundle);
                return applied(d, "bought " + bundle, bucketId);
            });
        }
    }

    /** Releases what an open session holds and closes it (a gateway that vanished, say). */
    public record ReleaseSession(String sessionId, String reason, long now) implements AccountCommand<OperatorResult> {
        public ReleaseSession {
            Objects.requireNonNull(sessionId, "session id");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Transition<OperatorResult> apply(Account a, ChargingPolicy policy) {
            if (a == null) {
                return Transition.unchanged(OperatorResult.noAccount());
            }
            AccountState d = new AccountState(a, now);
            SessionSlot s = d.session(sessionId);
            if (s == null || s.closed()) {
                return rejected(a, "account " + a.id() + " has no open session " + sessionId);
            }
            for (int i = 0; i < s.serviceCount(); i++) {
                ServiceSlot ss = s.service(i);
                if (ss.holdsReservation()) {
                    d.record(LedgerType.RESERVATION_EXPIRED, sessionId, ss.ratingGroup(), ss.grantedBytes(), 0, 0,
                            "released by operator: " + reason);
                }
            }
            s.close(now);
            return new Transition<>(d.build(policy), new OperatorResult(OperatorResult.Outcome.APPLIED,
                    "released session " + sessionId, d.balance, -1));
        }
    }

    /** Adds an identity (key form, e.g. {@code e164:491700000009}) to the account's list. */
    public record AddSubscriber(String subscriberKey, long now) implements AccountCommand<OperatorResult> {
        public AddSubscriber {
            dev.ocs.core.domain.SubscriberId.parse(subscriberKey);
        }

        @Override
        public Transition<OperatorResult> apply(Account a, ChargingPolicy policy) {
            if (a == null) {
                return Transition.unchanged(OperatorResult.noAccount());
            }
            if (a.subscribers().contains(subscriberKey)) {
                return Transition.unchanged(new OperatorResult(OperatorResult.Outcome.DUPLICATE,
                        subscriberKey + " already belongs to " + a.id(), a.balance(), -1));
            }
            AccountState d = new AccountState(a, now);
            d.subscribers.add(subscriberKey);
            d.markChanged();
            return new Transition<>(d.build(policy), new OperatorResult(OperatorResult.Outcome.APPLIED,
                    "added " + subscriberKey, d.balance, -1));
        }
    }

    /** Removes an identity from the account's list. */
    public record RemoveSubscriber(String subscriberKey, long now) implements AccountCommand<OperatorResult> {
        public RemoveSubscriber {
            Objects.requireNonNull(subscriberKey, "subscriber");
        }

        @Override
        public Transition<OperatorResult> apply(Account a, ChargingPolicy policy) {
            if (a == null) {
                return Transition.unchanged(OperatorResult.noAccount());
            }
            if (!a.subscribers().contains(subscriberKey)) {
                return rejected(a, subscriberKey + " does not belong to account " + a.id());
            }
            AccountState d = new AccountState(a, now);
            d.subscribers.remove(subscriberKey);
            d.markChanged();
            return new Transition<>(d.build(policy), new OperatorResult(OperatorResult.Outcome.APPLIED,
                    "removed " + subscriberKey, d.balance, -1));
        }
    }
}
