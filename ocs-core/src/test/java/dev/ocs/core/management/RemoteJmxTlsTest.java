package dev.ocs.core.management;

import dev.ocs.core.ManualClock;
import dev.ocs.core.OcsCore;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.config.TlsConfig;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.store.memory.MemoryGrid;
import dev.ocs.core.tls.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Remote JMX over TLS with client certificates: a client that trusts the server and presents a
 * certificate the server trusts reads over it with its PBKDF2 user; one without a certificate, one
 * with a certificate the server does not know, and one speaking plain RMI are refused. Each client is
 * a process of its own (JSSE settings are per JVM).
 */
class RemoteJmxTlsTest {

    @TempDir
    Path dir;

    private OcsCore core;
    private Management management;
    private RemoteJmx remote;
    private TestCertificates certs;
    private Path serverTrust;

    @BeforeEach
    void start() throws Exception {
        certs = new TestCertificates(dir);
        Path server = certs.identity("ocs-jmx");
        Path admin = certs.identity("admin");
        certs.identity("stranger");
        serverTrust = certs.trusting("jmx-clients", admin);
        Path users = dir.resolve("jmx-users.yaml");
        Files.writeString(users, "users:\n  - {name: ops, role: operator, password-hash: \"" + JmxUsers.entryFor("pw-ops") + "\"}\n");
        String yaml = """
                ledger: {cdr-directory: '%s'}
                jmx:
                  tls: {enabled: true, keystore: '%s', keystore-password-file: '%s', truststore: '%s',
                        truststore-password-file: '%s', client-auth: true}
                """.formatted(dir.resolve("cdr"), server, certs.passwordFile(), serverTrust, certs.passwordFile());
        ConfigTree root = ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t");
        OcsConfig config = OcsConfig.from(root);
        TlsConfig tls = JmxSettings.from(root).tls();
        core = OcsCore.start(config, new MemoryGrid(config.policy()), new ManualClock(1_780_000_000_000L));
        management = Management.register(core);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        remote = RemoteJmx.start("127.0.0.1", port, JmxUsers.load(users), tls);
        core.provisioning().create("acc-1", List.of(SubscriberId.msisdn("491707770001")), 1_234);
    }

    @AfterEach
    void stop() {
        remote.close();
        management.close();
        core.close();
    }

    @Test
    void aClientWithATrustedCertificateReadsOverTls() throws Exception {
        Path clientTrust = certs.trusting("client-trust-1", dir.resolve("ocs-jmx.p12"));
        assertEquals("BALANCE 1234", probe(clientTrust, dir.resolve("admin.p12"), "pw-ops"));
        assertTrue(probe(clientTrust, dir.resolve("admin.p12"), "wrong").startsWith("REFUSED"), "the password still counts");
    }

    @Test
    void noCertificateAnUnknownOneOrPlainRmiAreRefused() throws Exception {
        Path clientTrust = certs.trusting("client-trust-2", dir.resolve("ocs-jmx.p12"));
        assertTrue(probe(clientTrust, null, "pw-ops").startsWith("REFUSED"), "no client certificate");
        assertTrue(probe(clientTrust, dir.resolve("stranger.p12"), "pw-ops").startsWith("REFUSED"), "a certificate nobody vouched for");
        assertThrows(Exception.class, () -> {
            try (JMXConnector c = JMXConnectorFactory.connect(remote.url(),
                    Map.of(JMXConnector.CREDENTIALS, new String[]{"ops", "pw-ops"}))) {
                c.getMBeanServerConnection().getMBeanCount();
            }
        }, "plain RMI");
    }

    private String probe(Path trust, Path identity, String password) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"));
        if (identity != null) {
            cmd.addAll(List.of("-Djavax.net.ssl.keyStore=" + identity, "-Djavax.net.ssl.keyStorePassword=" + TestCertificates.PASSWORD,
                    "-Djavax.net.ssl.keyStoreType=PKCS12"));
        }
        cmd.addAll(List.of(JmxProbe.class.getName(), remote.url().toString(), "ops", password, "acc-1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().filter(l -> l.startsWith("BALANCE") || l.startsWith("REFUSED")).findFirst().orElse(out);
    }
}
