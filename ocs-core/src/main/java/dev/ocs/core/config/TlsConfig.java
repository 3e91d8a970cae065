package dev.ocs.core.config;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * A TLS endpoint's keys: the server's own key and certificate (a PKCS12 keystore) and, for mutual
 * authentication, the certificates its peers' must chain to (a truststore). Passwords are never in
 * the configuration: each names a file holding it (a mounted secret), or an environment variable.
 *
 * <pre>
 * tls:
 *   enabled: true
 *   keystore: /etc/ocs/tls/server.p12
 *   keystore-password-file: /etc/ocs/tls/server.pass     # or keystore-password-env: OCS_TLS_PASSWORD
 *   truststore: /etc/ocs/tls/peers.p12                    # the CA(s) of the peers' certificates
 *   client-auth: true                                     # peers must present a certificate
 * </pre>
 *
 * @param protocols TLS versions offered (1.3 and 1.2: RFC 6733 section 13 requires at least 1.2 support)
 */
public record TlsConfig(boolean enabled, Path keystore, String keystorePassword, Path truststore,
                        String truststorePassword, boolean clientAuth, String[] protocols) {

    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    public static TlsConfig off() {
        return new TlsConfig(false, null, "", null, "", false, PROTOCOLS);
    }

    /** Reads a {@code tls} section; an absent one is TLS off. */
    public static TlsConfig from(ConfigTree t) {
        t.rejectUnknown("enabled", "keystore", "keystore-password-file", "keystore-password-env", "truststore",
                "truststore-password-file", "truststore-password-env", "client-auth");
        if (!t.bool("enabled", false)) {
            return off();
        }
        Path keystore = Path.of(t.requiredString("keystore"));
        String truststore = t.string("truststore", "");
        boolean clientAuth = t.bool("client-auth", false);
        if (clientAuth && truststore.isBlank()) {
            throw new ConfigException(t.key("truststore") + " is required with client-auth: the certificates peers must chain to");
        }
        return new TlsConfig(true, keystore, secret(t, "keystore-password"), truststore.isBlank() ? null : Path.of(truststore),
                truststore.isBlank() ? "" : secret(t, "truststore-password"), clientAuth, PROTOCOLS);
    }

    private static String secret(ConfigTree t, String name) {
        String file = t.string(name + "-file", "");
        String env = t.string(name + "-env", "");
        if (!file.isBlank()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new ConfigException(t.key(name + "-file") + ": cannot read " + file + ": " + e.getMessage());
            }
        }
        if (!env.isBlank()) {
            String v = System.getenv(env);
            if (v == null) {
                throw new ConfigException(t.key(name + "-env") + ": the environment variable " + env + " is not set");
            }
            return v;
        }
        return "";
    }

    /** The context the endpoint's sockets are made from; errors name the file. */
    public SSLContext context() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keystore, keystorePassword), keystorePassword.toCharArray());
            TrustManagerFactory trust = null;
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(truststore, truststorePassword));
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("TLS keys in " + keystore + (truststore == null ? "" : " / " + truststore) + ": " + e.getMessage());
        }
    }

    private static KeyStore load(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.isEmpty() ? null : password.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read the PKCS12 store " + file + ": " + e.getMessage());
        }
    }
}
