package dev.regbench.harness.run;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.Credentials;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.replicate.ProgressListener;
import dev.regbench.engine.replicate.ReplicationRequest;
import dev.regbench.engine.replicate.ReplicationResult;
import dev.regbench.engine.replicate.Replicator;
import dev.regbench.engine.replicate.ReplicatorOptions;
import dev.regbench.engine.replicate.TagOutcome;
import dev.regbench.engine.shard.Shard;
import dev.regbench.engine.shard.ShardUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One replication by the engine between two endpoints, measured: the JVM meter is read while the
 * replicator's threads are still alive (so their allocations count), then the replicator is closed.
 * Stateless.
 */
final class EngineReplication {

    /** The engine's result, what it cost the JVM, and the failures it reported (empty on success). */
    record Outcome(ReplicationResult result, JvmMeter.Cost cost, List<String> failures) {
    }

    private EngineReplication() {
    }

    static Outcome run(TuningConfig config, Endpoint source, Endpoint destination, List<String> repositories,
                       String tagRegex, RunListener listener) throws Exception {
        return run(config, source, destination, repositories, tagRegex, Shard.ALL, listener);
    }

    /** As above, copying only {@code shard} of the selected images (split by image). */
    static Outcome run(TuningConfig config, Endpoint source, Endpoint destination, List<String> repositories,
                       String tagRegex, Shard shard, RunListener listener) throws Exception {
        AtomicLong copied = new AtomicLong();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void bytesCopied(long bytes) {
                copied.addAndGet(bytes);
            }
        };
        ReplicatorOptions options = ReplicatorOptions.DEFAULT
                .withCredentials(creds(source), creds(destination))
                .withProgress(progress);
        ReplicationRequest request = new ReplicationRequest(
                ImageReference.parse(source.host()), ImageReference.parse(destination.host()),
                repositories, repositories.isEmpty(), Optional.of(Pattern.compile(tagRegex)), false, true,
                shard, ShardUnit.IMAGE);
        JvmMeter meter = new JvmMeter();
        try (Replicator replicator = Replicator.create(config, options);
             ProgressTicker ticker = new ProgressTicker(copied, listener)) {
            meter.start();
            ReplicationResult result = replicator.replicate(request);
            JvmMeter.Cost cost = meter.stop();
            List<String> failures = result.failed().stream().map(EngineReplication::describe).toList();
            return new Outcome(result, cost, failures);
        }
    }

    private static String describe(TagOutcome t) {
        return t.toString();
    }

    private static Optional<Credentials> creds(Endpoint e) {
        return e.credentials().map(c -> Credentials.parse(c, e.host()));
    }
}
