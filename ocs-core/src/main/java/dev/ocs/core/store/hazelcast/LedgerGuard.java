package dev.ocs.core.store.hazelcast;

import com.hazelcast.map.MapInterceptor;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountContinuity;
import dev.ocs.core.rules.AccountState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serial;

/**
 * The account map's interceptor: every write, by our processors or by anything else that reaches the
 * grid (a plain put from a member that joined), must be a change {@link AccountContinuity} accepts,
 * so a balance cannot move without a ledger record (which is exported to the CDRs and audited).
 * Runs on the partition owner before the value is stored; a refused write fails for its caller.
 * Entry processors do not pass through interceptors: our own changes are checked by the rules
 * themselves ({@link AccountState}'s movements always write their ledger record).
 * Hazelcast's interceptors cannot tell who removes an entry: deletions are not guarded here.
 */
final class LedgerGuard implements MapInterceptor {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LedgerGuard.class);

    @Override
    public Object interceptGet(Object value) {
        return null;
    }

    @Override
    public void afterGet(Object value) {
        // reads are free
    }

    @Override
    public Object interceptPut(Object oldValue, Object newValue) {
        if (!(newValue instanceof AccountState after) || oldValue != null && !(oldValue instanceof AccountState)) {
            throw refused("not an account: " + (newValue == null ? "null" : newValue.getClass().getName()));
        }
        if (after == oldValue) { // the stored state changed where it lives (only our processors do that)
            return null;
        }
        Account before = oldValue == null ? null : ((AccountState) oldValue).snapshot();
        String problem = AccountContinuity.problem(before, after.snapshot());
        if (problem != null) {
            throw refused("account " + after.id() + ": " + problem);
        }
        return null; // store the value as it is
    }

    private static IllegalStateException refused(String why) {
        LOG.error("refused a write to the account map: {}", why);
        return new IllegalStateException("refused a write to the account map: " + why);
    }

    @Override
    public void afterPut(Object value) {
        // nothing to do
    }

    @Override
    public Object interceptRemove(Object removedValue) {
        return null;
    }

    @Override
    public void afterRemove(Object value) {
        // nothing to do
    }

    /** One guard per map, whichever member registers it (the registration id is derived from the hash). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerGuard;
    }

    @Override
    public int hashCode() {
        return LedgerGuard.class.getName().hashCode();
    }
}
