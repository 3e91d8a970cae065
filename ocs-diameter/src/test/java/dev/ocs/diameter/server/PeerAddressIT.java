package dev.ocs.diameter.server;

import dev.ocs.core.management.Rejections;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The peer allow-list by source address: a gateway listed with its addresses may connect from those only. */
class PeerAddressIT {

    @Test
    void aGatewayConnectingFromAnAddressNotConfiguredForItIsRefused() throws Exception {
        String config = """
                  peer-addresses:
                    - {origin-host: far.test.localdomain, addresses: [192.0.2.10]}
                    - {origin-host: near.test.localdomain, addresses: [127.0.0.1]}
                """;
        try (TestServer server = TestServer.start(config)) {
            try (RawGateway far = new RawGateway(server.port, "far.test.localdomain")) {
                DiameterMessage cea = far.capabilities();
                assertEquals(3010, cea.avp(268).u32(), "far.test.localdomain may only connect from 192.0.2.10");
                assertTrue(far.closedByServer());
            }
            try (RawGateway near = new RawGateway(server.port, "near.test.localdomain")) {
                assertEquals(2001, near.capabilities().avp(268).u32());
            }
            try (RawGateway unlisted = new RawGateway(server.port, "other.test.localdomain")) {
                assertEquals(2001, unlisted.capabilities().avp(268).u32(), "a host without listed addresses");
            }
            assertEquals(1, server.core().rejections().get(Rejections.UNKNOWN_PEER));
        }
    }
}
