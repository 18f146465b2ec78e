package dev.regbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.harness.scenario.Scenario;
import dev.regbench.harness.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped scenario resolves: its configs load, its dataset and profiles exist by name or file. */
class ShippedScenariosTest {

    static List<Path> scenarios() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("../configs/scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shippedScenario_resolvesConfigsDatasetAndProfiles(Path file) {
        Scenario s = ScenarioLoader.load(file);
        assertThat(ScenarioRunner.variants(s)).hasSize(s.configs().size() * s.networks().size());
        assertThat(Registries.dataset(s.dataset()).name()).isNotBlank();
        assertThat(Registries.faults(s.faults())).isNotNull();
        s.networks().forEach(n -> assertThat(Registries.network(n)).isNotNull());
        // enough repetitions that every interval is a real 95% interval, not a range
        assertThat(s.repetitions()).as("repetitions of " + file).isGreaterThanOrEqualTo(dev.regbench.reports.stats.Stats.MIN_N_FOR_95);
    }
}
