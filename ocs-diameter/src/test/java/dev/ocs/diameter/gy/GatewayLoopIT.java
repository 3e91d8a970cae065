package dev.ocs.diameter.gy;

import dev.ocs.api.ObjectNames;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.core.management.JmxUsers;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.ocs.diameter.wire.Ccr.*;
import static dev.ocs.diameter.wire.DiameterMessage.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The gateway loop over real Diameter: a subscriber runs out (MSCC 4012, the session stays open), tops
 * up over remote JMX, the gateway gets a RAR and its next CCR-U is granted; barring sends ASR and the
 * CCR-T that follows is charged; a gateway that never answers is retried once, counted and logged.
 */
class GatewayLoopIT {

    @TempDir
    Path dir;

    private static DiameterMessage.Avp mscc(DiameterMessage answer) {
        return answer.all(456).get(0);
    }

    private static long granted(DiameterMessage answer) {
        DiameterMessage.Avp gsu = mscc(answer).child(431);
        return gsu == null ? 0 : gsu.child(421).u64();
    }

    /** Runs a session of {@code msisdn} to the point where its MSCC says 4012 (1,500 units: 1,000,000 + 500,000 octets). */
    private static void exhaust(RawGateway gw, String s, String msisdn) throws Exception {
        assertEquals(1_000_000, granted(gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, Ccr.mscc(1, true, -1)))));
        DiameterMessage last = gw.exchange(Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 1_000_000)));
        assertNotNull(mscc(last).child(430), "final units");
        DiameterMessage out = gw.exchange(Ccr.of(s, UPDATE, 2, null, Ccr.mscc(1, true, 500_000)));
        assertEquals(2001, out.avp(268).u32(), "the session stays open");
        assertEquals(4012, mscc(out).child(268).u32());
    }

    private static long count(TestServer server, String name) {
        return server.core().provisioning().gatewayRequests().get(name);
    }

    @Test
    void aTopUpOverJmxReauthorisesTheSessionAndBarringAbortsIt() throws Exception {
        Path users = dir.resolve("jmx-users.yaml");
        Files.writeString(users, "users:\n  - {name: ops, role: operator, password-hash: \"" + JmxUsers.entryFor("pw-ops") + "\"}\n");
        int jmxPort;
        try (ServerSocket p = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            jmxPort = p.getLocalPort();
        }
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        try (TestServer server = TestServer.start("", "jmx: {enabled: true, port: " + jmxPort + ", users-file: '" + users + "'}\n");
             JMXConnector ops = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[]{"ops", "pw-ops"}));
             RawGateway gw = new RawGateway(server.port)) {
            assertEquals(2001, gw.capabilities().avp(268).u32());
            AccountsMXBean accounts = JMX.newMXBeanProxy(ops.getMBeanServerConnection(), new ObjectName(ObjectNames.ACCOUNTS),
                    AccountsMXBean.class);
            server.core().provisioning().create("loop", List.of(SubscriberId.msisdn("491707770001")), 1_500);
            String s = "pgw.test.localdomain;loop;1";
            exhaust(gw, s, "491707770001");

            assertTrue(accounts.topUp("loop", 5_000, "voucher-1").startsWith("APPLIED"));
            DiameterMessage rar = gw.next();
            assertEquals(258, rar.command, "Re-Auth-Request");
            assertTrue((rar.flags & FLAG_R) != 0);
            assertEquals(s, rar.avp(263).text());
            assertEquals(RawGateway.ORIGIN_HOST, rar.avp(293).text(), "Destination-Host: the gateway of the session");
            assertEquals(RawGateway.ORIGIN_REALM, rar.avp(283).text());
            assertEquals(4, rar.avp(258).u32());
            assertEquals(0, rar.avp(285).u32(), "AUTHORIZE_ONLY");
            gw.answer(rar);
            await().atMost(Duration.ofSeconds(10)).until(() -> count(server, "rar-answered") == 1);
            assertEquals(1, count(server, "rar-sent"));

            assertEquals(1_000_000, granted(gw.exchange(Ccr.of(s, UPDATE, 3, null, Ccr.mscc(1, true, 0)))),
                    "the next CCR-U is granted");

            server.core().provisioning().setStatus("loop", AccountStatus.BARRED);
            DiameterMessage asr = gw.next();
            assertEquals(274, asr.command, "Abort-Session-Request");
            assertEquals(s, asr.avp(263).text());
            gw.answer(asr);
            DiameterMessage cca = gw.exchange(Ccr.of(s, TERMINATION, 4, null, Ccr.mscc(1, false, 400_000)));
            assertEquals(2001, cca.avp(268).u32());
            await().atMost(Duration.ofSeconds(10)).until(() -> count(server, "asr-answered") == 1);
            assertEquals(1_500 + 5_000 - 1_500 - 400, server.core().grid().accounts().get("loop").balance(),
                    "the usage the CCR-T reported after the ASR is charged");
            server.core().exporter().exportPending();
            assertEquals(List.of(), LedgerAudit.audit(server.core().grid().accounts(), server.cdrFiles()));
        }
    }

    @Test
    void anUnbarATopUpAndABundleEachReauthorise() throws Exception {
        String root = "bundles: [{name: day-2MB, price: 100, bytes: 2000000, valid-days: 1, rating-groups: [1]}]\n";
        try (TestServer server = TestServer.start("", root); RawGateway gw = new RawGateway(server.port)) {
            assertEquals(2001, gw.capabilities().avp(268).u32());
            server.core().provisioning().create("b", List.of(SubscriberId.msisdn("491707770002")), 1_500);
            String s = "pgw.test.localdomain;b;1";
            exhaust(gw, s, "491707770002");
            server.core().provisioning().setStatus("b", AccountStatus.BARRED);
            DiameterMessage asr = gw.next();
            assertEquals(274, asr.command, "barred: ASR");
            gw.answer(asr);
            server.core().provisioning().setStatus("b", AccountStatus.ACTIVE);
            DiameterMessage rar = gw.next();
            assertEquals(258, rar.command, "unbarred: RAR for the session still waiting for credit");
            gw.answer(rar);
            server.core().provisioning().topUp("b", 100, "cash-1");
            DiameterMessage afterTopUp = gw.next();
            assertEquals(258, afterTopUp.command, "top-up: RAR");
            gw.answer(afterTopUp);
            server.core().provisioning().buyBundle("b", "day-2MB", 100, 2_000_000, 86_400, List.of(1L), "bundle-1");
            DiameterMessage afterBundle = gw.next();
            assertEquals(258, afterBundle.command, "bundle: RAR");
            gw.answer(afterBundle);
            assertEquals(1_000_000, granted(gw.exchange(Ccr.of(s, UPDATE, 3, null, Ccr.mscc(1, true, 0)))),
                    "granted from the bundle");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(server, "rar-answered") == 3);
            assertEquals(1, count(server, "asr-answered"));
        }
    }

    @Test
    void aGatewayThatNeverAnswersIsRetriedOnceThenCountedAndNothingIsCharged() throws Exception {
        try (TestServer server = TestServer.start("  message-timeout-millis: 2000\n"); RawGateway gw = new RawGateway(server.port)) {
            assertEquals(2001, gw.capabilities().avp(268).u32());
            server.core().provisioning().create("mute", List.of(SubscriberId.msisdn("491707770003")), 1_500);
            exhaust(gw, "pgw.test.localdomain;mute;1", "491707770003");
            server.core().provisioning().topUp("mute", 1_000, "voucher-2");
            DiameterMessage first = gw.next();
            DiameterMessage retry = gw.next();
            assertEquals(258, retry.command);
            assertEquals(first.hopByHop, retry.hopByHop, "the retry is the same request ...");
            assertTrue((retry.flags & FLAG_T) != 0, "... marked as retransmitted");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(server, "rar-failed") == 1);
            assertEquals(0, count(server, "rar-answered"));
            assertEquals(1_000, server.core().grid().accounts().get("mute").balance(), "the top-up, nothing else");
        }
    }

    @Test
    void aSignalForAGatewayNoNodeHoldsIsCountedNotLost() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.core().provisioning().create("gone", List.of(SubscriberId.msisdn("491707770004")), 1_500);
            try (RawGateway gw = new RawGateway(server.port)) {
                assertEquals(2001, gw.capabilities().avp(268).u32());
                exhaust(gw, "pgw.test.localdomain;gone;1", "491707770004");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !server.core().grid().signals().reachable(RawGateway.ORIGIN_HOST));
            server.core().provisioning().topUp("gone", 1_000, "voucher-3");
            assertEquals(1, count(server, "rar-unreachable"));
            assertEquals(0, count(server, "rar-sent"));
        }
    }
}
