package dev.regbench.harness.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.engine.config.Durations;
import dev.regbench.harness.scenario.Scenario.Mode;
import dev.regbench.harness.scenario.Scenario.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads scenario YAML files. Unknown keys and bad values are errors naming the file and the key;
 * relative paths (configs, dataset and profile files) are resolved against the scenario's folder.
 * Stateless and thread-safe.
 */
public final class ScenarioLoader {

    /** Strict: a key written twice is an error naming it, never "the last one wins". */
    private static final ObjectMapper YAML = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> KEYS = new TreeSet<>(List.of(
            "name", "description", "dataset", "network", "networks", "faults", "mode", "source",
            "destination", "configs", "warmup", "repetitions", "timeBudget", "tags", "registries", "calibrate"));

    private ScenarioLoader() {
    }

    /** Loads a scenario file; {@code name} may also be a built-in name under {@code configs/scenarios/}. */
    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such scenario file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** Parses scenario YAML read from {@code file} (used in messages and to resolve paths). */
    @SuppressWarnings("unchecked")
    public static Scenario parse(String yaml, Path file) {
        Map<String, Object> map;
        try {
            Object tree = YAML.readValue(yaml, Object.class);
            if (!(tree instanceof Map)) {
                throw new ScenarioException(file + ": a scenario is a YAML mapping of keys (" + String.join(", ", KEYS) + ")");
            }
            map = new LinkedHashMap<>((Map<String, Object>) tree);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field '")) {
                String key = msg.substring("Duplicate field '".length(), msg.indexOf('\'', "Duplicate field '".length()));
                throw new ScenarioException(file + ": " + key + ": duplicate key (written twice)"
                        + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
            }
            throw new ScenarioException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ScenarioException(file + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Reader r = new Reader(map, file);
        Path folder = file.toAbsolutePath().getParent();
        String fileName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");

        List<String> networks = map.containsKey("networks") ? r.strings("networks") : List.of(r.string("network", "loopback"));
        if (map.containsKey("networks") && map.containsKey("network")) {
            throw new ScenarioException(file + ": give 'network' or 'networks', not both");
        }
        if (networks.isEmpty()) {
            throw new ScenarioException(file + ": 'networks' must list at least one network profile");
        }
        List<Path> configs = new ArrayList<>();
        for (String c : r.strings("configs")) {
            configs.add(folder.resolve(c).normalize());
        }
        if (configs.isEmpty()) {
            throw new ScenarioException(file + ": 'configs' must list at least one tuning config file");
        }
        int warmup = r.integer("warmup", 1, 0);
        int repetitions = r.integer("repetitions", 5, 1);
        String tags = r.string("tags", ".*");
        try {
            Pattern.compile(tags);
        } catch (PatternSyntaxException e) {
            throw new ScenarioException(file + ": 'tags' is not a valid regex: " + e.getDescription());
        }
        return new Scenario(
                r.string("name", fileName),
                r.string("description", ""),
                resolveIfFile(folder, r.required("dataset")),
                networks.stream().map(n -> resolveIfFile(folder, n)).toList(),
                resolveIfFile(folder, r.string("faults", "none")),
                r.mode(),
                r.target("source"),
                r.target("destination"),
                List.copyOf(configs),
                warmup,
                repetitions,
                r.duration("timeBudget", Duration.ZERO),
                tags,
                r.registries(),
                r.bool("calibrate", false),
                file);
    }

    /** A profile or dataset written as a file name becomes an absolute path; a built-in name stays. */
    static String resolveIfFile(Path folder, String value) {
        if (value.endsWith(".yaml") || value.endsWith(".yml") || value.endsWith(".json")) {
            return folder.resolve(value).normalize().toString();
        }
        return value;
    }

    /** Typed reads of one scenario map, each error naming the file and key. */
    private record Reader(Map<String, Object> map, Path file) {

        String required(String key) {
            Object v = map.get(key);
            if (v == null || v.toString().isBlank()) {
                throw new ScenarioException(file + ": missing required key '" + key + "'");
            }
            return scalar(key, v);
        }

        String string(String key, String dflt) {
            Object v = map.get(key);
            return v == null ? dflt : scalar(key, v);
        }

        private String scalar(String key, Object v) {
            if (v instanceof Map || v instanceof List) {
                throw new ScenarioException(file + ": '" + key + "' must be a single value, not " + (v instanceof Map ? "a mapping" : "a list"));
            }
            return v.toString();
        }

        List<String> strings(String key) {
            Object v = map.get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> list)) {
                return List.of(scalar(key, v));
            }
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(scalar(key, o));
            }
            return out;
        }

