package dev.regbench.engine.replicate;

import dev.regbench.engine.config.ReplicationConfig;
import dev.regbench.engine.pool.BufferPool;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.engine.stats.TransferStats;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the steps of one run share: both registry clients, the config, the stats, the buffers,
 * the blob executor and the stop flag. Immutable apart from the (thread-safe) members.
 */
record RunContext(RegistryClient source, RegistryClient destination, ReplicationConfig config, TransferStats stats,
                  BufferPool buffers, int copyBufferSize, Executor blobExecutor, ProgressListener progress,
                  boolean dryRun, AtomicBoolean stopped) {

    void checkNotStopped(String what) throws CancelledException {
        if (stopped.get()) {
            throw new CancelledException(what);
        }
    }

    /** The run was cancelled or stopped after a failure. */
    static final class CancelledException extends dev.regbench.engine.registry.RegistryException {
        CancelledException(String what) {
            super(what + ": the run was stopped");
        }
    }
}
