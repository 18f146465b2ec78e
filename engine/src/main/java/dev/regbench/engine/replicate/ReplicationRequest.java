package dev.regbench.engine.replicate;

import dev.regbench.engine.registry.ImageReference;
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
 */
public record ReplicationRequest(ImageReference source, ImageReference destination, List<String> repositories,
                                 boolean allRepositories, Optional<Pattern> tagFilter, boolean dryRun,
                                 boolean keepGoing) {

    public ReplicationRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        repositories = List.copyOf(repositories == null ? List.of() : repositories);
        tagFilter = tagFilter == null ? Optional.empty() : tagFilter;
        if (destination.repository() != null && (allRepositories || repositories.size() > 1
                || source.repository() == null && repositories.isEmpty())) {
            throw new IllegalArgumentException("destination " + destination
                    + " names a repository, but several source repositories are selected; give the registry only");
        }
    }

    /** Every tag of one repository (or the one image the source names). */
    public static ReplicationRequest of(ImageReference source, ImageReference destination) {
        return new ReplicationRequest(source, destination, List.of(), false, Optional.empty(), false, false);
    }

    public ReplicationRequest withTagFilter(String regex) {
        return new ReplicationRequest(source, destination, repositories, allRepositories,
                Optional.of(Pattern.compile(regex)), dryRun, keepGoing);
    }

    public ReplicationRequest withAllRepositories(boolean all) {
        return new ReplicationRequest(source, destination, repositories, all, tagFilter, dryRun, keepGoing);
    }

    public ReplicationRequest withDryRun(boolean dry) {
        return new ReplicationRequest(source, destination, repositories, allRepositories, tagFilter, dry, keepGoing);
    }

    public ReplicationRequest withKeepGoing(boolean keep) {
        return new ReplicationRequest(source, destination, repositories, allRepositories, tagFilter, dryRun, keep);
    }
}
