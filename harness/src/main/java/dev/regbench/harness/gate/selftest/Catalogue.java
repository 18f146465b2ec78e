package dev.regbench.harness.gate.selftest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.regbench.engine.config.SelftestRegressions;
import dev.regbench.harness.gate.GateInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The regression catalogue ({@code configs/gate/regressions.yaml}): the scenario the gate runs,
 * the config regressions apply to, and the regressions. Paths are resolved against the
 * catalogue's folder. Immutable.
 *
 * @param scenario    the gate scenario
 * @param config      name of the scenario's config the overrides apply to
 * @param repetitions repetitions of every self-test run (0 = the scenario's own)
 * @param regressions the deliberate regressions
 * @param file        where it was read from
 */
public record Catalogue(Path scenario, String config, int repetitions, List<Regression> regressions, Path file) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One deliberate regression.
     *
     * @param id          unique name (a row of the matrix)
     * @param description what it breaks
     * @param set         config overrides, dotted key to value
     * @param property    an engine self-test switch ({@link SelftestRegressions}), set to true
     * @param scenario    another scenario to run it in (resolved), or null for the catalogue's
     * @param jmh         also run the gated JMH benchmarks with it
     */
    public record Regression(String id, String description, Map<String, String> set, String property,
                             Path scenario, boolean jmh) {
        public Regression {
            set = set == null ? Map.of() : Map.copyOf(set);
        }
    }

    /** The file's shape. */
    record FileShape(@JsonProperty("scenario") String scenario, @JsonProperty("config") String config,
                     @JsonProperty("repetitions") Integer repetitions, @JsonProperty("regressions") List<Entry> regressions) {
    }

    /** One entry as written. */
    record Entry(@JsonProperty("id") String id, @JsonProperty("description") String description,
                 @JsonProperty("set") Map<String, String> set, @JsonProperty("property") String property,
                 @JsonProperty("scenario") String scenario, @JsonProperty("jmh") boolean jmh) {
    }

    /** Reads and checks a catalogue; any problem is one {@link GateInputException} naming the file and key. */
    public static Catalogue load(Path file) {
        FileShape shape;
        try {
            shape = YAML.readValue(Files.readString(file), FileShape.class);
        } catch (UnrecognizedPropertyException e) {
            throw new GateInputException(file + ": unknown key '" + e.getPropertyName()
                    + "' (known: scenario, config, repetitions, regressions; per regression: id, description, set, property, scenario, jmh)");
        } catch (IOException e) {
            throw new GateInputException(file + ": " + e.getMessage().lines().findFirst().orElse("cannot read"));
        }
        if (shape == null || shape.scenario() == null || shape.regressions() == null || shape.regressions().isEmpty()) {
            throw new GateInputException(file + ": needs 'scenario' and a non-empty 'regressions' list");
        }
        Path dir = file.toAbsolutePath().getParent();
        Set<String> ids = new HashSet<>();
        List<Regression> list = shape.regressions().stream().map(e -> {
            if (e.id() == null || e.id().isBlank() || !ids.add(e.id())) {
                throw new GateInputException(file + ": every regression needs a unique 'id' (" + e.id() + ")");
            }
            boolean hasSet = e.set() != null && !e.set().isEmpty();
            if (!hasSet && e.property() == null) {
                throw new GateInputException(file + ": regression '" + e.id() + "' needs 'set' or 'property'");
            }
            if (e.property() != null && !SelftestRegressions.names().contains(e.property())) {
                throw new GateInputException(file + ": regression '" + e.id() + "': unknown property '" + e.property()
                        + "' (known: " + SelftestRegressions.names() + ")");
            }
            Path scenario = e.scenario() == null ? null : dir.resolve(e.scenario()).normalize();
            if (scenario != null && !Files.isRegularFile(scenario)) {
                throw new GateInputException(file + ": regression '" + e.id() + "': no scenario " + scenario);
            }
            return new Regression(e.id(), e.description() == null ? e.id() : e.description(), e.set(), e.property(),
                    scenario, e.jmh());
        }).toList();
        Path scenario = dir.resolve(shape.scenario()).normalize();
        if (!Files.isRegularFile(scenario)) {
            throw new GateInputException(file + ": 'scenario': no such file " + scenario);
        }
        int reps = shape.repetitions() == null ? 0 : shape.repetitions();
        if (reps < 0 || reps == 1) {
            throw new GateInputException(file + ": 'repetitions' must be 0 (the scenario's) or at least 2, was " + reps);
        }
        return new Catalogue(scenario, shape.config() == null ? "optimized" : shape.config(), reps, list, file);
    }
}
