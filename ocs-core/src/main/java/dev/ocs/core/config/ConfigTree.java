package dev.ocs.core.config;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A section of the YAML configuration with typed, range-checked getters. Every error names the full
 * key ({@code charging.quota-bytes}), and {@link #rejectUnknown} catches misspelled keys, so a bad
 * file fails at start-up with a message an operator can act on.
 */
public final class ConfigTree {

    private final String path;
    private final Map<String, Object> values;

    private ConfigTree(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    public static ConfigTree empty() {
        return new ConfigTree("", Map.of());
    }

    public static ConfigTree load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage(), e);
        }
    }

    public static ConfigTree load(InputStream in, String source) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromInputStream(in);
        } catch (YamlEngineException e) {
            throw new ConfigException("configuration " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return empty();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException("configuration " + source + " must be a YAML mapping at the top");
        }
        return new ConfigTree("", stringKeys("", map));
    }

    private static Map<String, Object> stringKeys(String path, Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(k instanceof String key)) {
                throw new ConfigException("key " + k + " under '" + path + "' must be a string");
            }
            out.put(key, v);
        });
        return out;
    }

    public String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public ConfigTree section(String name) {
        Object v = values.get(name);
        if (v == null) {
            return new ConfigTree(key(name), Map.of());
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new ConfigException(key(name) + " must be a mapping");
        }
        return new ConfigTree(key(name), stringKeys(key(name), map));
    }

    public List<ConfigTree> sections(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(key(name) + " must be a list");
        }
        List<ConfigTree> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String p = key(name) + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new ConfigException(p + " must be a mapping");
            }
            out.add(new ConfigTree(p, stringKeys(p, map)));
        }
        return out;
    }

    public String string(String name, String fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(key(name) + " must be a single value");
        }
        return v.toString();
    }

    public String requiredString(String name) {
        String s = string(name, null);
        if (s == null || s.isBlank()) {
            throw new ConfigException(key(name) + " is required");
        }
        return s;
    }

    public long longValue(String name, long fallback, long min, long max) {
        Object v = values.get(name);
        long n;
        if (v == null) {
            n = fallback;
        } else if (v instanceof Integer || v instanceof Long) {
            n = ((Number) v).longValue();
        } else if (v instanceof String s && s.matches("-?\\d+")) {
            n = parse(name, s);
        } else {
            throw new ConfigException(key(name) + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new ConfigException(key(name) + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    public long requiredLong(String name, long min, long max) {
        if (!has(name)) {
            throw new ConfigException(key(name) + " is required");
        }
        return longValue(name, 0, min, max);
    }

    private long parse(String name, String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ConfigException(key(name) + " is out of range: " + s);
        }
    }

    public boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(key(name) + " must be true or false, got '" + v + "'");
    }

    public List<String> strings(String name, List<String> fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(key(name) + " must be a list");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o == null || o instanceof Map || o instanceof List) {
                throw new ConfigException(key(name) + " must be a list of plain values");
            }
            out.add(o.toString());
        }
        return Collections.unmodifiableList(out);
    }

    public List<Long> longs(String name) {
        List<Long> out = new ArrayList<>();
        for (String s : strings(name, List.of())) {
            try {
                out.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new ConfigException(key(name) + " must be a list of whole numbers, got '" + s + "'");
            }
        }
        return out;
    }

    /** Fails when the section has a key that is not one of {@code known} (a typo would otherwise be ignored). */
    public ConfigTree rejectUnknown(String... known) {
        Set<String> allowed = Set.of(known);
        Set<String> unknown = new TreeSet<>();
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) {
                unknown.add(key(k));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown configuration key(s) " + unknown + "; known here: " + new TreeSet<>(allowed));
        }
        return this;
    }
}
