package dev.regbench.fakeregistry.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.regbench.fakeregistry.http.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A set of {@link FaultRule}s and the seed that makes their draws repeatable: the n-th request
 * to a route is faulted or not depending only on (seed, route, n).
 *
 * <p>Built-in: {@code none}; {@code flaky} = on blobs and manifests, 2% {@code 503}, 1%
 * {@code 429} with {@code Retry-After: 1}, 0.5% connection reset mid-body.
 * YAML/JSON keys: {@code name} (default "custom"), {@code seed} (default 1), {@code rules}.
 * The terminal rules' probabilities (status, reset, stall, expire) may add up to at most 1
 * per route.
 *
 * <p>Immutable.
 */
public record FaultProfile(String name, long seed, List<FaultRule> rules) {

    public FaultProfile {
        name = name == null || name.isBlank() ? "custom" : name;
        rules = rules == null ? List.of() : List.copyOf(rules);
        Map<Route, Double> terminal = new EnumMap<>(Route.class);
        for (FaultRule rule : rules) {
            if (rule.kind().terminal()) {
                for (Route route : rule.routes()) {
                    double sum = terminal.merge(route, rule.probability(), Double::sum);
                    if (sum > 1.000001) {
                        throw new IllegalArgumentException("rules: the probabilities of status/reset/stall/expire "
                                + "rules on route " + route.key() + " add up to " + sum + ", more than 1");
                    }
                }
            }
        }
    }

    @JsonCreator
    static FaultProfile fromJson(@JsonProperty("name") String name, @JsonProperty("seed") Long seed,
            @JsonProperty("rules") List<FaultRule> rules) {
        return new FaultProfile(name, seed == null ? 1 : seed, rules);
    }

    /** No faults. */
    public static FaultProfile none() {
        return new FaultProfile("none", 1, List.of());
    }

    /** 2% 503, 1% 429 (Retry-After: 1), 0.5% reset mid-body, on blobs and manifests. */
    public static FaultProfile flaky() {
        Route[] routes = {Route.BLOBS, Route.MANIFESTS};
        return new FaultProfile("flaky", 1, List.of(
                FaultRule.status(503, 0.02, routes),
                FaultRule.tooManyRequests(Duration.ofSeconds(1), 0.01, routes),
                FaultRule.reset(null, 0.005, routes)));
    }

    /** A built-in profile ({@code none}, {@code flaky}); unknown names list the known ones. */
    public static FaultProfile named(String name) {
        return switch (name) {
            case "none" -> none();
            case "flaky" -> flaky();
            default -> throw new IllegalArgumentException("unknown fault profile '" + name
                    + "'; built-in profiles are none, flaky (or give a YAML/JSON file)");
        };
    }

    /** A built-in name, or a {@code .yaml}/{@code .yml}/{@code .json} file. */
    public static FaultProfile resolve(String nameOrFile) {
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || nameOrFile.endsWith(".json")) {
            return fromYaml(Path.of(nameOrFile));
        }
        return named(nameOrFile);
    }

    /** Reads a YAML (or, by extension, JSON) file; errors name the file and the key. */
    public static FaultProfile fromYaml(Path file) {
        return ProfileReader.readFile(file, FaultProfile.class);
    }

    /** Parses YAML text; {@code source} names it in errors. */
    public static FaultProfile fromYaml(String yaml, String source) {
        return ProfileReader.read(ProfileReader.YAML, yaml, source, FaultProfile.class);
    }

    /** Parses JSON text (the admin API's form); {@code source} names it in errors. */
    public static FaultProfile fromJson(String json, String source) {
        return ProfileReader.read(ProfileReader.JSON, json, source, FaultProfile.class);
    }

    /** This profile with another seed. */
    public FaultProfile withSeed(long newSeed) {
        return new FaultProfile(name, newSeed, rules);
    }

    /** This profile plus one rule. */
    public FaultProfile with(FaultRule rule) {
        List<FaultRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new FaultProfile(name, seed, more);
    }
}
