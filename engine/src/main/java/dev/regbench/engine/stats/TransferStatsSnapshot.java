package dev.regbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The figures of one replication run, named as in DESIGN.md's metrics when written as JSON
 * (Jackson: {@code blob_bytes_copied}, {@code throughput_mib_s}, ...). Immutable; maps are
 * unmodifiable and sorted by key.
 *
 * @param connectionsOpened connections the client opened, or null when the transport did not say
 * @param connectionReuse   {@code 1 - connectionsOpened / requestsTotal}, null with it
 */
@JsonPropertyOrder(alphabetic = false)
public record TransferStatsSnapshot(
        @JsonProperty("blob_bytes_copied") long blobBytesCopied,
        @JsonProperty("throughput_mib_s") double throughputMibS,
        @JsonProperty("wall_s") double wallS,
        @JsonProperty("requests_total") long requestsTotal,
        @JsonProperty("requests_by_route") Map<String, Long> requestsByRoute,
        @JsonProperty("requests_by_status") Map<Integer, Long> requestsByStatus,
        @JsonProperty("bytes_in") long bytesIn,
        @JsonProperty("bytes_out") long bytesOut,
        @JsonProperty("retries") long retries,
        @JsonProperty("failed_requests") long failedRequests,
        @JsonProperty("failed_by_route") Map<String, Long> failedByRoute,
        @JsonProperty("blobs_copied") long blobsCopied,
        @JsonProperty("blobs_skipped") long blobsSkipped,
        @JsonProperty("blobs_mounted") long blobsMounted,
        @JsonProperty("manifests_copied") long manifestsCopied,
        @JsonProperty("tags_copied") long tagsCopied,
        @JsonProperty("tags_skipped") long tagsSkipped,
        @JsonProperty("tags_failed") long tagsFailed,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("connections_opened") Long connectionsOpened,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("connection_reuse") Double connectionReuse,
        @JsonProperty("latency") Map<String, LatencySummary> latency) {

    public TransferStatsSnapshot {
        requestsByRoute = Map.copyOf(requestsByRoute);
        requestsByStatus = Map.copyOf(requestsByStatus);
        failedByRoute = Map.copyOf(failedByRoute);
        latency = Map.copyOf(latency);
    }

    /** Requests of one operation ({@code blob_get}, ...), 0 when none. */
    public long requests(String operation) {
        return requestsByRoute.getOrDefault(operation, 0L);
    }
}
