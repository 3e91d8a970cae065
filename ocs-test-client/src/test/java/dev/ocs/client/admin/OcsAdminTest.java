package dev.ocs.client.admin;

import dev.ocs.core.OcsCore;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.management.JmxUsers;
import dev.ocs.core.management.Management;
import dev.ocs.core.management.RemoteJmx;
import dev.ocs.core.store.memory.MemoryGrid;
import dev.ocs.core.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The admin CLI against a real JMX connector with credentials. */
class OcsAdminTest {

    private static OcsCore core;
    private static Management management;
    private static RemoteJmx remote;
    private static String jmx;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, "users:\n  - {name: ops, role: operator, password-hash: \"" + JmxUsers.entryFor("pw") + "\"}\n");
        String yaml = "ledger: {cdr-directory: '" + dir.resolve("cdr") + "'}\n"
                + "bundles: [{name: day-1GB, price: 199, bytes: 1073741824, valid-days: 1}]\n";
        OcsConfig config = OcsConfig.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t"));
        core = OcsCore.start(config, new MemoryGrid(config.policy()), Clock.system());
        management = Management.register(core);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        remote = RemoteJmx.start("127.0.0.1", port, JmxUsers.load(users));
        jmx = "127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        remote.close();
        management.close();
        core.close();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run admin(String password, String... command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[command.length + 6];
        System.arraycopy(new String[]{"--jmx", jmx, "--user", "ops", "--password", password}, 0, args, 0, 6);
        System.arraycopy(command, 0, args, 6, command.length);
        int code = OcsAdmin.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theCommonOperatorCommands() {
        Run created = admin("pw", "create", "cli-1", "--subscriber", "e164:491706660099", "--balance", "1000");
        assertEquals(0, created.code(), created.err());
        assertTrue(created.out().contains("balance 1000"), created.out());
        assertTrue(admin("pw", "topup", "cli-1", "500", "--reference", "shop-1").out().startsWith("APPLIED"));
        assertTrue(admin("pw", "topup", "cli-1", "500", "--reference", "shop-1").out().startsWith("DUPLICATE"));
        assertTrue(admin("pw", "buy-bundle", "cli-1", "day-1GB", "--reference", "b-1").out().startsWith("APPLIED"));
        Run balance = admin("pw", "balance", "cli-1");
        assertTrue(balance.out().contains("balance 1301"), balance.out());
        assertTrue(balance.out().contains("bucket day-1GB: 1073741824 bytes left"), balance.out());
        Run ledger = admin("pw", "ledger", "cli-1", "-n", "5");
        assertTrue(ledger.out().contains("TOPUP") && ledger.out().contains("BUNDLE_PURCHASE"), ledger.out());
        assertEquals(0, admin("pw", "bar", "cli-1").code());
        assertTrue(admin("pw", "balance", "cli-1").out().contains("(BARRED)"));
        assertEquals(0, admin("pw", "unbar", "cli-1").code());
        Run stats = admin("pw", "stats");
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("accounts 1"), stats.out());
        assertTrue(stats.out().contains("store memory only: OK"), stats.out());
    }

    @Test
    void auditExitsZeroWhenEverythingBalancesAndOneWithTheFindingsWhenNot() throws Exception {
        assertEquals(0, admin("pw", "create", "aud-1", "--subscriber", "e164:491706660077", "--balance", "70").code());
        Run clean = admin("pw", "audit");
        assertEquals(0, clean.code(), clean.out() + clean.err());
        assertTrue(clean.out().contains("audit CLEAN"), clean.out());
        try (var files = Files.list(dir.resolve("cdr"))) {
            for (Path f : files.toList()) {
                Files.delete(f); // the exported half of every ledger is gone
            }
        }
        Run dirty = admin("pw", "audit");
        assertEquals(1, dirty.code(), dirty.out());
        assertTrue(dirty.out().contains("finding: account aud-1"), dirty.out());
        assertTrue(dirty.out().contains("audit FAILED"), dirty.out());
    }

    @Test
    void badInputAndBadPasswordsExitNonZeroWithAMessage() {
        Run negative = admin("pw", "topup", "nobody", "5", "--reference", "x");
        assertEquals(1, negative.code());
        assertTrue(negative.err().contains("unknown account nobody"), negative.err());
        Run wrong = admin("nope", "stats");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("ocs-admin:"), wrong.err());
        assertEquals(2, admin("pw", "topup", "cli-1").code(), "missing arguments are a usage error");
    }
}
