package dev.regbench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransferStatsTest {

    private final AtomicLong clock = new AtomicLong();
    private final TransferStats stats = new TransferStats(clock::get);

    @Test
    void histograms_areIndependentCopiesInMicrosecondsPerOperation() {
        stats.request("blob_get", 200, 2_000_000);      // 2 ms
        stats.request("blob_get", 200, 4_000_000);
        java.util.Map<String, org.HdrHistogram.Histogram> first = stats.histograms();
        org.assertj.core.api.Assertions.assertThat(first.get("blob_get").getTotalCount()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(first.get("blob_get").getMaxValue()).isBetween(3_960L, 4_040L);
        org.assertj.core.api.Assertions.assertThat(first.get("manifest_put").getTotalCount()).isZero();
        stats.request("blob_get", 200, 1_000_000);
        org.assertj.core.api.Assertions.assertThat(first.get("blob_get").getTotalCount()).as("a copy").isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(stats.histograms().get("blob_get").getTotalCount()).isEqualTo(3);
    }

    @Test
    void snapshot_countsEveryKindOfEvent() {
        stats.start();
        stats.blobCopied(3 * 1024 * 1024);
        stats.blobCopied(1024 * 1024);
        stats.blobSkipped();
        stats.blobMounted();
        stats.manifestCopied();
        stats.tagCopied();
        stats.tagSkipped();
        stats.tagFailed();
        stats.retry();
        stats.retry();
        stats.failure("blob_get");
        stats.bytesIn(100);
        stats.bytesOut(200);
        stats.request("blob_get", 200, 2_000_000);
        stats.request("blob_get", 503, 4_000_000);
        stats.request("manifest_put", 201, 1_000_000);
        clock.set(2_000_000_000L);
        stats.stop();
        clock.set(9_000_000_000L); // after stop: wall time no longer runs

        TransferStatsSnapshot s = stats.snapshot();
        assertThat(s.blobBytesCopied()).isEqualTo(4L * 1024 * 1024);
        assertThat(s.blobsCopied()).isEqualTo(2);
        assertThat(s.blobsSkipped()).isEqualTo(1);
        assertThat(s.blobsMounted()).isEqualTo(1);
        assertThat(s.manifestsCopied()).isEqualTo(1);
        assertThat(s.tagsCopied()).isEqualTo(1);
        assertThat(s.tagsSkipped()).isEqualTo(1);
        assertThat(s.tagsFailed()).isEqualTo(1);
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.failedRequests()).isEqualTo(1);
        assertThat(s.failedByRoute()).containsEntry("blob_get", 1L);
        assertThat(s.bytesIn()).isEqualTo(100);
        assertThat(s.bytesOut()).isEqualTo(200);
        assertThat(s.requestsTotal()).isEqualTo(3);
        assertThat(s.requestsByRoute()).containsOnly(
                org.assertj.core.api.Assertions.entry("blob_get", 2L),
                org.assertj.core.api.Assertions.entry("manifest_put", 1L));
        assertThat(s.requestsByStatus()).containsEntry(200, 1L).containsEntry(503, 1L).containsEntry(201, 1L);
        assertThat(s.wallS()).isEqualTo(2.0);
        assertThat(s.throughputMibS()).isEqualTo(2.0); // 4 MiB in 2 s
        assertThat(s.connectionsOpened()).isNull();
        assertThat(s.connectionReuse()).isNull();
        assertThat(s.latency().get("blob_get").count()).isEqualTo(2);
        assertThat(s.latency().get("blob_get").maxMs()).isCloseTo(4.0, within(0.05));
        assertThat(s.latency().get("blob_get").p50Ms()).isCloseTo(2.0, within(0.05));
        assertThat(s.latency()).doesNotContainKey("ping");
    }

    @Test
    void snapshot_withConnections_computesReuse() {
        for (int i = 0; i < 100; i++) {
            stats.request("blob_head", 200, 1000);
        }
        TransferStatsSnapshot s = stats.snapshot(4);
        assertThat(s.connectionsOpened()).isEqualTo(4L);
        assertThat(s.connectionReuse()).isCloseTo(0.96, within(1e-9));
    }

    @Test
    void snapshot_isCumulativeAcrossRepeatedCalls() {
        stats.request("ping", 200, 1_000_000);
        assertThat(stats.snapshot().latency().get("ping").count()).isEqualTo(1);
        stats.request("ping", 200, 1_000_000);
        assertThat(stats.snapshot().latency().get("ping").count()).isEqualTo(2);
        assertThat(stats.snapshot().latency().get("ping").count()).isEqualTo(2);
    }

    @Test
    void request_acceptsUnknownOperationsAndOutOfRangeValues() {
        stats.request("referrers", 200, 0);
        stats.request("blob_get", 999, Long.MAX_VALUE);
        TransferStatsSnapshot s = stats.snapshot();
        assertThat(s.requests("referrers")).isEqualTo(1);
        assertThat(s.requestsByStatus()).doesNotContainKey(999);
        assertThat(s.latency().get("blob_get").maxMs()).isGreaterThan(3_000_000.0); // clamped at 1 h
    }

    @Test
    void json_usesTheDesignMetricNames() throws Exception {
        stats.start();
        stats.blobCopied(10);
        stats.request("blob_get", 200, 1_000_000);
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(stats.snapshot(1));
        JsonNode node = mapper.readTree(json);
        assertThat(node.fieldNames()).toIterable().contains(
                "blob_bytes_copied", "throughput_mib_s", "wall_s", "requests_total", "requests_by_route",
                "bytes_in", "bytes_out", "retries", "failed_requests", "blobs_copied", "blobs_skipped",
                "blobs_mounted", "manifests_copied", "tags_copied", "tags_skipped", "tags_failed",
                "connections_opened", "connection_reuse", "latency");
        assertThat(node.at("/latency/blob_get").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("count", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms");
        TransferStatsSnapshot back = mapper.readValue(json, TransferStatsSnapshot.class);
        assertThat(back).isEqualTo(mapper.readValue(json, TransferStatsSnapshot.class));
        assertThat(back.blobBytesCopied()).isEqualTo(10);
        assertThat(back.latency().get("blob_get").count()).isEqualTo(1);
        assertThat(mapper.readTree(mapper.writeValueAsString(stats.snapshot())).has("connections_opened")).isFalse();
    }

    @Test
    void concurrentRecording_losesNothing() throws Exception {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    stats.request("blob_get", 200, i * 1000L);
                    stats.blobCopied(1);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        TransferStatsSnapshot s = stats.snapshot();
        assertThat(s.requestsTotal()).isEqualTo(40_000);
        assertThat(s.latency().get("blob_get").count()).isEqualTo(40_000);
        assertThat(s.blobBytesCopied()).isEqualTo(40_000);
    }
}
