package dev.ocs.diameter.gy;

import dev.ocs.core.domain.SubscriberId;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.ocs.diameter.wire.Ccr.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How grants are worded, per rating group from config: RESTRICT_ACCESS with its filter on the final
 * units, Quota-Holding-Time, and what the gateway does when this OCS does not answer (CCFH,
 * CC-Session-Failover) in the CCA of a CCR-I.
 */
class GrantTermsIT {

    @Test
    void restrictAccessQuotaHoldingTimeAndFailureHandlingAsConfigured() throws Exception {
        String diameter = """
                  credit-control-failure-handling: retry-and-terminate
                  cc-session-failover: supported
                  rating-groups:
                    - {rating-group: 1, final-unit-action: restrict, filter-id: topup-only, restriction-filter-rule: 'permit out ip from 10.1.1.1 to any', quota-holding-time: 300, threshold-percent: 50}
                """;
        try (TestServer server = TestServer.start(diameter); RawGateway gw = new RawGateway(server.port)) {
            assertEquals(2001, gw.capabilities().avp(268).u32());
            server.core().provisioning().create("terms", List.of(SubscriberId.msisdn("491707771001")), 1_500);
            String s = "pgw.test.localdomain;terms;1";
            DiameterMessage first = gw.exchange(Ccr.of(s, INITIAL, 0, "491707771001", Ccr.mscc(1, true, -1), Ccr.mscc(2, true, -1)));
            assertEquals(2, first.avp(427).u32(), "Credit-Control-Failure-Handling RETRY_AND_TERMINATE");
            assertEquals(1, first.avp(418).u32(), "CC-Session-Failover SUPPORTED");
            DiameterMessage.Avp rg1 = first.all(456).stream().filter(m -> m.child(432).u32() == 1).findFirst().orElseThrow();
            assertEquals(300, rg1.child(871).u32(), "Quota-Holding-Time of rating group 1");
            DiameterMessage.Avp rg2 = first.all(456).stream().filter(m -> m.child(432).u32() == 2).findFirst().orElseThrow();
            assertNull(rg2.child(871), "rating group 2 has the defaults: none");
            assertEquals(500_000, rg1.child(869).u32(), "Volume-Quota-Threshold at 50 % for rating group 1");
            assertEquals(200_000, rg2.child(869).u32(), "and the default 20 % for the others");

            DiameterMessage last = gw.exchange(Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 1_000_000)));
            assertNull(last.avp(427), "only in the answer to the CCR-I");
            DiameterMessage.Avp fui = last.all(456).get(0).child(430);
            assertNotNull(fui, "final units");
            assertEquals(2, fui.child(449).u32(), "RESTRICT_ACCESS");
            assertEquals("topup-only", fui.child(11).text());
            assertEquals("permit out ip from 10.1.1.1 to any", new String(fui.child(438).data, StandardCharsets.US_ASCII));
        }
    }
}
