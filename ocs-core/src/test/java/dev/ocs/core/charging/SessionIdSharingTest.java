package dev.ocs.core.charging;

import dev.ocs.core.Fixtures;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.memory.MemoryGrid;
import org.junit.jupiter.api.Test;

import static dev.ocs.core.Fixtures.RG_DATA;
import static dev.ocs.core.domain.ServiceUsage.ask;
import static dev.ocs.core.domain.ServiceUsage.reportAndAsk;
import static org.junit.jupiter.api.Assertions.*;

/** Ledger records of a session share its Session-Id string instead of keeping each request's copy alive. */
class SessionIdSharingTest {

    @Test
    void usageRecordsReferToTheSessionsOwnSessionIdInstance() {
        ChargingHarness h = new ChargingHarness(new MemoryGrid(Fixtures.policy()));
        SubscriberId sub = h.account("a1", 5_000);
        String session = ChargingHarness.newSessionId();
        h.initial(session, sub, ask(RG_DATA));
        h.update(new String(session.toCharArray()), 1, reportAndAsk(RG_DATA, 1_000)); // as decoded from a new message
        Account a = h.get("a1");
        LedgerRecord usage = a.ledger().stream().filter(r -> r.type() == LedgerType.USAGE).findFirst().orElseThrow();
        assertEquals(session, usage.sessionId());
        assertSame(a.session(session).sessionId(), usage.sessionId());
    }
}
