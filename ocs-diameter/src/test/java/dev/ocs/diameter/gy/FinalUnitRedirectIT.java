package dev.ocs.diameter.gy;

import dev.ocs.core.domain.SubscriberId;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** With final-unit-action redirect, the last grant sends the subscriber to the top-up page. */
class FinalUnitRedirectIT {

    @Test
    void lastGrantRedirectsToTheTopUpPage() throws Exception {
        try (TestServer server = TestServer.start("  final-unit-action: redirect\n");
             RawGateway gw = new RawGateway(server.port)) {
            assertEquals(2001, gw.capabilities().avp(268).u32());
            server.core().provisioning().create("r1", List.of(SubscriberId.msisdn("491701234567")), 300);
            DiameterMessage cca = gw.exchange(Ccr.of("pgw;redirect;1", Ccr.INITIAL, 0, "491701234567", Ccr.mscc(1, true, -1)));
            DiameterMessage.Avp mscc = cca.avp(456);
            assertEquals(300_000, mscc.child(431).child(421).u64());
            DiameterMessage.Avp fui = mscc.child(430);
            assertNotNull(fui);
            assertEquals(1, fui.child(449).u32(), "REDIRECT");
            DiameterMessage.Avp redirect = fui.child(434);
            assertEquals(2, redirect.child(433).u32(), "URL");
            assertEquals("http://topup.localdomain/", redirect.child(435).text());
            assertNull(mscc.child(869), "no threshold on final units");
        }
    }
}
