package dev.regbench.engine.replicate;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.ImageReference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * The engine alone in a small-heap JVM, for {@link EngineHeapBoundIT}: replicates every repository
 * of {@code args[0]} (host:port) to {@code args[1]} with the config file {@code args[2]}, then
 * prints {@code copied=<blob bytes> peakHeap=<bytes>} and exits 0 when every tag was copied.
 * The registries run in the parent JVM, so the heap measured here is the engine's.
 */
public final class HeapBoundMain {
    private HeapBoundMain() {
    }

    public static void main(String[] args) throws Exception {
        TuningConfig config = TuningConfig.load(Path.of(args[2]));
        try (Replicator replicator = Replicator.create(config, ReplicatorOptions.DEFAULT)) {
            ReplicationResult result = replicator.replicate(ReplicationRequest.of(
                    ImageReference.parse(args[0]), ImageReference.parse(args[1])).withAllRepositories(true));
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("copied=" + result.stats().blobBytesCopied() + " peakHeap=" + peak);
            if (!result.success()) {
                System.out.println("failed=" + result.failed());
                System.exit(1);
            }
        }
        System.exit(0);
    }
}
