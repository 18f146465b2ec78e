package dev.regbench.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.regbench.reports.stats.Noise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An A/A calibration is kept per network profile: a noisy WAN sets no slack on loopback, nor loopback on WAN. */
class NoiseByNetworkTest {

    @TempDir
    Path dir;

    private static Map<String, double[][]> wall(double[] a, double[] copy) {
        return Map.of("wall_s", new double[][] {a, copy});
    }

    private static Noise twoProfiles() {
        Map<String, Map<String, double[][]>> pairs = new java.util.LinkedHashMap<>();
        // loopback strays at most 1% from itself, wan 20%
        pairs.put("loopback", wall(new double[] {1.00, 1.00, 1.00}, new double[] {1.01, 0.99, 1.00}));
        pairs.put("wan", wall(new double[] {2.0, 2.0, 2.0}, new double[] {2.4, 1.8, 2.0}));
        return Noise.calibratedByNetwork(pairs);
    }

    @Test
    void eachProfileTakesItsOwnNoise_anUncalibratedOneTheFallback() {
        Noise noise = twoProfiles();
        assertThat(noise.isCalibrated()).isTrue();
        assertThat(noise.minEffect("loopback", "wall_s")).isCloseTo(0.01, within(1e-9));
        assertThat(noise.minEffect("wan", "wall_s")).isCloseTo(0.20, within(1e-9));
        // a profile that ran no A/A arm gets the assumed ±5%, not another profile's noise
        assertThat(noise.minEffect("wan-link", "wall_s")).isEqualTo(noise.fallback());
        // read without a profile: the widest of the profiles
        assertThat(noise.minEffect("wall_s")).isCloseTo(0.20, within(1e-9));
        assertThat(noise.n()).isEqualTo(3);
    }

    @Test
    void noPairsAnywhere_isTheAssumedNoise() {
        assertThat(Noise.calibratedByNetwork(Map.of())).isEqualTo(Noise.ASSUMED);
        assertThat(Noise.ASSUMED.minEffect("wan", "wall_s")).isEqualTo(Noise.ASSUMED.fallback());
    }

    @Test
    void recomputedComparison_usesTheNoiseOfItsOwnProfile_andSurvivesAWriteAndRead() {
        List<ConfigEntry> configs = List.of(
                new ConfigEntry("a@loopback", "a.yaml", Map.of("network", "loopback")),
                new ConfigEntry("b@loopback", "b.yaml", Map.of("network", "loopback")),
                new ConfigEntry("a@wan", "a.yaml", Map.of("network", "wan")),
                new ConfigEntry("b@wan", "b.yaml", Map.of("network", "wan")));
        List<RunResult> runs = new ArrayList<>();
        for (int rep = 0; rep < 6; rep++) {
            for (ConfigEntry c : configs) {
                runs.add(new RunResult(c.name(), rep, true, null, Map.of("wall_s", 1.0 + rep * 0.01), Map.of()));
            }
        }
        Results r = new Results(Results.SCHEMA_VERSION, null, null, configs, runs, List.of(), List.of(), null, twoProfiles());
        assertThat(r.networkOf("a@wan")).isEqualTo("wan");
        assertThat(r.comparisonOf("a@loopback", "b@loopback", "wall_s").orElseThrow().minEffect()).isCloseTo(0.01, within(1e-9));
        assertThat(r.comparisonOf("a@wan", "b@wan", "wall_s").orElseThrow().minEffect()).isCloseTo(0.20, within(1e-9));
        Path file = dir.resolve("results.json");
        ResultsIo.write(r, file);
        assertThat(ResultsIo.read(file).noise()).isEqualTo(r.noise());
    }
}
