package dev.regbench.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * One tuning config: every knob of the engine, in sections. Read from YAML with {@link #load}
 * or {@link #parse}; a section left out takes its section's {@code DEFAULT}, and a key left out
 * inside a section takes that key's default. Unknown keys and bad values are
 * {@link ConfigException}s naming the key and the file. Immutable and thread-safe.
 *
 * <p>{@link #DEFAULT} is every section's {@code DEFAULT}: the engine's optimized settings,
 * explained key by key in each section's javadoc ({@link TransportConfig}, {@link ReplicationConfig},
 * {@link BuffersConfig}, {@link RetryConfig}, {@link CircuitBreakerConfig}, {@link AuthCacheConfig},
 * {@link TimeoutsConfig}). Its name is {@code default}.
 *
 * <p>There is no {@code compression} section: registry blobs are stored and addressed by the
 * digest of their compressed bytes (layers are already gzip or zstd), so the engine cannot
 * re-compress them on the wire without breaking the digest, and a knob that did nothing was
 * removed. A config that still has one is an error naming the file and the key
 * ({@link #REMOVED_COMPRESSION}). Claim C3 is measured by {@code CompressionBenchmark}.
 */
public record TuningConfig(
        String name,
        TransportConfig transport,
        ReplicationConfig replication,
        BuffersConfig buffers,
        RetryConfig retry,
        CircuitBreakerConfig circuitBreaker,
        AuthCacheConfig auth,
        TimeoutsConfig timeouts) {

    /** Why a {@code compression:} section is refused. */
    public static final String REMOVED_COMPRESSION = "no such section: registry blobs are stored and digested "
            + "compressed (the digest names the gzip/zstd bytes), so the engine cannot compress them on the wire; "
            + "delete the section (claim C3 is measured by CompressionBenchmark)";

    public static final TuningConfig DEFAULT = new TuningConfig("default",
            TransportConfig.DEFAULT, ReplicationConfig.DEFAULT, BuffersConfig.DEFAULT, RetryConfig.DEFAULT,
            CircuitBreakerConfig.DEFAULT, AuthCacheConfig.DEFAULT, TimeoutsConfig.DEFAULT);

    public TuningConfig {
        Checks.present(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
        Checks.present(transport, "transport");
        Checks.present(replication, "replication");
        Checks.present(buffers, "buffers");
        Checks.present(retry, "retry");
        Checks.present(circuitBreaker, "circuitBreaker");
        Checks.present(auth, "auth");
        Checks.present(timeouts, "timeouts");
    }

    /** Reads a YAML file; the config's name defaults to the file name without {@code .yaml}. */
    public static TuningConfig load(Path yaml) {
        String source = yaml.toString();
        String text;
        try {
            text = Files.readString(yaml);
        } catch (IOException e) {
            throw new ConfigException(source, "", "cannot read file (" + e + ")", e);
        }
        return parse(text, source);
    }

    /**
     * Reads YAML text; {@code sourceName} (usually the file name) starts every error message and,
     * without its directories and {@code .yaml}, is the config's name unless the YAML sets one.
     */
    public static TuningConfig parse(String yaml, String sourceName) {
        JsonNode user;
        try {
            user = ConfigMapper.YAML.readTree(yaml);
        } catch (IOException e) {
            throw ConfigMapper.translate(sourceName, e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            user = JsonNodeFactory.instance.objectNode();
        }
        if (!user.isObject()) {
            throw new ConfigException(sourceName, "", "expected a mapping of sections (transport:, replication:, ...), got "
                    + user.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), null);
        }
        if (user.has("compression")) {
            throw new ConfigException(sourceName, "compression", REMOVED_COMPRESSION, null);
        }
        ObjectNode merged = DEFAULT.toTree();
        merged.put("name", defaultName(sourceName));
        overlay(merged, (ObjectNode) user, sourceName);
        return fromTree(merged, sourceName);
    }

    /**
     * A copy with one key changed, for sweeps: {@code with("replication.tagConcurrency", "4")},
     * {@code with("buffers.tiers", "8KiB,64KiB")}. The value is read as YAML would read it.
     *
     * @throws ConfigException naming the key when it does not exist or the value is bad
     */
    public TuningConfig with(String dottedKey, String value) {
        String source = "with(" + dottedKey + "=" + value + ")";
        ObjectNode tree = toTree();
        String[] parts = dottedKey.split("\\.", -1);
        ObjectNode parent = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (child == null || !child.isObject()) {
                throw unknownKey(source, dottedKey, parent);
            }
            parent = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        JsonNode current = parent.get(leaf);
        if (current == null || current.isObject()) {
            throw unknownKey(source, dottedKey, parent);
        }
        if (current.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            String list = value.strip();
            if (list.startsWith("[") && list.endsWith("]")) {
                list = list.substring(1, list.length() - 1);
            }
            for (String item : list.split(",")) {
                if (!item.isBlank()) {
                    array.add(item.strip());
                }
            }
            parent.set(leaf, array);
        } else {
            parent.set(leaf, TextNode.valueOf(value.strip()));
        }
        return fromTree(tree, source);
    }

    /** This config as YAML that {@link #parse} reads back to an equal config. */
    public String toYaml() {
        try {
            return ConfigMapper.YAML.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config " + name, e);
        }
    }

    private ObjectNode toTree() {
        return ConfigMapper.YAML.valueToTree(this);
    }

    private static TuningConfig fromTree(ObjectNode tree, String source) {
        try {
            return ConfigMapper.YAML.treeToValue(tree, TuningConfig.class);
        } catch (IOException e) {
            throw ConfigMapper.translate(source, e);
        }
    }

    /** Lays the user's keys over the defaults, one level into each known section. */
    private static void overlay(ObjectNode defaults, ObjectNode user, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode base = defaults.get(key);
            if (base != null && base.isObject()) {
                if (isEmpty(value)) {
                    continue; // "transport:" with every key commented out: all defaults
                }
                if (!value.isObject()) {
                    throw new ConfigException(source, key, "expected a mapping of keys, got '" + value.asText() + "'", null);
                }
                Iterator<Map.Entry<String, JsonNode>> inner = value.fields();
                while (inner.hasNext()) {
                    Map.Entry<String, JsonNode> ie = inner.next();
                    if (isEmpty(ie.getValue())) {
                        throw new ConfigException(source, key + "." + ie.getKey(),
                                "has no value (remove the line to take the default)", null);
                    }
                    ((ObjectNode) base).set(ie.getKey(), ie.getValue());
                }
            } else {
                if (isEmpty(value)) {
                    throw new ConfigException(source, key, "has no value (remove the line to take the default)", null);
                }
                defaults.set(key, value); // unknown keys stay, so Jackson reports them with the known ones
            }
        }
    }

    /** YAML's {@code key:} with nothing after it reads as null or as an empty string. */
    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty());
    }

    private static ConfigException unknownKey(String source, String dottedKey, ObjectNode parent) {
        java.util.TreeSet<String> known = new java.util.TreeSet<>();
        parent.fieldNames().forEachRemaining(known::add);
        return new ConfigException(source, "", "unknown key '" + dottedKey + "' (known here: "
                + String.join(", ", known) + ")", null);
    }

    private static String defaultName(String sourceName) {
        String n = sourceName == null ? "config" : sourceName;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        if (n.endsWith(".yaml")) {
            n = n.substring(0, n.length() - 5);
        } else if (n.endsWith(".yml")) {
            n = n.substring(0, n.length() - 4);
        }
        return n.isBlank() ? "config" : n;
    }
}
