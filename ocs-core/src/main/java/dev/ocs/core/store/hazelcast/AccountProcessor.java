package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import dev.ocs.core.charging.AccountCommand;
import dev.ocs.core.charging.ChargingPolicy;
import dev.ocs.core.charging.Transition;
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
    private transient ChargingPolicy policy;
    private transient java.util.Set<String> marks;

    AccountProcessor(AccountCommand<R> command) {
        this.command = Objects.requireNonNull(command, "command");
    }

    /** For tests and the in-process path: a processor bound to a policy directly. */
    AccountProcessor(AccountCommand<R> command, ChargingPolicy policy) {
        this(command);
        this.policy = policy;
    }

    AccountCommand<R> command() {
        return command;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.policy = PolicyContext.of(instance);
        this.marks = PendingMarks.of(instance);
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
            if (marks != null && next != null && next.ledgerSeq() > next.exportedSeq()) {
                marks.add(entry.getKey());
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
