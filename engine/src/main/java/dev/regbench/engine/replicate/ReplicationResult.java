package dev.regbench.engine.replicate;

import dev.regbench.engine.stats.TransferStatsSnapshot;
import java.util.List;

/**
 * The outcome of one replication run: one {@link TagOutcome} per selected tag, in selection order,
 * and the run's stats. Immutable.
 */
public record ReplicationResult(List<TagOutcome> tags, TransferStatsSnapshot stats) {

    public ReplicationResult {
        tags = List.copyOf(tags);
    }

    /** True when every selected tag was copied (or already matched, or would be copied in a dry run). */
    public boolean success() {
        return tags.stream().allMatch(t -> t.status() == TagOutcome.Status.COPIED
                || t.status() == TagOutcome.Status.SKIPPED || t.status() == TagOutcome.Status.WOULD_COPY);
    }

    public List<TagOutcome> failed() {
        return tags.stream().filter(t -> t.status() == TagOutcome.Status.FAILED
                || t.status() == TagOutcome.Status.NOT_ATTEMPTED).toList();
    }

    public long count(TagOutcome.Status status) {
        return tags.stream().filter(t -> t.status() == status).count();
    }
}
