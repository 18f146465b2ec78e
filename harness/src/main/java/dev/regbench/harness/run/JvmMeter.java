package dev.regbench.harness.run;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures what one run costs the JVM: bytes allocated by the engine's threads (HotSpot's
 * per-thread allocation counters, summed over live threads that are not the embedded
 * registries' server threads), collections and their pause time, and the peak heap in use.
 * {@link #start()} resets the heap pools' peaks; {@link #stop()} reads the deltas, and must be
 * called while the engine's threads are still alive (a thread that ended is no longer counted).
 * GC and heap figures are process-wide, so they include the embedded registries' work.
 *
 * <p>Not thread-safe: one meter per run, started and stopped by the runner's thread.
 */
final class JvmMeter {

    /** What a run cost. */
    record Cost(long allocatedBytes, long gcCount, long gcPauseMs, double heapPeakMib) {
    }

    /** Threads of the embedded registries (Undertow/XNIO) and of this harness, not the engine's. */
    private static final java.util.regex.Pattern NOT_ENGINE =
            java.util.regex.Pattern.compile("^(XNIO-|xnio-|undertow|fake-registry|regbench-registry|regbench-progress).*");

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    private final java.util.Map<Long, Long> allocatedAtStart = new java.util.HashMap<>();
    private long gcCountAtStart;
    private long gcTimeAtStart;

    void start() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        gcCountAtStart = gcCount();
        gcTimeAtStart = gcTime();
        allocatedAtStart.clear();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            allocatedAtStart.put(ids[i], bytes[i]);
        }
    }

    Cost stop() {
        long allocated = 0;
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] <= 0 || infos[i] == null || NOT_ENGINE.matcher(infos[i].getThreadName()).matches()) {
                continue;
            }
            allocated += bytes[i] - allocatedAtStart.getOrDefault(ids[i], 0L);
        }
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Cost(Math.max(0, allocated), gcCount() - gcCountAtStart, gcTime() - gcTimeAtStart,
                peak / (1024.0 * 1024.0));
    }

    private long gcCount() {
        return collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum();
    }

    private long gcTime() {
        return collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum();
    }
}
