package dev.regbench.engine.replicate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.regbench.engine.stats.TransferStatsSnapshot;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one replication run: one {@link TagOutcome} per selected tag, in selection order,
 * the run's stats, and its per-operation latency histograms. Immutable (the histograms are the
 * run's own copies; {@link #histograms()} hands out further copies so callers cannot change them).
 *
 * @param histograms cumulative latency per operation ({@code blob_get}, ...) in microseconds, as
 *                   {@code TransferStats.histograms()} gives them; empty when not recorded
 */
public record ReplicationResult(List<TagOutcome> tags, TransferStatsSnapshot stats,
                                @JsonIgnore Map<String, Histogram> histograms) {

    public ReplicationResult {
        tags = List.copyOf(tags);
        histograms = Map.copyOf(histograms);
    }

    /** Without histograms (callers that only have a snapshot). */
    public ReplicationResult(List<TagOutcome> tags, TransferStatsSnapshot stats) {
        this(tags, stats, Map.of());
    }

    /** Copies of the per-operation latency histograms (microseconds), keyed by operation name. */
    @Override
    @JsonIgnore
    public Map<String, Histogram> histograms() {
        Map<String, Histogram> copies = new java.util.TreeMap<>();
        histograms.forEach((k, v) -> copies.put(k, v.copy()));
        return java.util.Collections.unmodifiableMap(copies);
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
