package dev.regbench.harness.jmh;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.registry.RegistryException;
import dev.regbench.engine.replicate.ReplicationRequest;
import dev.regbench.engine.replicate.ReplicationResult;
import dev.regbench.engine.replicate.Replicator;
import dev.regbench.engine.replicate.ReplicatorOptions;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.faults.NetworkProfile;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question (claims C1 "5 concurrent tags give ~5× throughput" and C9 "parallel pulls (max 3) are
 * 3× faster"): how long does one replication run of a small repository take with
 * {@code replication.tagConcurrency} 1, 3 and 5, with no added latency and with 20 ms added to
 * every response?
 *
 * <p>One operation = one real engine run ({@link Replicator#replicate}) of {@link #DATASET}
 * (1 repository × 10 tags, each tag one unique 256 KiB gzip layer plus its config: ~2.5 MiB,
 * 20 blobs, 10 manifests) from an embedded source {@link FakeRegistry} into a FRESH, empty
 * destination {@code FakeRegistry}: both registries play the same network profile (as the
 * scenario runner does: a replication between two remote registries). Everything else is the
 * engine's optimized default config ({@link TuningConfig#DEFAULT}: pooled transport,
 * {@code blobConcurrency} 8, digests verified, existence checks on).
 *
 * <p>Honest and cheap: the destination registry and the {@link Replicator} (its pool and
 * executors) are made new for every invocation in {@code @Setup(Level.Invocation)}, outside the
 * timed region, so no run finds blobs, manifests or warm connections left by an earlier one
 * (deleting from a shared destination would leave the blob bytes and mount sources behind);
 * connection set-up, thread start and every request of the run are timed. Start-up of a
 * registry (~10-50 ms) is not. Level.Invocation is fine here: an operation takes milliseconds.
 *
 * <p>Expected: with 20 ms per response a tag costs ~7 sequential round trips (manifest HEAD at
 * the destination, manifest GET, blob HEADs, upload POST/PUT, manifest PUT: ~150 ms), so the run
 * is latency-bound and the speed-up follows {@code tagConcurrency}: ~3× at 3 and ~4-5× at 5
 * (10 tags in 2 rounds of 5) — C1 and C9 hold when latency dominates. Without added latency the
 * run is CPU-bound on this 2-core machine (hashing, gzip-free copying, HTTP on loopback), so
 * concurrency above 2 buys little: the gain depends on latency, not on the number of tags.
 * Mode: average time per run, in ms; {@code gc.alloc.rate.norm} = bytes the whole run allocates
 * in this JVM (client and both registries).
 *
 * <p>State is per benchmark thread; JMH runs one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
// 7 iterations of the one fork: the least n whose ratio of two medians is a 95% interval (claims ledger)
@Measurement(iterations = 7, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Thread)
public class ReplicationBenchmark {

    /** 1 repository × 10 tags × 1 unique 256 KiB random (incompressible) layer. */
    static final String DATASET = """
            name: jmh-replication
            repos: 1
            tagsPerRepo: 10
            layersPerTag: 1
            layerSize: 256KiB
            sharedLayerFraction: 0
            compressibility: 0
            """;

    /** The dataset's one repository. */
    static final String REPOSITORY = "jmh-replication/app0";

    @Param({"1", "3", "5"})
    public int tagConcurrency;

    @Param({"0", "20"})
    public int latencyMs;

    private NetworkProfile network;
    private TuningConfig config;
    private FakeRegistry source;
    private FakeRegistry destination;
    private Replicator replicator;

    @Setup(Level.Trial)
    public void startSource() throws IOException {
        network = new NetworkProfile("jmh-" + latencyMs + "ms", Duration.ofMillis(latencyMs), Duration.ZERO, 0, 0, 1);
        config = TuningConfig.DEFAULT.with("replication.tagConcurrency", Integer.toString(tagConcurrency));
        source = FakeRegistry.builder()
                .dataset(Dataset.parseYaml(DATASET, "ReplicationBenchmark.DATASET"))
                .network(network)
                .start();
    }

    @Setup(Level.Invocation)
    public void freshDestination() throws IOException {
        destination = FakeRegistry.builder().network(network).start();
        replicator = Replicator.create(config, ReplicatorOptions.DEFAULT);
    }

    /** One replication run of every tag of the source repository into the empty destination. */
    @Benchmark
    public ReplicationResult replicate() throws RegistryException {
        ReplicationResult result = replicator.replicate(ReplicationRequest.of(
                ImageReference.parse(source.url() + "/" + REPOSITORY),
                ImageReference.parse(destination.url() + "/" + REPOSITORY)));
        if (!result.success()) {
            throw new IllegalStateException("replication failed: " + result.failed());
        }
        return result;
    }

    @TearDown(Level.Invocation)
    public void closeDestination() {
        try {
            if (replicator != null) {
                replicator.close();
            }
        } finally {
            replicator = null;
            if (destination != null) {
                destination.close();
                destination = null;
            }
        }
    }

    @TearDown(Level.Trial)
    public void stopSource() {
        closeDestination();
        if (source != null) {
            source.close();
            source = null;
        }
    }

    /** The source registry (for tests). */
    FakeRegistry source() {
        return source;
    }

    /** The current destination registry (for tests; null outside an invocation). */
    FakeRegistry destination() {
        return destination;
    }
}
