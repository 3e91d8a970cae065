package dev.ocs.core.management;

import dev.ocs.api.ObjectNames;
import dev.ocs.api.AccountsMXBean;

import dev.ocs.core.ManualClock;
import dev.ocs.core.OcsCore;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.store.memory.MemoryGrid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Remote JMX over RMI on loopback: credentials required, monitor reads, operator changes balances. */
class RemoteJmxTest {

    @TempDir
    Path dir;

    private OcsCore core;
    private Management management;
    private RemoteJmx remote;

    @BeforeEach
    void start() throws Exception {
        Path users = dir.resolve("jmx-users.yaml");
        Files.writeString(users, """
                users:
                  - {name: ops, role: operator, password-hash: "%s"}
                  - {name: noc, role: monitor, password-hash: "%s"}
                """.formatted(JmxUsers.entryFor("s3cret-ops"), JmxUsers.entryFor("s3cret-noc")));
        String yaml = "ledger: {cdr-directory: '" + dir.resolve("cdr") + "'}\n";
        OcsConfig config = OcsConfig.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t"));
        core = OcsCore.start(config, new MemoryGrid(config.policy()), new ManualClock(1_780_000_000_000L));
        management = Management.register(core);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        remote = RemoteJmx.start("127.0.0.1", port, JmxUsers.load(users));
        core.provisioning().create("acc-1", List.of(dev.ocs.core.domain.SubscriberId.msisdn("491707770001")), 1_000);
    }

    @AfterEach
    void stop() {
        remote.close();
        management.close();
        core.close();
    }

    private JMXConnector connect(String user, String password) throws Exception {
        return JMXConnectorFactory.connect(remote.url(), Map.of(JMXConnector.CREDENTIALS, new String[]{user, password}));
    }

    private static AccountsMXBean accounts(JMXConnector c) throws Exception {
        return JMX.newMXBeanProxy(c.getMBeanServerConnection(), new ObjectName(ObjectNames.ACCOUNTS), AccountsMXBean.class);
    }

    @Test
    void operatorTopsUpOverRemoteJmx() throws Exception {
        try (JMXConnector c = connect("ops", "s3cret-ops")) {
            assertTrue(accounts(c).topUp("acc-1", 250, "remote-1").startsWith("APPLIED"));
            assertEquals(1_250, accounts(c).getAccount("acc-1").balance());
        }
    }

    @Test
    void monitorReadsButCannotTopUp() throws Exception {
        try (JMXConnector c = connect("noc", "s3cret-noc")) {
            assertEquals(1_000, accounts(c).getAccount("acc-1").balance());
            assertEquals(1, accounts(c).getAccountCount());
            SecurityException e = assertThrows(SecurityException.class, () -> accounts(c).topUp("acc-1", 250, "m-1"));
            assertTrue(e.getMessage().contains("topUp"), e.getMessage());
        }
        assertEquals(1_000, core.grid().accounts().get("acc-1").balance());
    }

    @Test
    void monitorMayNotRunTheReadsThatWalkEveryAccountOrOtherBeansOperations() throws Exception {
        try (JMXConnector c = connect("noc", "s3cret-noc")) {
            AccountsMXBean monitor = accounts(c);
            Map<String, org.junit.jupiter.api.function.Executable> refused = Map.of(
                    "listAuditFindings", monitor::listAuditFindings,
                    "listTotals", () -> JMX.newMXBeanProxy(c.getMBeanServerConnection(), new ObjectName(ObjectNames.LOAD_TEST),
                            dev.ocs.api.LoadTestMXBean.class).listTotals("acc-", 0, 100_000),
                    "createAccounts", () -> monitor.createAccounts("m-", 491708880000L, 10, 1),
                    "gc", () -> c.getMBeanServerConnection().invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null),
                    "getThreadInfo", () -> c.getMBeanServerConnection().invoke(new ObjectName("java.lang:type=Threading"),
                            "getThreadInfo", new Object[]{new long[]{1L}}, new String[]{long[].class.getName()}));
            refused.forEach((operation, call) -> {
                SecurityException e = assertThrows(SecurityException.class, call, operation);
                assertTrue(e.getMessage().contains(operation), e.getMessage());
            });
            assertEquals(List.of(), monitor.listSessions("acc-1"), "cheap reads stay open");
            assertNotNull(monitor.ledger("acc-1", 10));
            assertNotNull(c.getMBeanServerConnection().getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage"));
        }
        try (JMXConnector c = connect("ops", "s3cret-ops")) {
            assertEquals(List.of(), accounts(c).listAuditFindings(), "the operator may");
        }
    }

