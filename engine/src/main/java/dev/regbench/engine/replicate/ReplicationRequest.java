package dev.regbench.engine.replicate;

import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.shard.Shard;
import dev.regbench.engine.shard.ShardUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to replicate. Immutable.
 *
 * <ul>
 *   <li>{@code source} with repository and tag/digest: that one image;</li>
 *   <li>with repository only: its tags (filtered by {@code tagFilter});</li>
 *   <li>{@code repositories} not empty: those repositories of the source registry;</li>
 *   <li>{@code allRepositories} (or a source without repository): every repository of the
 *       catalog.</li>
 * </ul>
 * {@code destination} with a repository renames a single source repository to it; without one,
 * repositories keep their names. The tag or digest of the destination is ignored (the source's
 * tags are kept).
 *
 * @param tagFilter a regex matched against the whole tag ({@code matches()}); empty = all tags
 * @param dryRun    report what would be copied, write nothing
 * @param keepGoing on a failed tag carry on with the others (otherwise no new tag is started)
 * @param shard     which part of the selected images this run copies ({@link Shard#ALL}: all of them);
 *                  the split is made after listing and filtering, see {@link Shard#select}
 * @param shardUnit what the shard splits: images or whole repositories
 */
public record ReplicationRequest(ImageReference source, ImageReference destination, List<String> repositories,
                                 boolean allRepositories, Optional<Pattern> tagFilter, boolean dryRun,
                                 boolean keepGoing, Shard shard, ShardUnit shardUnit) {

    public ReplicationRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        shard = shard == null ? Shard.ALL : shard;
        shardUnit = shardUnit == null ? ShardUnit.IMAGE : shardUnit;
        repositories = List.copyOf(repositories == null ? List.of() : repositories);
        tagFilter = tagFilter == null ? Optional.empty() : tagFilter;
        if (destination.repository() != null && (allRepositories || repositories.size() > 1
                || source.repository() == null && repositories.isEmpty())) {
            throw new IllegalArgumentException("destination " + destination
                    + " names a repository, but several source repositories are selected; give the registry only");
        }
    }

    /** A request for the whole selection (no shard). */
    public ReplicationRequest(ImageReference source, ImageReference destination, List<String> repositories,
                              boolean allRepositories, Optional<Pattern> tagFilter, boolean dryRun, boolean keepGoing) {
        this(source, destination, repositories, allRepositories, tagFilter, dryRun, keepGoing, Shard.ALL, ShardUnit.IMAGE);
    }

    /** This request restricted to {@code part} of its images, split by {@code unit}. */
    public ReplicationRequest withShard(Shard part, ShardUnit unit) {
        return new ReplicationRequest(source, destination, repositories, allRepositories, tagFilter, dryRun, keepGoing,
                part, unit);
    }

    /** Every tag of one repository (or the one image the source names). */
    public static ReplicationRequest of(ImageReference source, ImageReference destination) {
        return new ReplicationRequest(source, destination, List.of(), false, Optional.empty(), false, false);
    }

    public ReplicationRequest withTagFilter(String regex) {
        return new ReplicationRequest(source, destination, repositories, allRepositories,
                Optional.of(Pattern.compile(regex)), dryRun, keepGoing, shard, shardUnit);
    }

    public ReplicationRequest withAllRepositories(boolean all) {
        return new ReplicationRequest(source, destination, repositories, all, tagFilter, dryRun, keepGoing, shard, shardUnit);
    }

    public ReplicationRequest withDryRun(boolean dry) {
        return new ReplicationRequest(source, destination, repositories, allRepositories, tagFilter, dry, keepGoing, shard, shardUnit);
    }

    public ReplicationRequest withKeepGoing(boolean keep) {
        return new ReplicationRequest(source, destination, repositories, allRepositories, tagFilter, dryRun, keep, shard, shardUnit);
    }
}
