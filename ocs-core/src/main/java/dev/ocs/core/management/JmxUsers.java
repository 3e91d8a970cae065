package dev.ocs.core.management;

import dev.ocs.core.config.ConfigException;
import dev.ocs.core.config.ConfigTree;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may use remote JMX, from a YAML file (config/jmx-users.yaml): each user has a role and a
 * password hash made with PBKDF2 (HMAC-SHA256), its own random salt and iteration count:
 * {@code pbkdf2-sha256:<iterations>:<salt hex>:<hash hex>}. No plain password is stored, and a stolen
 * file costs an attacker {@code iterations} HMACs per guess per user. Make an entry with
 * {@code java -cp ocs-core.jar dev.ocs.core.management.JmxUsers <password>}.
 */
public final class JmxUsers {

    /** monitor: reads; operator: may also change accounts (the operations of each: {@link RoleAccess}). */
    public enum Role { MONITOR, OPERATOR }

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a quarter of a second per log-in here. */
    public static final int ITERATIONS_DEFAULT = 600_000;
    /** Entries with fewer iterations are refused when the file is read. */
    public static final int ITERATIONS_MIN = 100_000;
    private static final Pattern ENTRY = Pattern.compile("pbkdf2-sha256:(\\d{1,9}):([0-9a-f]{32,}):([0-9a-f]{64})");
    private static final String DUMMY_SALT = "00000000000000000000000000000000";

    private record User(int iterations, String salt, String hash, Role role) {
    }

    private final Map<String, User> users;

    private JmxUsers(Map<String, User> users) {
        this.users = users;
    }

    public static JmxUsers load(Path file) {
        ConfigTree root = ConfigTree.load(file).rejectUnknown("users");
        Map<String, User> users = new LinkedHashMap<>();
        for (ConfigTree u : root.sections("users")) {
            if (u.has("password-sha256")) {
                throw new ConfigException(u.key("password-sha256") + ": one round of SHA-256 is no longer accepted; make a "
                        + "password-hash entry with: java -cp ocs-core.jar dev.ocs.core.management.JmxUsers '<password>'");
            }
            u.rejectUnknown("name", "role", "password-hash");
            String name = u.requiredString("name");
            String role = u.requiredString("role");
            Role r = switch (role) {
                case "monitor" -> Role.MONITOR;
                case "operator" -> Role.OPERATOR;
                default -> throw new ConfigException(u.key("role") + " must be monitor or operator, got '" + role + "'");
            };
            Matcher m = ENTRY.matcher(u.requiredString("password-hash"));
            if (!m.matches()) {
                throw new ConfigException(u.key("password-hash") + " must be pbkdf2-sha256:<iterations>:<salt hex, 16 bytes or more>:<hash hex, 32 bytes>");
            }
            int iterations = Integer.parseInt(m.group(1));
            if (iterations < ITERATIONS_MIN) {
                throw new ConfigException(u.key("password-hash") + ": " + iterations + " iterations is too few (at least "
                        + ITERATIONS_MIN + ")");
            }
            if (users.put(name, new User(iterations, m.group(2), m.group(3), r)) != null) {
                throw new ConfigException(u.key("name") + ": user '" + name + "' is defined twice");
            }
        }
        if (users.isEmpty()) {
            throw new ConfigException(file + " defines no users");
        }
        return new JmxUsers(users);
    }

    /** The user's role when the password is right, else {@code null}. An unknown name costs as much as a known one. */
    public Role authenticate(String name, String password) {
        User u = users.get(name);
        String given = hash(u == null ? ITERATIONS_DEFAULT : u.iterations(), u == null ? DUMMY_SALT : u.salt(),
                password == null ? "" : password);
        boolean ok = u != null && MessageDigest.isEqual(HexFormat.of().parseHex(given), HexFormat.of().parseHex(u.hash()));
        return ok ? u.role() : null;
    }

    public Role role(String name) {
        User u = users.get(name);
        return u == null ? null : u.role();
    }

    static String hash(int iterations, String saltHex, String password) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), HexFormat.of().parseHex(saltHex), iterations, 256);
        try {
            return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A {@code password-hash} entry for a new password: fresh 16-byte salt, the default iterations. */
    public static String entryFor(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return "pbkdf2-sha256:" + ITERATIONS_DEFAULT + ":" + saltHex + ":" + hash(ITERATIONS_DEFAULT, saltHex, password);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: JmxUsers <password>   (prints the password-hash value for jmx-users.yaml)");
            System.exit(2);
        }
        System.out.println(entryFor(args[0]));
    }
}