        boolean bool(String key, boolean dflt) {
            Object v = map.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw new ScenarioException(file + ": '" + key + "' must be true or false, not '" + v + "'");
        }

        int integer(String key, int dflt, int min) {
            Object v = map.get(key);
            if (v == null) {
                return dflt;
            }
            int n;
            try {
                n = Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new ScenarioException(file + ": '" + key + "' must be a whole number, not '" + v + "'");
            }
            if (n < min) {
                throw new ScenarioException(file + ": '" + key + "' must be at least " + min + ", not " + n);
            }
            return n;
        }

        Duration duration(String key, Duration dflt) {
            Object v = map.get(key);
            if (v == null) {
                return dflt;
            }
            try {
                return Durations.parse(v.toString());
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(file + ": '" + key + "': " + e.getMessage());
            }
        }

        Mode mode() {
            String v = string("mode", "copy");
            try {
                return Mode.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(file + ": 'mode' must be copy or resync, not '" + v + "'");
            }
        }

        Scenario.RegistryOptions registries() {
            Object v = map.get("registries");
            if (v == null) {
                return Scenario.RegistryOptions.DEFAULT;
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new ScenarioException(file + ": 'registries' must be a mapping (auth, tokenLifetime, http2)");
            }
            Duration lifetime = Scenario.RegistryOptions.DEFAULT.tokenLifetime();
            boolean token = false;
            boolean http2 = false;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = e.getKey().toString();
                String value = String.valueOf(e.getValue());
                switch (k) {
                    case "auth":
                        if (!value.equals("none") && !value.equals("token")) {
                            throw new ScenarioException(file + ": 'registries.auth' must be none or token, not '" + value + "'");
                        }
                        token = value.equals("token");
                        break;
                    case "tokenLifetime":
                        try {
                            lifetime = Durations.parse(value);
                        } catch (IllegalArgumentException ex) {
                            throw new ScenarioException(file + ": 'registries.tokenLifetime': " + ex.getMessage());
                        }
                        break;
                    case "http2":
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new ScenarioException(file + ": 'registries.http2' must be true or false, not '" + value + "'");
                        }
                        http2 = Boolean.parseBoolean(value);
                        break;
                    default:
                        throw new ScenarioException(file + ": unknown key 'registries." + k + "' (known: auth, tokenLifetime, http2)");
                }
            }
            return new Scenario.RegistryOptions(token, lifetime, http2);
        }

        @SuppressWarnings("unchecked")
        Target target(String key) {
            Object v = map.get(key);
            if (v == null) {
                return Target.embedded();
            }
            String kind;
            String creds = null;
            if (v instanceof Map<?, ?> m) {
                for (Object k : m.keySet()) {
                    if (!Set.of("kind", "url", "credentials").contains(k.toString())) {
                        throw new ScenarioException(file + ": unknown key '" + key + "." + k + "' (known: kind, url, credentials)");
                    }
                }
                Map<String, Object> t = (Map<String, Object>) m;
                kind = String.valueOf(t.getOrDefault("kind", t.containsKey("url") ? t.get("url") : "embedded"));
                creds = t.get("credentials") == null ? null : t.get("credentials").toString();
            } else {
                kind = scalar(key, v);
            }
            switch (kind) {
                case "embedded":
                    return new Target(Target.Kind.EMBEDDED, null, creds);
                case "distribution":
                    return new Target(Target.Kind.DISTRIBUTION, null, creds);
                default:
                    if (!kind.startsWith("http://127.0.0.1:") && !kind.startsWith("https://127.0.0.1:")) {
                        throw new ScenarioException(file + ": '" + key + "' must be embedded, distribution, "
                                + "or a URL on 127.0.0.1 like http://127.0.0.1:5000, not '" + kind + "'");
                    }
                    return new Target(Target.Kind.URL, kind, creds);
            }
        }
    }
}
