package dev.ocs.core.management;

import dev.ocs.core.config.ConfigException;
import dev.ocs.core.config.ConfigTree;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may use remote JMX, from a YAML file (config/jmx-users.yaml): each user has a role and a
 * salted SHA-256 password hash ({@code salt-hex:hash-hex}); no plain passwords are stored.
 * Make a hash with {@code java -cp ocs-core.jar dev.ocs.core.management.JmxUsers <password>}.
 */
public final class JmxUsers {

    /** monitor: read only; operator: may also change accounts. */
    public enum Role { MONITOR, OPERATOR }

    private record User(String salt, String hash, Role role) {
    }

    private final Map<String, User> users;

    private JmxUsers(Map<String, User> users) {
        this.users = users;
    }

    public static JmxUsers load(Path file) {
        ConfigTree root = ConfigTree.load(file).rejectUnknown("users");
        Map<String, User> users = new LinkedHashMap<>();
        for (ConfigTree u : root.sections("users")) {
            u.rejectUnknown("name", "role", "password-sha256");
            String name = u.requiredString("name");
            String role = u.requiredString("role");
            Role r = switch (role) {
                case "monitor" -> Role.MONITOR;
                case "operator" -> Role.OPERATOR;
                default -> throw new ConfigException(u.key("role") + " must be monitor or operator, got '" + role + "'");
            };
            String[] parts = u.requiredString("password-sha256").split(":");
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{16,}") || !parts[1].matches("[0-9a-f]{64}")) {
                throw new ConfigException(u.key("password-sha256") + " must be <salt hex>:<sha-256 hex>");
            }
            if (users.put(name, new User(parts[0], parts[1], r)) != null) {
                throw new ConfigException(u.key("name") + ": user '" + name + "' is defined twice");
            }
        }
        if (users.isEmpty()) {
            throw new ConfigException(file + " defines no users");
        }
        return new JmxUsers(users);
    }

    /** The user's role when the password is right, else {@code null}. */
    public Role authenticate(String name, String password) {
        User u = users.get(name);
        String given = hash(u == null ? "00000000000000000000000000000000" : u.salt(), password == null ? "" : password);
        boolean ok = u != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
                u.hash().getBytes(StandardCharsets.US_ASCII));
        return ok ? u.role() : null;
    }

    public Role role(String name) {
        User u = users.get(name);
        return u == null ? null : u.role();
    }

    static String hash(String saltHex, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HexFormat.of().parseHex(saltHex));
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code salt:hash} entry for a new password. */
    public static String entryFor(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return saltHex + ":" + hash(saltHex, password);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: JmxUsers <password>   (prints the password-sha256 value for jmx-users.yaml)");
            System.exit(2);
        }
        System.out.println(entryFor(args[0]));
    }
}
