package dev.regbench.service;

import dev.regbench.engine.config.TuningConfig;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one job copies: every tag matching {@code tags} of the source repository to the
 * destination repository, with a tuning config. Immutable; built from a validated
 * {@code POST /jobs} body by {@link JobRequestParser}.
 *
 * @param source      source repository, {@code [http://|https://]host[:port]/repo/name}
 * @param destination destination repository, same form
 * @param tags        tags to copy (whole-tag match); {@code .*} copies every tag
 * @param config      the tuning config the engine runs with
 */
public record JobSpec(RepositoryRef source, RepositoryRef destination, Pattern tags, TuningConfig config) {

    public JobSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(config, "config");
    }

    /** True when {@code tag} is to be copied. */
    public boolean matches(String tag) {
        return tags.matcher(tag).matches();
    }
}
