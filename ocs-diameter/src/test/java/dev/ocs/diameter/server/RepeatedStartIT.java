package dev.ocs.diameter.server;

import dev.ocs.core.OcsCore;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.store.memory.MemoryGrid;
import dev.ocs.core.time.Clock;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every start accepts gateways (jdiameter's stock guard did not, in about a third of starts), and a
 * port that is taken fails the start loudly instead of leaving a server that never answers. The
 * watchdog right after the CEA caught a second bug: with jdiameter's default three state-machine
 * threads per peer, a request arriving right after the CEA could be handled while the peer was
 * still DOWN and was silently dropped (about one connection in ten here).
 */
class RepeatedStartIT {

    @TempDir
    Path dir;

    private OcsConfig config(int port) throws Exception {
        String yaml = "ledger: {cdr-directory: '" + Files.createTempDirectory(dir, "cdr") + "'}\n"
                + "metrics: {port: 0}\n" + "diameter: {port: " + port + "}\n";
        return OcsConfig.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "it"));
    }

    @Test
    void twentyConsecutiveStartsAllAcceptAGateway() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = TestServer.freePort();
            OcsConfig config = config(port);
            OcsCore core = OcsCore.start(config, new MemoryGrid(config.policy()), Clock.system());
            try (OcsServer server = OcsServer.start(config, DiameterSettings.from(config.root()), core);
                 RawGateway gw = new RawGateway(port, "pgw" + i + ".test.localdomain")) {
                assertEquals(2001, gw.capabilities().avp(268).u32(), "start " + (i + 1));
                assertEquals(2001, gw.watchdog().avp(268).u32(), "start " + (i + 1));
            }
        }
    }

    @Test
    void aTakenPortFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            OcsConfig config = config(taken.getLocalPort());
            OcsCore core = OcsCore.start(config, new MemoryGrid(config.policy()), Clock.system());
            IllegalStateException e = assertThrows(IllegalStateException.class, // and stops the core it was given
                    () -> OcsServer.start(config, DiameterSettings.from(config.root()), core));
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
        }
    }
}
