package dev.ocs.diameter.server;

import dev.ocs.core.config.TlsConfig;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.management.Rejections;
import dev.ocs.core.tls.TestCertificates;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Diameter over TLS with client certificates (RFC 6733 13): a gateway whose certificate the server
 * trusts and names its Origin-Host is served; one claiming another Origin-Host than its certificate
 * names gets CEA 3010; no certificate, an unknown one, or plain TCP on the TLS port get nothing.
 */
class DiameterTlsIT {

    @TempDir
    static Path dir;
    private static TestServer server;
    private static Path serverTrust;
    private static Path gatewayTrust;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Path ocs = certs.identity("ocs.localdomain");
        Path pgw1 = certs.identity("pgw1.test.localdomain");
        certs.identity("stranger.test.localdomain");
        serverTrust = certs.trusting("gateways", pgw1);
        gatewayTrust = certs.trusting("ocs-ca", ocs);
        server = TestServer.start("""
                  tls: {enabled: true, keystore: '%s', keystore-password-file: '%s', truststore: '%s',
                        truststore-password-file: '%s', client-auth: true}
                """.formatted(ocs, certs.passwordFile(), serverTrust, certs.passwordFile()));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static SSLContext gateway(String identity) {
        Path key = identity == null ? dir.resolve("no-key.p12") : dir.resolve(identity + ".p12");
        if (identity == null) {
            return trustOnly();
        }
        return new TlsConfig(true, key, TestCertificates.PASSWORD, gatewayTrust, TestCertificates.PASSWORD, false,
                TlsConfig.PROTOCOLS).context();
    }

    private static SSLContext trustOnly() {
        try {
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(gatewayTrust)) {
                ks.load(in, TestCertificates.PASSWORD.toCharArray());
            }
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGatewayWhoseCertificateNamesItsOriginHostIsServed() throws Exception {
        String msisdn = "491709900001";
        server.core().provisioning().create("tls-1", List.of(SubscriberId.msisdn(msisdn)), 1_000);
        try (RawGateway gw = new RawGateway(server.port, "pgw1.test.localdomain", gateway("pgw1.test.localdomain"))) {
            assertEquals(2001, gw.capabilities().avp(268).u32());
            DiameterMessage cca = gw.exchange(Ccr.of("pgw1.test.localdomain;tls;1", 1, 0, msisdn, Ccr.mscc(1, true, -1)));
            assertEquals(2001, cca.avp(268).u32(), "charged over TLS");
        }
    }

    @Test
    void anOriginHostItsCertificateDoesNotNameIsRefused() throws Exception {
        long before = server.core().rejections().get(Rejections.UNKNOWN_PEER);
        try (RawGateway gw = new RawGateway(server.port, "pgw2.test.localdomain", gateway("pgw1.test.localdomain"))) {
            DiameterMessage cea = gw.capabilities();
            assertEquals(3010, cea.avp(268).u32(), "DIAMETER_UNKNOWN_PEER");
            assertTrue(gw.closedByServer());
        }
        assertEquals(before + 1, server.core().rejections().get(Rejections.UNKNOWN_PEER));
    }

    @Test
    void noCertificateAnUnknownOneOrPlainTcpGetNothing() throws Exception {
        long before = server.core().rejections().get(Rejections.TLS_REFUSED);
        assertThrows(IOException.class, () -> {
            try (RawGateway gw = new RawGateway(server.port, "pgw1.test.localdomain", gateway(null))) {
                gw.capabilities();
            }
        }, "no client certificate");
        assertThrows(IOException.class, () -> {
            try (RawGateway gw = new RawGateway(server.port, "stranger.test.localdomain", gateway("stranger.test.localdomain"))) {
                gw.capabilities();
            }
        }, "a certificate the server does not trust");
        assertThrows(IOException.class, () -> {
            try (RawGateway gw = new RawGateway(server.port, "pgw1.test.localdomain")) {
                gw.capabilities();
            }
        }, "plain TCP on the TLS port");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> server.core().rejections().get(Rejections.TLS_REFUSED) >= before + 3);
    }
}
