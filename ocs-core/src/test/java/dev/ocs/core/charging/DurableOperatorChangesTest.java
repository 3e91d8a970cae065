package dev.ocs.core.charging;

import dev.ocs.core.rules.OperatorResult;
import dev.ocs.core.Fixtures;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.FakePersistence;
import dev.ocs.core.store.memory.MemoryGrid;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operator changes are durable when acknowledged; charging stops granting when the store is gone too long. */
class DurableOperatorChangesTest {

    private final FakePersistence[] store = new FakePersistence[1];
    private final ChargingHarness h = new ChargingHarness(FakePersistence.around(new MemoryGrid(Fixtures.policy()), store));

    @Test
    void anAcknowledgedTopUpIsInTheStore() {
        h.account("op-1", 100);
        assertEquals(OperatorResult.Outcome.APPLIED, h.provisioning.topUp("op-1", 50, "r1").outcome());
        assertEquals(h.get("op-1").version(), store[0].get("op-1").version());
        assertEquals(h.get("op-1").ledgerSeq(), store[0].get("op-1").ledgerSeq());
    }

    @Test
    void aTopUpIsRefusedWhileTheStoreFailsAndChangesNothing() {
        h.account("op-2", 100);
        store[0].failing = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.provisioning.topUp("op-2", 50, "r2"));
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
        assertEquals(100, h.get("op-2").balance());
        assertThrows(IllegalStateException.class, () -> h.provisioning.create("op-new", List.of(), 5));
        assertNull(h.get("op-new"));
        assertThrows(IllegalStateException.class, () -> h.provisioning.delete("op-2"));
        assertEquals(100, h.get("op-2").balance());
        store[0].failing = false;
        assertEquals(OperatorResult.Outcome.APPLIED, h.provisioning.topUp("op-2", 50, "r2").outcome());
    }

    @Test
    void aChangeTheStoreCannotTakeIsReportedAsNotDurableAndConfirmedByItsRetry() {
        h.account("op-3", 100);
        store[0].failNextWrite = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.provisioning.topUp("op-3", 50, "r3"));
        assertTrue(e.getMessage().contains("NOT durable"), e.getMessage());
        assertEquals(150, h.get("op-3").balance(), "made in memory; the write-behind takes it to the store later");
        OperatorResult retry = h.provisioning.topUp("op-3", 50, "r3");
        assertEquals(OperatorResult.Outcome.DUPLICATE, retry.outcome(), "credited once");
        assertEquals(150, h.get("op-3").balance());
        assertEquals(h.get("op-3").version(), store[0].get("op-3").version(), "the retry made it durable");
    }

    @Test
    void chargingStopsGrantingBeyondTheOutageWindowButSessionsStillEnd() {
        SubscriberId sub = h.account("op-4", 10_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        store[0].refuseCharging = true;
        ChargingResult refused = h.initial(ChargingHarness.newSessionId(), sub, ServiceUsage.ask(RG_DATA));
        assertEquals(ResultStatus.STORE_UNAVAILABLE, refused.status());
        assertEquals(ResultStatus.STORE_UNAVAILABLE, h.update(s, 1, ServiceUsage.reportAndAsk(RG_DATA, 1_000)).status());
        assertEquals(ResultStatus.SUCCESS, h.terminate(s, 1, ServiceUsage.report(RG_DATA, 1_000)).status());
        assertEquals(1_000, h.get("op-4").reportedBytes());
        h.assertAudited();
    }
}
