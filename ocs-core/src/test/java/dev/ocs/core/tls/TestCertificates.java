package dev.ocs.core.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway keys for TLS tests, made with the JDK's keytool: self-signed EC certificates valid for two
 * days, in PKCS12 stores with the password {@link #PASSWORD} (also written to {@code store.pass}).
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-store-pw";

    private final Path dir;

    public TestCertificates(Path dir) throws IOException {
        this.dir = dir;
        Files.writeString(passwordFile(), PASSWORD + "\n");
    }

    public Path passwordFile() {
        return dir.resolve("store.pass");
    }

    /** A key pair and certificate for {@code name} (CN, and SAN dns:name, ip:127.0.0.1) in {@code <name>.p12}. */
    public Path identity(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=dns:" + name + ",ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** A truststore {@code <name>.p12} holding the certificates of the given identities. */
    public Path trusting(String name, Path... identities) throws Exception {
        Path store = dir.resolve(name + ".p12");
        for (Path id : identities) {
            String alias = id.getFileName().toString().replace(".p12", "");
            Path cert = dir.resolve(alias + ".crt");
            keytool("-exportcert", "-alias", alias, "-keystore", id.toString(), "-storepass", PASSWORD, "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-keystore", store.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + out);
        }
    }
}
