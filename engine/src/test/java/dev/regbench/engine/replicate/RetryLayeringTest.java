package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.NO_SLEEP;
import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.optimized;
import static dev.regbench.engine.replicate.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.pool.BufferPool;
import dev.regbench.engine.registry.Descriptor;
import dev.regbench.engine.registry.Digests;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.engine.registry.RegistryHttpException;
import dev.regbench.engine.resilience.Resilience;
import dev.regbench.engine.stats.TransferStats;
import dev.regbench.engine.transport.HttpTransport;
import dev.regbench.engine.transport.TlsOptions;
import dev.regbench.engine.transport.Transports;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.faults.FaultProfile;
import dev.regbench.fakeregistry.faults.FaultRule;
import dev.regbench.fakeregistry.http.Route;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Source failures are retried by the source's policy alone: a blob upload whose body is the
 * source's stream does not retry the source's failure again (max x max attempts) and does not count
 * it against the destination's circuit breaker.
 */
class RetryLayeringTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final FaultProfile SOURCE_BLOBS_503 =
            new FaultProfile("source-blobs-503", 1, List.of(FaultRule.status(503, 1.0, Route.BLOBS)));

    private static TuningConfig config() {
        return optimized().with("retry.maxAttempts", String.valueOf(MAX_ATTEMPTS))
                .with("circuitBreaker.enabled", "true").with("circuitBreaker.minimumCalls", "100");
    }

    @Test
    void failingSourceBlob_isTriedMaxAttemptsTimesAndNeverCountedByTheDestinationBreaker() throws Exception {
        TuningConfig config = config();
        byte[] layer = TestImages.bytes(7, 50_000);
        try (FakeRegistry src = FakeRegistry.builder().faults(SOURCE_BLOBS_503).start();
             FakeRegistry dst = FakeRegistry.builder().start();
             TamperingProxy dstProxy = new TamperingProxy(dst.url(), true, TamperingProxy.Tamper.NONE);
             HttpTransport transport = Transports.create(config.transport(), TlsOptions.DEFAULT)) {
            TestImages.image(src.storage(), "team/app", "v1", layer);
            Resilience resilience = Resilience.from(config.retry(), config.circuitBreaker(), NO_SLEEP, Clock.systemUTC());
            TransferStats stats = new TransferStats();
            RegistryClient source = RegistryClient.builder(transport, ref(src, null)).resilience(resilience).stats(stats).build();
            RegistryClient destination = RegistryClient.builder(transport,
                    dev.regbench.engine.registry.ImageReference.parse(dstProxy.host())).resilience(resilience).stats(stats).build();
            Descriptor blob = new Descriptor("application/octet-stream", Digests.of(layer), layer.length);
            PooledBlobBody body = new PooledBlobBody(source, "team/app", blob, true, BufferPool.from(config.buffers()),
                    64 * 1024, ProgressListener.NONE);

            assertThatThrownBy(() -> destination.pushBlob("team/app", blob.digest(), body, 0, Optional.empty()))
                    .isInstanceOf(RegistryHttpException.class)
                    .hasMessageContaining("pulling blob " + blob.digest())
                    .hasMessageContaining("503");

            assertThat(src.settledStats().requests(Route.BLOBS.key())).as("source blob GETs").isEqualTo(MAX_ATTEMPTS);
            assertThat(dstProxy.seen().stream().filter(r -> r.method().equals("POST")).count())
                    .as("upload sessions opened: one, not one per source attempt").isEqualTo(1);
            assertThat(dstProxy.seen().stream().filter(r -> r.method().equals("DELETE")).count())
                    .as("the abandoned session is cancelled").isEqualTo(1);
            assertThat(resilience.breakerFailures(dstProxy.host())).as("destination breaker failures").isZero();
            assertThat(resilience.breakerFailures(src.host())).as("source breaker failures").isEqualTo(MAX_ATTEMPTS);
        }
    }

    @Test
    void replicatingFromAFailingSource_makesMaxAttemptsPerBlobNotMaxSquared() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().faults(SOURCE_BLOBS_503).start();
             FakeRegistry dst = FakeRegistry.builder().start();
             Replicator replicator = Replicator.create(config(), options().withSerial(true))) {
            TestImages.image(src.storage(), "team/app", "v1", TestImages.bytes(8, 10_000));
            ReplicationResult result = replicator.replicate(ReplicationRequest.of(ref(src, "team/app"), ref(dst, null)));
            assertThat(result.failed()).hasSize(1);
            long blobs = src.settledStats().requests(Route.BLOBS.key());
            // one image: a config blob and a layer, each tried MAX_ATTEMPTS times at the source
            assertThat(blobs).isEqualTo(2L * MAX_ATTEMPTS);
            assertThat(result.stats().retries()).isEqualTo(2L * (MAX_ATTEMPTS - 1));
        }
    }
}
