package dev.ocs.core.charging;

import dev.ocs.core.Fixtures;
import dev.ocs.core.ManualClock;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.EventAction;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.core.ledger.LedgerTotals;
import dev.ocs.core.store.Grid;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Drives a charging service over some grid the way a gateway would, with short helpers for tests. */
public final class ChargingHarness {

    private static final AtomicInteger SESSIONS = new AtomicInteger();

    public final ManualClock clock = new ManualClock(Fixtures.START);
    public final Grid grid;
    public final ChargingService service;
    public final AccountProvisioning provisioning;

    public ChargingHarness(Grid grid) {
        this.grid = grid;
        this.service = new GridChargingService(grid, clock);
        this.provisioning = new AccountProvisioning(grid, clock);
    }

    public SubscriberId account(String id, long balance) {
        SubscriberId msisdn = SubscriberId.msisdn(String.valueOf(491700000000L + Math.abs(id.hashCode() % 100_000_000)));
        provisioning.create(id, List.of(msisdn), balance);
        return msisdn;
    }

    public static String newSessionId() {
        return "pgw.test;" + SESSIONS.incrementAndGet() + ";" + System.nanoTime();
    }

    public ChargingResult initial(String session, SubscriberId sub, ServiceUsage... services) {
        return service.charge(new ChargingRequest.Initial(session, 0, sub, List.of(services))).join();
    }

    public ChargingResult update(String session, long number, ServiceUsage... services) {
        return service.charge(new ChargingRequest.Update(session, number, List.of(services))).join();
    }

    public ChargingResult terminate(String session, long number, ServiceUsage... services) {
        return service.charge(new ChargingRequest.Terminate(session, number, List.of(services))).join();
    }

    public ChargingResult event(String session, SubscriberId sub, EventAction action, ServiceUsage... services) {
        return service.charge(new ChargingRequest.Event(session, 0, sub, action, List.of(services))).join();
    }

    public Account get(String accountId) {
        return grid.accounts().get(accountId);
    }

    public void assertAudited() {
        assertEquals(List.of(), LedgerAudit.audit(grid.accounts(), java.util.Map.<String, LedgerTotals>of()));
    }
}
