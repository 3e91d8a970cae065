package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.rules.Transition;
import dev.ocs.core.domain.Account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ships one {@link AccountCommand} to the partition that owns the account and runs it there: read,
 * decide, write in one step on the partition thread. Thin and deterministic (time travels inside the
 * command, the policy is the member's own), so the same processor replayed on a backup reaches the
 * same value.
 */
final class AccountProcessor<R> implements EntryProcessor<String, Account, R>, HazelcastInstanceAware {

    private final AccountCommand<R> command;
    private final boolean onBackup;
    private transient ChargingPolicy policy;
    private transient java.util.Set<String> marks;
    private transient DirtyAccounts dirty;

    AccountProcessor(AccountCommand<R> command) {
        this(command, false);
    }

    /** @param onBackup whether this is the copy replayed on a backup replica (see {@link DirtyAccounts}) */
    AccountProcessor(AccountCommand<R> command, boolean onBackup) {
        this.command = Objects.requireNonNull(command, "command");
        this.onBackup = onBackup;
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

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.policy = PolicyContext.of(instance);
        this.marks = PendingMarks.of(instance);
        this.dirty = DirtyAccounts.of(instance);
    }

    /** The same command, marked as the backup's replay. */
    @Override
    public EntryProcessor<String, Account, R> getBackupProcessor() {
        return onBackup ? this : new AccountProcessor<>(command, true);
    }

    @Override
    public R process(Map.Entry<String, Account> entry) {
        if (policy == null) {
            throw new IllegalStateException("account processor ran without a charging policy");
        }
        Transition<R> t = command.apply(entry.getValue(), policy);
        if (t.changed()) {
            Account next = t.next();
            entry.setValue(next);
            if (marks != null && next.ledgerSeq() > next.exportedSeq()) {
                marks.add(entry.getKey());
            }
            if (dirty != null) {
                dirty.changed(entry.getKey(), next, onBackup);
            }
        }
        return portable(t.result());
    }

    /** Results cross the wire: lists become ArrayLists, which Hazelcast serializes natively. */
    @SuppressWarnings("unchecked")
    private static <R> R portable(R result) {
        if (result instanceof List<?> list && !(list instanceof ArrayList<?>)) {
            return (R) new ArrayList<>(list);
        }
        return result;
    }
}
