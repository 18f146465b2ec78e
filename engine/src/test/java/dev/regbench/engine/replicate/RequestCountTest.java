package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.optimized;
import static dev.regbench.engine.replicate.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.registry.Digests;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.engine.transport.RequestBody;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.http.Route;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Server-side request counts ({@code FakeRegistry.stats().requestsByRoute()}): the optimized
 * engine sends no request it does not need — a declined mount's upload session is used, a mount
 * is only tried for a digest another repository of the destination holds, and a tag the
 * destination lacks costs one manifest {@code HEAD} (not two).
 */
class RequestCountTest {

    @Test
    void firstRun_acrossTwoRepositories_sendsOnlyTheNeededRequests() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().start();
             FakeRegistry dst = FakeRegistry.builder().start();
             Replicator replicator = Replicator.create(optimized().with("replication.tagConcurrency", "1"),
                     options())) {
            byte[] shared = TestImages.bytes(11, 64 * 1024);
            TestImages.image(src.storage(), "team/a", "v1", shared, TestImages.bytes(12, 1000));
            TestImages.image(src.storage(), "team/b", "v1", shared, TestImages.bytes(13, 1000));
            src.resetStats();
            ReplicationResult result = replicator.replicate(
                    ReplicationRequest.of(ref(src, null), ref(dst, null)).withAllRepositories(true));
            assertThat(result.success()).isTrue();
            assertThat(result.stats().blobsMounted()).isEqualTo(1);
            // 2 tags x (config + unique layer) + the shared layer once = 5 blobs uploaded, 1 mounted.
            // Destination: per blob HEAD (404); per upload POST + PUT; the mount is one POST (201);
            // per tag a manifest HEAD (404) then the PUT.
            assertThat(dst.stats().requestsByRoute()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Route.BLOBS.key(), 6L,
                    Route.UPLOADS.key(), 5L * 2 + 1,
                    Route.MANIFESTS.key(), 2L * 2));
            // Source: the catalog, each repository's tags, each manifest GET (no HEAD: the
            // destination lacked the tags), each copied blob's GET.
            // the per-operation latency histograms count the same client-side requests
            assertThat(result.histograms().get("blob_get").getTotalCount()).isEqualTo(5);
            assertThat(result.histograms().get("blob_mount").getTotalCount()).isEqualTo(1);
            assertThat(result.histograms().get("blob_upload").getTotalCount()).isEqualTo(10);
            assertThat(src.stats().requestsByRoute()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Route.CATALOG.key(), 1L,
                    Route.TAGS.key(), 2L,
                    Route.MANIFESTS.key(), 2L,
                    Route.BLOBS.key(), 5L));
        }
    }

    @Test
    void secondRun_costsTwoManifestHeadsPerTagAndNothingElse() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").start();
             FakeRegistry dst = FakeRegistry.builder().start();
             Replicator replicator = Replicator.create(optimized(), options())) {
            ReplicationRequest request = ReplicationRequest.of(ref(src, null), ref(dst, null)).withAllRepositories(true);
            replicator.replicate(request);
            src.resetStats();
            dst.resetStats();
            ReplicationResult second = replicator.replicate(request);
            int tags = second.tags().size();
            assertThat(second.count(TagOutcome.Status.SKIPPED)).isEqualTo(tags).isPositive();
            assertThat(dst.stats().requestsByRoute()).containsExactlyEntriesOf(Map.of(Route.MANIFESTS.key(), (long) tags));
            assertThat(src.stats().requestsByRoute()).containsEntry(Route.MANIFESTS.key(), (long) tags)
                    .doesNotContainKeys(Route.BLOBS.key(), Route.UPLOADS.key());
        }
    }

    @Test
    void declinedMount_uploadsIntoTheSessionItsAnswerOpened() throws Exception {
        try (FakeRegistry dst = FakeRegistry.builder().start();
             Replicator replicator = Replicator.create(optimized(), options())) {
            byte[] blob = TestImages.bytes(21, 10_000);
            String digest = Digests.of(blob);
            RegistryClient client = replicator.client(ref(dst, null), Optional.empty());
            dst.resetStats();
            // "team/empty" does not hold the blob: the registry answers 202 with an upload session
            boolean mounted = client.pushBlob("team/app", digest, RequestBody.ofBytes(blob, null), 0,
                    Optional.of("team/empty"));
            assertThat(mounted).isFalse();
            StatsSnapshot s = dst.settledStats();
            assertThat(s.requestsByRoute()).containsExactlyEntriesOf(Map.of(Route.UPLOADS.key(), 2L));
            assertThat(s.requestsByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(202, 1L, 201, 1L));
            assertThat(client.blobSize("team/app", digest)).hasValue(blob.length);
        }
    }
}
