package dev.regbench.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {

    private static final Path FILE = Path.of("/tmp/scenarios/s.yaml");
    private static final Path SHIPPED = Path.of("../configs/scenarios");

    @Test
    void parse_readsEveryKeyAndResolvesPathsAgainstTheScenarioFolder() {
        Scenario s = ScenarioLoader.parse("""
                name: demo
                dataset: ../datasets/quick.yaml
                networks: [loopback, wan]
                faults: flaky
                mode: resync
                destination: distribution
                configs: [../baseline.yaml, ../optimized.yaml]
                warmup: 2
                repetitions: 7
                timeBudget: 90s
                tags: "v[0-9]+"
                """, FILE);
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.dataset()).isEqualTo("/tmp/datasets/quick.yaml");
        assertThat(s.networks()).containsExactly("loopback", "wan");
        assertThat(s.mode()).isEqualTo(Scenario.Mode.RESYNC);
        assertThat(s.destination().kind()).isEqualTo(Scenario.Target.Kind.DISTRIBUTION);
        assertThat(s.source().kind()).isEqualTo(Scenario.Target.Kind.EMBEDDED);
        assertThat(s.configs()).containsExactly(Path.of("/tmp/baseline.yaml"), Path.of("/tmp/optimized.yaml"));
        assertThat(s.warmup()).isEqualTo(2);
        assertThat(s.repetitions()).isEqualTo(7);
        assertThat(s.timeBudget()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void parse_defaultsNameToFileAndNetworkToLoopback() {
        Scenario s = ScenarioLoader.parse("dataset: tiny\nconfigs: [a.yaml]\n", FILE);
        assertThat(s.name()).isEqualTo("s");
        assertThat(s.networks()).containsExactly("loopback");
        assertThat(s.repetitions()).isEqualTo(5);
        assertThat(s.warmup()).isEqualTo(1);
        assertThat(s.tags()).isEqualTo(".*");
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of("unknown key", "dataset: tiny\nconfigs: [a.yaml]\nrepetitons: 3\n", "unknown key 'repetitons'"),
                Arguments.of("missing dataset", "configs: [a.yaml]\n", "missing required key 'dataset'"),
                Arguments.of("no configs", "dataset: tiny\n", "'configs' must list at least one"),
                Arguments.of("bad repetitions", "dataset: tiny\nconfigs: [a.yaml]\nrepetitions: many\n", "'repetitions' must be a whole number"),
                Arguments.of("zero repetitions", "dataset: tiny\nconfigs: [a.yaml]\nrepetitions: 0\n", "'repetitions' must be at least 1"),
                Arguments.of("bad duration", "dataset: tiny\nconfigs: [a.yaml]\ntimeBudget: 3 fortnights\n", "'timeBudget'"),
                Arguments.of("bad mode", "dataset: tiny\nconfigs: [a.yaml]\nmode: mirror\n", "'mode' must be copy or resync"),
                Arguments.of("remote url", "dataset: tiny\nconfigs: [a.yaml]\nsource: https://registry.example.com\n", "must be embedded, distribution, or a URL on 127.0.0.1"),
                Arguments.of("bad regex", "dataset: tiny\nconfigs: [a.yaml]\ntags: \"v[\"\n", "'tags' is not a valid regex"),
                Arguments.of("both network keys", "dataset: tiny\nconfigs: [a.yaml]\nnetwork: wan\nnetworks: [wan]\n", "not both"),
                Arguments.of("not a mapping", "- a\n- b\n", "a scenario is a YAML mapping"),
                Arguments.of("broken yaml", "dataset: [tiny\n", "not valid YAML"),
                Arguments.of("duplicate key", "dataset: tiny\nconfigs: [a.yaml]\nrepetitions: 3\nrepetitions: 6\n",
                        "repetitions: duplicate key"),
                Arguments.of("unknown target key", "dataset: tiny\nconfigs: [a.yaml]\nsource: {kind: embedded, port: 5}\n", "unknown key 'source.port'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarios")
    void parse_rejectsBadInputNamingFileAndKey(String description, String yaml, String message) {
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, FILE))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(FILE.toString())
                .hasMessageContaining(message);
    }

    @Test
    void parse_calibrateIsOffUnlessTheScenarioAsks_andMustBeABoolean() {
        assertThat(ScenarioLoader.parse("dataset: tiny\nconfigs: [a.yaml]\n", FILE).calibrate()).isFalse();
        assertThat(ScenarioLoader.parse("dataset: tiny\nconfigs: [a.yaml]\ncalibrate: true\n", FILE).calibrate()).isTrue();
        assertThatThrownBy(() -> ScenarioLoader.parse("dataset: tiny\nconfigs: [a.yaml]\ncalibrate: often\n", FILE))
                .hasMessage(FILE + ": 'calibrate' must be true or false, not 'often'");
    }

    @Test
    void load_missingFileIsNamed() {
        assertThatThrownBy(() -> ScenarioLoader.load(Path.of("/nonexistent/x.yaml")))
                .hasMessage("/nonexistent/x.yaml: no such scenario file");
    }

    @Test
    void everyShippedScenarioLoadsAndNamesExistingConfigs() throws Exception {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Scenario s = ScenarioLoader.load(file);
                assertThat(s.configs()).as(file.toString()).allSatisfy(c -> assertThat(c).exists());
                if (s.dataset().endsWith(".yaml")) {
                    assertThat(Path.of(s.dataset())).as(file + " dataset").exists();
                }
            }
        }
    }
}
