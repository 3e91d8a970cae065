package dev.ocs.diameter.gy;

import com.hazelcast.map.IMap;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.core.management.Rejections;
import dev.ocs.diameter.transport.Admission;
import dev.ocs.core.store.hazelcast.HazelcastGrid;
import dev.ocs.diameter.server.DiameterSettings;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Overload on the default settings: requests pile up behind accounts the test holds locked in the
 * grid (as a stalled store or a long GC would hold them). The excess is answered 3004 at once, a
 * gateway that floods cannot take the room of another, and once the grid moves again every admitted
 * request is answered and charged.
 */
class OverloadIT {

    private static final int FLOOD = 12_000;

    @Test
    void twelveThousandPendingRequestsGetTooBusyAndNoGatewayIsStarved() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.core().provisioning().create("held", List.of(SubscriberId.msisdn("491710000001")), 1_000_000_000L);
            server.core().provisioning().create("held-too", List.of(SubscriberId.msisdn("491710000002")), 1_000_000_000L);
            server.core().provisioning().create("free", List.of(SubscriberId.msisdn("491710000003")), 1_000_000L);
            IMap<Object, Object> accounts = ((HazelcastGrid) server.core().grid()).instance().getMap(HazelcastGrid.ACCOUNTS);
            int limit = DiameterSettings.MAX_IN_FLIGHT_DEFAULT;
            int alone = limit - limit * Admission.RESERVE_PERCENT / 100;
            try (RawGateway flood = new RawGateway(server.port, "flood.test.localdomain");
                 RawGateway calm = new RawGateway(server.port, "calm.test.localdomain")) {
                assertEquals(2001, flood.capabilities().avp(268).u32());
                assertEquals(2001, calm.capabilities().avp(268).u32());
                accounts.lock("held");
                accounts.lock("held-too");
                Map<Long, Integer> floodCodes = new TreeMap<>();
                try {
                    flood.writeRaw(initials("flood", "491710000001", FLOOD, 1));
                    // every refusal comes back at once, while the admitted requests wait for the grid
                    for (int i = 0; i < FLOOD - alone; i++) {
                        floodCodes.merge(flood.next().avp(268).u32(), 1, Integer::sum);
                    }
                    assertEquals(Map.of(3004L, FLOOD - alone), floodCodes, "a gateway alone fills all but the reserve");
                    assertEquals(FLOOD - alone, server.core().rejections().get(Rejections.OVERLOADED));

                    // another gateway is below its share: its requests are admitted, not refused ...
                    calm.writeRaw(initials("calm", "491710000002", 100, 1));
                    DiameterMessage dwa = calm.watchdog(); // answered in order after the 100 CCRs were taken
                    assertEquals(2001, dwa.avp(268).u32());
                    assertEquals(FLOOD - alone, server.core().rejections().get(Rejections.OVERLOADED), "none of calm's refused");
                    // ... and served where the grid is not held
                    DiameterMessage cca = calm.exchange(Ccr.of("calm;free;1", Ccr.INITIAL, 0, "491710000003", Ccr.mscc(1, true, -1)));
                    assertEquals(2001, cca.avp(268).u32());
                    assertEquals(0, flood.available(), "the flooder still waits: nothing of it was answered meanwhile");
                } finally {
                    accounts.unlock("held");
                    accounts.unlock("held-too");
                }
                for (int i = 0; i < alone; i++) {
                    floodCodes.merge(flood.next().avp(268).u32(), 1, Integer::sum);
                }
                assertEquals(FLOOD - alone, floodCodes.get(3004L));
                assertEquals(alone, floodCodes.get(2001L), "every admitted request was charged: " + floodCodes);
                Map<Long, Integer> calmCodes = new TreeMap<>();
                for (int i = 0; i < 100; i++) {
                    calmCodes.merge(calm.next().avp(268).u32(), 1, Integer::sum);
                }
                assertEquals(Map.of(2001L, 100), calmCodes);
                assertEquals(2001, flood.watchdog().avp(268).u32(), "the flooder is served again");
            }
            server.core().exporter().exportPending();
            assertEquals(List.of(), LedgerAudit.audit(server.core().grid().accounts(), server.cdrFiles()));
            assertEquals(alone, server.core().grid().accounts().get("held").sessions().size());
        }
    }

    /** {@code n} CCR-I of one subscriber, in one write, as a gateway's burst after a restart sends them. */
    private static byte[] initials(String prefix, String msisdn, int n, int firstId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 200);
        for (int i = 0; i < n; i++) {
            DiameterMessage ccr = Ccr.of(prefix + ";burst;" + i, Ccr.INITIAL, 0, msisdn, Ccr.mscc(1, true, -1));
            ccr.hopByHop = 0x10_0000 + firstId + i;
            ccr.endToEnd = ccr.hopByHop;
            out.write(ccr.encode());
        }
        return out.toByteArray();
    }
}
