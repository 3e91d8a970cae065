package dev.ocs.core.charging;

import dev.ocs.core.Fixtures;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.DelegatingGrid;
import dev.ocs.core.store.SessionDirectory;
import dev.ocs.core.store.memory.MemoryGrid;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ocs.core.Fixtures.RG_DATA;
import static dev.ocs.core.domain.ServiceUsage.ask;
import static dev.ocs.core.domain.ServiceUsage.report;
import static dev.ocs.core.domain.ServiceUsage.reportAndAsk;
import static org.junit.jupiter.api.Assertions.*;

/** Follow-up requests of a session opened on this member go straight to its account; the directory stays the truth. */
class LocalSessionsTest {

    /** A grid whose session directory counts its look-ups. */
    private static final class CountingGrid extends DelegatingGrid {
        final AtomicInteger lookups = new AtomicInteger();
        final SessionDirectory sessions = new SessionDirectory() {
            @Override
            public CompletableFuture<String> accountOf(String sessionId) {
                lookups.incrementAndGet();
                return inner.sessions().accountOf(sessionId);
            }

            @Override
            public CompletableFuture<Void> bind(String sessionId, String accountId) {
                return inner.sessions().bind(sessionId, accountId);
            }

            @Override
            public CompletableFuture<Void> retire(String sessionId, String accountId, long seconds) {
                return inner.sessions().retire(sessionId, accountId, seconds);
            }
        };

        CountingGrid() {
            super(new MemoryGrid(Fixtures.policy()));
        }

        @Override
        public SessionDirectory sessions() {
            return sessions;
        }
    }

    private final CountingGrid grid = new CountingGrid();
    private final ChargingHarness h = new ChargingHarness(grid);

    @Test
    void updatesAndTerminateOfALocalSessionSkipTheDirectoryAndTheTerminateForgetsIt() {
        SubscriberId sub = h.account("a1", 5_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ask(RG_DATA));
        h.update(s, 1, reportAndAsk(RG_DATA, 1_000));
        h.update(s, 2, reportAndAsk(RG_DATA, 1_000));
        assertEquals(ResultStatus.SUCCESS, h.terminate(s, 3, report(RG_DATA, 1_000)).status());
        assertEquals(0, grid.lookups.get());
        assertEquals(0, ((GridChargingService) h.service).localSessions());
        assertEquals(ResultStatus.SUCCESS, h.terminate(s, 3, report(RG_DATA, 1_000)).status(),
                "a retransmitted TERMINATE is found through the directory and answered alike");
        assertEquals(1, grid.lookups.get());
        assertEquals(4_997, h.get("a1").balance(), "charged once");
    }

    @Test
    void aLongQuietSessionTouchesItsDirectoryBindingAndPurgedSessionsAreLookedUpAgain() {
        GridChargingService service = (GridChargingService) h.service;
        SubscriberId sub = h.account("a1", 5_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ask(RG_DATA));
        h.clock.advanceSeconds(100);
        h.update(s, 1, reportAndAsk(RG_DATA, 1_000));
        assertEquals(0, grid.lookups.get(), "fresh: no touch");
        h.clock.advanceSeconds(300);
        h.update(s, 2, reportAndAsk(RG_DATA, 1_000));
        assertEquals(1, grid.lookups.get(), "over a third of the idle time since the last touch: the binding is read");
        assertEquals(0, service.purgeLocalSessions(), "used just now");
        h.clock.advanceSeconds(721);
        assertEquals(1, service.purgeLocalSessions(), "silent longer than the grid keeps its binding");
        h.update(s, 3, reportAndAsk(RG_DATA, 1_000));
        assertEquals(2, grid.lookups.get(), "looked up in the directory again");
    }

    @Test
    void anUnknownSessionIsNotRemembered() {
        assertEquals(ResultStatus.UNKNOWN_SESSION, h.update("nobody;1", 1, reportAndAsk(RG_DATA, 1)).status());
        assertEquals(0, ((GridChargingService) h.service).localSessions());
    }
}
