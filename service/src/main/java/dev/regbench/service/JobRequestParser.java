package dev.regbench.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.regbench.engine.config.ConfigException;
import dev.regbench.engine.config.TuningConfig;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates a {@code POST /jobs} body:
 * <pre>{"source": "127.0.0.1:5001/team/app", "destination": "127.0.0.1:5002/team/app",
 *  "tags": "v1\\..*", "config": "optimized"}</pre>
 * {@code tags} (a regex matched against whole tag names) defaults to {@code .*}; {@code config}
 * is a name for the {@link ConfigResolver} (default {@code optimized}), inline YAML text, or an
 * inline JSON object in the tuning config's shape. Every problem is a
 * {@link BadRequestException} naming the field. Thread-safe (stateless).
 */
final class JobRequestParser {

    /** What a submission asks for: the spec and how the config was named. */
    record Parsed(JobSpec spec, String configName) {
    }

    private static final Set<String> FIELDS = Set.of("source", "destination", "tags", "config");
    private static final Pattern CONFIG_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int MAX_REGEX = 1000;
    /** The config reader names an unknown key only in its message. */
    private static final Pattern UNKNOWN_KEY = Pattern.compile("unknown key '([A-Za-z0-9_.]+)'");

    private final ConfigResolver configs;

    JobRequestParser(ConfigResolver configs) {
        this.configs = configs;
    }

    Parsed parse(byte[] body) throws BadRequestException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException(400, null, "body is not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException(400, null, "body must be a JSON object with source, destination, tags, config");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw BadRequestException.field(name, "unknown field (known: config, destination, source, tags)");
            }
        }
        RepositoryRef source = ref(root, "source");
        RepositoryRef destination = ref(root, "destination");
        Pattern tags = tags(root.get("tags"));
        JsonNode config = root.get("config");
        String configName;
        TuningConfig tuning;
        if (config == null || config.isNull()) {
            configName = "optimized";
            tuning = named(configName);
        } else if (config.isTextual() && CONFIG_NAME.matcher(config.asText()).matches()) {
            configName = config.asText();
            tuning = named(configName);
        } else if (config.isTextual() || config.isObject()) {
            String yaml = config.isTextual() ? config.asText() : config.toString();
            try {
                tuning = TuningConfig.parse(yaml, "inline");
            } catch (ConfigException e) {
                String key = e.key();
                if (key.isEmpty()) {
                    java.util.regex.Matcher m = UNKNOWN_KEY.matcher(e.getMessage());
                    key = m.find() ? m.group(1) : "";
                }
                key = key.isEmpty() ? "config" : "config." + key;
                throw new BadRequestException(400, key, "config: " + e.getMessage());
            }
            configName = tuning.name();
        } else {
            throw BadRequestException.field("config", "must be a config name, inline YAML text or a JSON object");
        }
        return new Parsed(new JobSpec(source, destination, tags, tuning), configName);
    }

    private TuningConfig named(String name) throws BadRequestException {
        try {
            return configs.resolve(name);
        } catch (ConfigException e) {
            throw BadRequestException.field("config", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw BadRequestException.field("config", e.getMessage());
        }
    }

    private static RepositoryRef ref(JsonNode root, String field) throws BadRequestException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw BadRequestException.field(field, "is required (a repository like 127.0.0.1:5000/team/app)");
        }
        if (!n.isTextual()) {
            throw BadRequestException.field(field, "must be a string");
        }
        try {
            return RepositoryRef.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw BadRequestException.field(field, e.getMessage());
        }
    }

    private static Pattern tags(JsonNode n) throws BadRequestException {
        if (n == null || n.isNull()) {
            return Pattern.compile(".*");
        }
        if (!n.isTextual()) {
            throw BadRequestException.field("tags", "must be a regular expression string");
        }
        String regex = n.asText();
        if (regex.length() > MAX_REGEX) {
            throw BadRequestException.field("tags", "longer than " + MAX_REGEX + " characters");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw BadRequestException.field("tags", "not a valid regular expression: " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
