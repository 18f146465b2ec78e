package dev.regbench.harness.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One benchmark scenario, as read from {@code configs/scenarios/*.yaml}: what to copy, under
 * which conditions, with which tuning configs, how many times.
 *
 * <p>Every (network, config) pair is a <em>variant</em>; the runner runs all variants of one
 * repetition interleaved (A B A B …) so drift on a noisy machine hits all alike.
 *
 * @param name scenario name (defaults to the file name)
 * @param description one line for the report
 * @param dataset built-in dataset name, or a dataset YAML file resolved against the scenario's folder
 * @param networks network profiles (built-in names or YAML files); each is run with every config
 * @param faults fault profile for the source registry (built-in name or YAML file)
 * @param mode {@link Mode#COPY} into an empty destination, or {@link Mode#RESYNC}: a destination
 *     already holding everything, measuring a no-op re-sync
 * @param source the source registry
 * @param destination the destination registry
 * @param configs tuning config files, resolved against the scenario's folder
 * @param warmup unrecorded runs of each variant before the repetitions
 * @param repetitions recorded runs of each variant
 * @param timeBudget stop starting new repetitions once this much time has passed (0 = none)
 * @param tags regex of the tags to copy
 * @param registries how the embedded fake registries serve (auth, HTTP/2)
 * @param calibrate whether every run of it adds the A/A calibration arm (the reference config once
 *     more per repetition), so that each metric's minimum effect is its measured noise rather than
 *     the assumed ±5%; {@code run --calibrate} turns it on for any scenario
 * @param file the file it was read from
 */
public record Scenario(
        String name,
        String description,
        String dataset,
        List<String> networks,
        String faults,
        Mode mode,
        Target source,
        Target destination,
        List<Path> configs,
        int warmup,
        int repetitions,
        Duration timeBudget,
        String tags,
        RegistryOptions registries,
        boolean calibrate,
        Path file) {

    /**
     * How the embedded registries serve: {@code auth: token} makes them challenge for bearer
     * tokens (user {@code regbench}, password {@code regbench}) with the given token lifetime;
     * {@code http2: true} enables h2c. Immutable.
     */
    public record RegistryOptions(boolean tokenAuth, java.time.Duration tokenLifetime, boolean http2) {
        public static final RegistryOptions DEFAULT = new RegistryOptions(false, java.time.Duration.ofMinutes(5), false);
        /** The account the embedded registries grant tokens to. */
        public static final String CREDENTIALS = "regbench:regbench";
    }

    /** What one run does at the destination. */
    public enum Mode { COPY, RESYNC }

    /**
     * A registry taking part: {@code embedded} (a fake registry started by the runner),
     * {@code distribution} (a CNCF distribution registry started on 127.0.0.1), or a URL of a
     * running registry, with optional {@code USER:PASS} credentials.
     */
    public record Target(Kind kind, String url, String credentials) {
        public enum Kind { EMBEDDED, DISTRIBUTION, URL }

        public static Target embedded() {
            return new Target(Kind.EMBEDDED, null, null);
        }

        public Optional<String> credentialsIfAny() {
            return Optional.ofNullable(credentials);
        }

        @Override
        public String toString() {
            return kind == Kind.URL ? url : kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The same scenario with other tuning configs (compare and sweep use this). */
    public Scenario withConfigs(List<Path> newConfigs) {
        return new Scenario(name, description, dataset, networks, faults, mode, source, destination,
                List.copyOf(newConfigs), warmup, repetitions, timeBudget, tags, registries, calibrate, file);
    }

    /** The same scenario with other repetition counts (tests and quick runs use this). */
    public Scenario withRepetitions(int newWarmup, int newRepetitions) {
        return new Scenario(name, description, dataset, networks, faults, mode, source, destination,
                configs, newWarmup, newRepetitions, timeBudget, tags, registries, calibrate, file);
    }
}
