package dev.ocs.core.store.jdbc;

import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.EventAction;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.memory.MemoryGrid;

import java.util.List;

/** Accounts with everything in them (buckets, open and closed sessions, holds, references, pending ledger), made by charging. */
public final class SampleAccounts {

    private SampleAccounts() {
    }

    public static Account rich(String id) {
        ChargingHarness h = new ChargingHarness(new MemoryGrid(Fixtures.policy()));
        SubscriberId sub = h.account(id, 100_000);
        h.provisioning.addSubscriber(id, SubscriberId.imsi("262019" + String.format("%09d", Math.abs(id.hashCode() % 1_000_000_000))));
        h.provisioning.addBucket(id, "welcome ünïcode", 5_000_000, Fixtures.START + 86_400_000, List.of(Fixtures.RG_DATA), "seed");
        h.provisioning.topUp(id, 2_500, "shop-" + id);
        String open = ChargingHarness.newSessionId();
        h.initial(open, sub, ServiceUsage.ask(Fixtures.RG_DATA), ServiceUsage.ask(Fixtures.RG_PREMIUM), ServiceUsage.ask(Fixtures.RG_FREE));
        h.update(open, 1, ServiceUsage.reportAndAsk(Fixtures.RG_DATA, 123_456), ServiceUsage.report(Fixtures.RG_FREE, 77));
        String closed = ChargingHarness.newSessionId();
        h.initial(closed, sub, ServiceUsage.ask(Fixtures.RG_PREMIUM));
        h.terminate(closed, 1, ServiceUsage.report(Fixtures.RG_PREMIUM, 4_321));
        h.event(ChargingHarness.newSessionId(), sub, EventAction.DIRECT_DEBITING, ServiceUsage.ask(Fixtures.RG_DATA, 10_000));
        return h.get(id);
    }
}
