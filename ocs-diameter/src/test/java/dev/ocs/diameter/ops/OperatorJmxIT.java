package dev.ocs.diameter.ops;

import dev.ocs.api.ObjectNames;
import dev.ocs.api.AccountView;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.core.management.JmxUsers;
import dev.ocs.api.LedgerView;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An operator over authenticated remote JMX and a gateway over Diameter on one running server:
 * create, top up twice with one reference, buy a bundle, spend it over Gy, read the ledger, hear each
 * threshold notification exactly once over the connector, bar.
 */
class OperatorJmxIT {

    @TempDir
    Path dir;

    @Test
    void operatorAndGatewayTogether() throws Exception {
        Path users = dir.resolve("jmx-users.yaml");
        Files.writeString(users, "users:\n  - {name: ops, role: operator, password-hash: \"" + JmxUsers.entryFor("pw-ops")
                + "\"}\n  - {name: noc, role: monitor, password-hash: \"" + JmxUsers.entryFor("pw-noc") + "\"}\n");
        int jmxPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            jmxPort = s.getLocalPort();
        }
        String root = "jmx: {enabled: true, port: " + jmxPort + ", users-file: '" + users + "'}\n"
                + "bundles: [{name: day-2MB, price: 100, bytes: 2000000, valid-days: 1, rating-groups: [1]}]\n"
                + "thresholds: {low-balance-money: 200, low-balance-bytes: 1000000}\n";
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        try (TestServer server = TestServer.start("", root);
             JMXConnector ops = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[]{"ops", "pw-ops"}));
             RawGateway gw = new RawGateway(server.port)) {
            AccountsMXBean accounts = JMX.newMXBeanProxy(ops.getMBeanServerConnection(), new ObjectName(ObjectNames.ACCOUNTS),
                    AccountsMXBean.class);
            List<Notification> heard = new CopyOnWriteArrayList<>();
            ops.getMBeanServerConnection().addNotificationListener(new ObjectName(ObjectNames.ACCOUNTS),
                    (n, handback) -> heard.add(n), null, null);
            accounts.createAccount("sub-1", List.of("e164:491709990001"), 0);
            assertTrue(accounts.topUp("sub-1", 500, "shop-17").startsWith("APPLIED"));
            assertTrue(accounts.topUp("sub-1", 500, "shop-17").startsWith("DUPLICATE"));
            assertTrue(accounts.buyBundle("sub-1", "day-2MB", "buy-1").startsWith("APPLIED"));
            assertEquals(400, accounts.getAccount("sub-1").balance());

            assertEquals(2001, gw.capabilities().avp(268).u32());
            String s = "pgw.test.localdomain;ops;1";
            DiameterMessage cca = gw.exchange(Ccr.of(s, Ccr.INITIAL, 0, "491709990001", Ccr.mscc(1, true, -1)));
            assertEquals(2001, cca.avp(268).u32());
            gw.exchange(Ccr.of(s, Ccr.TERMINATION, 1, null, Ccr.mscc(1, false, 1_500_000)));

            AccountView after = accounts.getAccount("sub-1");
            assertEquals(400, after.balance(), "the bundle paid for the usage");
            assertEquals(500_000, after.buckets().get(0).remainingBytes());
            List<LedgerView> ledger = accounts.ledger("sub-1", 10);
            assertEquals(List.of("OPENING", "TOPUP", "BUNDLE_PURCHASE", "USAGE"), ledger.stream().map(LedgerView::type).toList());
            assertEquals(-1_500_000, ledger.get(3).bucketBytes());

            // bundle 500 kB left, money 400 at 1 per 1000 bytes: use up the bundle, then cross 200, then reach 0
            String spend = "pgw.test.localdomain;ops;3";
            gw.exchange(Ccr.of(spend, Ccr.INITIAL, 0, "491709990001", Ccr.mscc(1, true, -1)));
            gw.exchange(Ccr.of(spend, Ccr.UPDATE, 1, null, Ccr.mscc(1, true, 500_000)));
            gw.exchange(Ccr.of(spend, Ccr.UPDATE, 2, null, Ccr.mscc(1, true, 250_000)));
            gw.exchange(Ccr.of(spend, Ccr.UPDATE, 3, null, Ccr.mscc(1, true, 100_000)));
            gw.exchange(Ccr.of(spend, Ccr.TERMINATION, 4, null, Ccr.mscc(1, false, 50_000)));
            assertEquals(0, accounts.getAccount("sub-1").balance());
            accounts.topUp("sub-1", 1, "marker");
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream()
                    .filter(n -> n.getType().equals("ocs.account.top-up")).count() == 2);
            assertEquals(List.of("ocs.account.top-up", "ocs.account.bundle-purchased", "ocs.account.low-data",
                    "ocs.account.data-exhausted", "ocs.account.low-balance", "ocs.account.exhausted", "ocs.account.top-up"),
                    heard.stream().map(Notification::getType).toList(), "each crossing once, in ledger order");
            assertEquals(500_000L, ((Map<?, ?>) heard.get(2).getUserData()).get("amount"), "bytes left when low");

            RuntimeException unknown = assertThrows(RuntimeException.class, () -> accounts.topUp("sub-9", 5, "r-9"));
            assertTrue(String.valueOf(unknown.getMessage()).contains("unknown account sub-9"), unknown.toString());
            RuntimeException negative = assertThrows(RuntimeException.class, () -> accounts.topUp("sub-1", -5, "r-10"));
            assertTrue(String.valueOf(negative.getMessage()).contains("amount"), negative.toString());
            assertThrows(RuntimeException.class, () -> accounts.createAccount("sub-2", List.of("e164:12ab"), 10));
            assertEquals(1, accounts.getAccount("sub-1").balance(), "refused input changed nothing");

            accounts.bar("sub-1");
            assertEquals(4010, gw.exchange(Ccr.of("pgw.test.localdomain;ops;2", Ccr.INITIAL, 0, "491709990001",
                    Ccr.mscc(1, true, -1))).avp(268).u32());

            try (JMXConnector noc = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[]{"noc", "pw-noc"}))) {
                AccountsMXBean monitor = JMX.newMXBeanProxy(noc.getMBeanServerConnection(), new ObjectName(ObjectNames.ACCOUNTS),
                        AccountsMXBean.class);
                assertEquals(1, monitor.getAccount("sub-1").balance());
                assertThrows(SecurityException.class, () -> monitor.topUp("sub-1", 1, "m"));
            }
            assertThrows(SecurityException.class,
                    () -> JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[]{"ops", "nope"})));
        } finally {
            Files.deleteIfExists(users);
        }
    }
}
