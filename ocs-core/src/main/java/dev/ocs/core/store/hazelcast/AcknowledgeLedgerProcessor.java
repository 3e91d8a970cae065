package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import dev.ocs.core.rules.AcknowledgeLedgerCommand;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.rules.AccountState;

import java.util.Map;
import java.util.Objects;

/**
 * Marks ledger records as exported for many accounts of one partition in one operation (the
 * exporter acknowledges thousands of accounts a second). Replayed on backups like any processor.
 */
final class AcknowledgeLedgerProcessor implements EntryProcessor<String, AccountState, Long>, HazelcastInstanceAware {

    private final Map<String, Long> upTo;
    private final boolean onBackup;
    private transient ChargingPolicy policy;
    private transient java.util.Set<String> marks;
    private transient DirtyAccounts dirty;

    AcknowledgeLedgerProcessor(Map<String, Long> upTo) {
        this(upTo, false);
    }

    AcknowledgeLedgerProcessor(Map<String, Long> upTo, boolean onBackup) {
        this.upTo = Map.copyOf(Objects.requireNonNull(upTo, "sequence numbers"));
        this.onBackup = onBackup;
    }

    boolean onBackup() {
        return onBackup;
    }

    @Override
    public EntryProcessor<String, AccountState, Long> getBackupProcessor() {
        return onBackup ? this : new AcknowledgeLedgerProcessor(upTo, true);
    }

    Map<String, Long> upTo() {
        return upTo;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.policy = PolicyContext.of(instance);
        this.marks = PendingMarks.of(instance);
        this.dirty = DirtyAccounts.of(instance);
    }

    @Override
    public Long process(Map.Entry<String, AccountState> entry) {
        Long seq = upTo.get(entry.getKey());
        AccountState state = entry.getValue();
        if (seq == null || state == null) {
            return -1L;
        }
        Long result = new AcknowledgeLedgerCommand(seq).applyInPlace(state, policy);
        if (state.changed()) {
            entry.setValue(state);
            if (dirty != null) {
                dirty.changed(state, onBackup);
            }
        }
        if (marks != null) {
            if (state.ledgerSeq() > state.exportedSeq()) {
                marks.add(state.id()); // newer records arrived after the export read them
            } else {
                marks.remove(state.id());
            }
        }
        return result;
    }
}