    /**
     * The role table: every operation of the Accounts bean is listed for a role (a new operation fails
     * here until it is classified), the monitor's are reads only, and each role is refused exactly the
     * operations not listed for it, whatever the arguments.
     */
    @Test
    void everyOperationIsListedForARoleAndEachRoleIsRefusedTheOthers() throws Exception {
        java.util.Set<String> all = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : AccountsMXBean.class.getMethods()) {
            all.add(m.getName());
        }
        java.util.Set<String> listed = new java.util.TreeSet<>(RoleAccess.MONITOR_OPERATIONS);
        listed.addAll(RoleAccess.OPERATOR_OPERATIONS);
        assertEquals(all, listed, "each operation of AccountsMXBean is listed for a role");
        for (String change : List.of("createAccount", "topUp", "adjust", "buyBundle", "bar", "unbar", "addSubscriber",
                "removeSubscriber", "releaseSession", "deleteAccount", "createAccounts")) {
            assertFalse(RoleAccess.MONITOR_OPERATIONS.contains(change), change + " changes state: not the monitor's");
        }
        assertFalse(RoleAccess.MONITOR_OPERATIONS.contains("listAuditFindings"), "re-reads every CDR: not the monitor's");
        java.util.Set<String> loadTest = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : dev.ocs.api.LoadTestMXBean.class.getMethods()) {
            loadTest.add(m.getName());
        }
        assertEquals(loadTest, RoleAccess.LOAD_TEST_OPERATIONS, "each operation of LoadTestMXBean is listed");
        ObjectName accountsBean = new ObjectName(ObjectNames.ACCOUNTS);
        try (JMXConnector noc = connect("noc", "s3cret-noc"); JMXConnector ops = connect("ops", "s3cret-ops")) {
            for (String operation : all) {
                boolean monitorMay = RoleAccess.MONITOR_OPERATIONS.contains(operation);
                // no arguments: an allowed call gets past the role check, then changes nothing (wrong signature)
                Exception byMonitor = failure(() -> noc.getMBeanServerConnection().invoke(accountsBean, operation,
                        new Object[0], new String[0]));
                assertEquals(!monitorMay, byMonitor instanceof SecurityException, operation + " for the monitor: " + byMonitor);
                Exception byOperator = failure(() -> ops.getMBeanServerConnection().invoke(accountsBean, operation,
                        new Object[0], new String[0]));
                assertFalse(byOperator instanceof SecurityException, operation + " for the operator: " + byOperator);
            }
            for (JMXConnector c : List.of(noc, ops)) {
                assertThrows(SecurityException.class, () -> c.getMBeanServerConnection().invoke(
                        new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap",
                        new Object[]{dir.resolve("heap.hprof").toString(), true}, new String[]{String.class.getName(), "boolean"}));
                assertThrows(SecurityException.class, () -> c.getMBeanServerConnection().setAttribute(
                        new ObjectName("java.lang:type=Memory"), new javax.management.Attribute("Verbose", true)));
            }
            assertFalse(Files.exists(dir.resolve("heap.hprof")), "no role dumps the heap remotely");
            ObjectName loadTestBean = new ObjectName(ObjectNames.LOAD_TEST);
            for (String operation : loadTest) {
                assertInstanceOf(SecurityException.class, failure(() -> noc.getMBeanServerConnection().invoke(loadTestBean,
                        operation, new Object[0], new String[0])), operation + " for the monitor");
                assertFalse(failure(() -> ops.getMBeanServerConnection().invoke(loadTestBean, operation, new Object[0],
                        new String[0])) instanceof SecurityException, operation + " for the operator");
            }
        }
        assertEquals(1_000, core.grid().accounts().get("acc-1").balance());
    }

    private static Exception failure(java.util.concurrent.Callable<?> call) {
        try {
            call.call();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void passwordsAreStoredAsPbkdf2WithASaltOfTheirOwn() throws Exception {
        String a = JmxUsers.entryFor("same-password");
        String b = JmxUsers.entryFor("same-password");
        assertTrue(a.startsWith("pbkdf2-sha256:" + JmxUsers.ITERATIONS_DEFAULT + ":"), a);
        assertNotEquals(a, b, "each entry has its own salt");
        Path weak = dir.resolve("weak.yaml");
        Files.writeString(weak, "users:\n  - {name: x, role: operator, password-hash: \"pbkdf2-sha256:1000:"
                + "00112233445566778899aabbccddeeff:" + "ab".repeat(32) + "\"}\n");
        assertTrue(assertThrows(dev.ocs.core.config.ConfigException.class, () -> JmxUsers.load(weak)).getMessage()
                .contains("too few"));
        Path legacy = dir.resolve("legacy.yaml");
        Files.writeString(legacy, "users:\n  - {name: x, role: operator, password-sha256: \"00:11\"}\n");
        assertTrue(assertThrows(dev.ocs.core.config.ConfigException.class, () -> JmxUsers.load(legacy)).getMessage()
                .contains("password-sha256"));
    }

    @Test
    void wrongPasswordOrNoCredentialsAreRejected() {
        assertThrows(SecurityException.class, () -> connect("ops", "guess"));
        assertThrows(SecurityException.class, () -> connect("nobody", "s3cret-ops"));
        assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(remote.url(), Map.of()));
    }
}
