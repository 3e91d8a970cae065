package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.rules.Transition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ships one {@link AccountCommand} to the partition that owns the account and runs it there: read,
 * decide, write in one step on the partition thread. The stored {@link AccountState} is changed where
 * it lives and stored again as the same instance (the map keeps objects: the OBJECT in-memory format),
 * so a charge does not rebuild the account. Thin and deterministic (time travels inside the command,
 * the policy is the member's own), so the same processor replayed on a backup, on the backup's own
 * copy, reaches the same value.
 */
final class AccountProcessor<R> implements EntryProcessor<String, AccountState, R>, HazelcastInstanceAware {

    private final AccountCommand<R> command;
    private final boolean onBackup;
    /** For the sweeper's visit ({@link #ifDue}): the command runs only where a deadline is at or before this. */
    private final long dueAt;
    /**
     * Whether the result is left in {@link #handedOver} instead of returned (see {@link #handingOver}).
     * Never serialized: a copy made to run on another member returns its result.
     */
    private final transient boolean handsOver;
    private transient R handedOver;
    private transient ChargingPolicy policy;
    private transient java.util.Set<String> marks;
    private transient DirtyAccounts dirty;
    private transient DueIndex due;
    private transient java.util.Set<String> open;

    AccountProcessor(AccountCommand<R> command) {
        this(command, false);
    }

    /** @param onBackup whether this is the copy replayed on a backup replica (see {@link DirtyAccounts}) */
    AccountProcessor(AccountCommand<R> command, boolean onBackup) {
        this(command, onBackup, false, NOT_A_VISIT);
    }

    /** @param dueAt see {@link #ifDue}; {@link #NOT_A_VISIT} for every other processor */
    AccountProcessor(AccountCommand<R> command, boolean onBackup, long dueAt) {
        this(command, onBackup, false, dueAt);
    }

    private AccountProcessor(AccountCommand<R> command, boolean onBackup, boolean handsOver, long dueAt) {
        this.command = Objects.requireNonNull(command, "command");
        this.onBackup = onBackup;
        this.handsOver = handsOver;
        this.dueAt = dueAt;
    }

    static final long NOT_A_VISIT = Long.MIN_VALUE;

    /**
     * The sweeper's visit of an account its {@link DueIndex} named: runs {@code command} only if the
     * account has a deadline at or before {@code dueAt} (answering {@code null} otherwise: the index is
     * early, never late), and indexes the account again under its deadline now, changed or not.
     */
    static <R> AccountProcessor<R> ifDue(AccountCommand<R> command, long dueAt) {
        return new AccountProcessor<>(command, false, false, dueAt);
    }

    /**
     * A processor for one key that, when it runs in this JVM as this very instance (the caller's member
     * owns the account: Hazelcast runs a local operation without copying it), leaves its result in the
     * instance and returns {@code null}: Hazelcast serializes every entry processor's result, even for its
     * own member, and the caller deserialized it again (a compact record per charge each way, 5 % of the
     * server's allocation under load). A copy sent to another member returns its result as usual; the
     * caller takes whichever it gets ({@link #result}). Only for single-key calls: one instance, one run.
     */
    static <R> AccountProcessor<R> handingOver(AccountCommand<R> command) {
        return new AccountProcessor<>(command, false, true, NOT_A_VISIT);
    }

    /** The call's result: {@code returned} when the processor ran elsewhere, else what it left here. */
    R result(R returned) {
        return returned != null ? returned : handedOver;
    }

    /** For tests and the in-process path: a processor bound to a policy directly. */
    AccountProcessor(AccountCommand<R> command, ChargingPolicy policy) {
        this(command);
        this.policy = policy;
    }

    AccountCommand<R> command() {
        return command;
    }

    boolean onBackup() {
        return onBackup;
    }

    long dueAt() {
        return dueAt;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.policy = PolicyContext.of(instance);
        this.marks = PendingMarks.of(instance);
        this.dirty = DirtyAccounts.of(instance);
        // indexed where the account is owned only: a backup promoted when its owner left is found by the
        // full pass that a change of members brings (IndexTrust)
        this.due = onBackup ? null : DueIndex.of(instance);
        this.open = onBackup ? null : OpenSessionMarks.of(instance);
    }

    /** The same command, marked as the backup's replay. */
    @Override
    public EntryProcessor<String, AccountState, R> getBackupProcessor() {
        return onBackup ? this : new AccountProcessor<>(command, true, dueAt);
    }

    @Override
    public R process(Map.Entry<String, AccountState> entry) {
        if (policy == null) {
            throw new IllegalStateException("account processor ran without a charging policy");
        }
        AccountState state = entry.getValue();
        if (dueAt != NOT_A_VISIT && (state == null || state.nextDeadline() > dueAt)) {
            visited(state);
            return null; // gone, or not due after all
        }
        R result;
        if (state == null) {
            Transition<R> t = command.apply(null, policy);
            if (!t.changed()) {
                return handBack(t.result());
            }
            state = AccountState.of(t.next());
            result = t.result();
        } else {
            result = command.applyInPlace(state, policy);
            if (!state.changed()) {
                visited(state);
                return handBack(result);
            }
        }
        entry.setValue(state); // the same instance: backups replay the command, the write-behind encodes it
        if (marks != null && state.ledgerSeq() > state.exportedSeq()) {
            marks.add(state.id()); // the account's own string, as DirtyAccounts: the entry's key may be a fresh copy
        }
        if (dirty != null) {
            dirty.changed(state, onBackup);
        }
        if (open != null) {
            OpenSessionMarks.changed(open, state);
        }
        if (dueAt != NOT_A_VISIT) {
            visited(state);
        } else if (due != null) {
            due.changed(state);
        }
        return handBack(result);
    }

    /** The sweeper's visit is over (the command ran or not): the account is indexed again under its deadline now. */
    private void visited(AccountState state) {
        if (dueAt != NOT_A_VISIT && state != null && due != null) {
            due.visited(state);
        }
    }

    /** The result to hand back: left here when this instance is the caller's own (see {@link #handingOver}). */
    private R handBack(R result) {
        if (handsOver) {
            handedOver = result; // published to the caller by the completion of its future
            return null;
        }
        return portableCopy(result);
    }

    /** Results cross the wire: lists become ArrayLists, which Hazelcast serializes natively. */
    @SuppressWarnings("unchecked")
    private static <R> R portableCopy(R result) {
        if (result instanceof List<?> list && !(list instanceof ArrayList<?>)) {
            return (R) new ArrayList<>(list);
        }
        return result;
    }
}
