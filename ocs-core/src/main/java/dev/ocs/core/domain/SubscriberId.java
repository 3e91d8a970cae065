package dev.ocs.core.domain;

import java.util.Objects;

/**
 * An identity under which a gateway names the subscriber (Subscription-Id, RFC 4006 8.46).
 * The key form {@code e164:491700000001} / {@code imsi:262010000000001} is what the directory
 * stores and what operators type.
 */
public record SubscriberId(Type type, String value) {

    public enum Type {
        E164("e164"), IMSI("imsi"), SIP_URI("sip"), NAI("nai"), PRIVATE("private");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public SubscriberId {
        Objects.requireNonNull(type, "subscriber id type");
        Objects.requireNonNull(value, "subscriber id value");
        switch (type) {
            case E164 -> requireDigits(value, 5, 15, "MSISDN (E.164)");
            case IMSI -> requireDigits(value, 6, 15, "IMSI");
            default -> {
                if (value.isBlank() || value.length() > 256) {
                    throw new IllegalArgumentException(type + " subscriber id must be 1..256 characters");
                }
            }
        }
    }

    public static SubscriberId msisdn(String digits) {
        return new SubscriberId(Type.E164, digits);
    }

    public static SubscriberId imsi(String digits) {
        return new SubscriberId(Type.IMSI, digits);
    }

    /** Parses the key form {@code type:value}, e.g. {@code e164:491700000001}. */
    public static SubscriberId parse(String key) {
        Objects.requireNonNull(key, "subscriber id");
        int colon = key.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("subscriber id '" + key + "' must look like e164:<digits> or imsi:<digits>");
        }
        String prefix = key.substring(0, colon);
        for (Type t : Type.values()) {
            if (t.prefix.equals(prefix)) {
                return new SubscriberId(t, key.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException("subscriber id '" + key + "' has unknown type '" + prefix + "'");
    }

    public String key() {
        return type.prefix + ':' + value;
    }

    private static void requireDigits(String value, int min, int max, String what) {
        int n = value.length();
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " '" + value + "' must have " + min + ".." + max + " digits");
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " '" + value + "' must contain digits only");
            }
        }
    }

    @Override
    public String toString() {
        return key();
    }
}
