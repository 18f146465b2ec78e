package dev.regbench.engine.stats;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Bytes allocated on the heap by a set of threads between {@link #start} and {@link #allocatedBytes},
 * from HotSpot's per-thread allocation counters ({@code com.sun.management.ThreadMXBean}); the
 * harness's {@code alloc_bytes}. Threads that start during the run count from zero. Threads that
 * end before {@link #allocatedBytes} is read are lost (the JVM forgets their counters): read it
 * before shutting the engine's executors down. Thread-safe for one measurement at a time (methods
 * are synchronized).
 */
public final class AllocationMeter {

    private final Predicate<Thread> which;
    private final com.sun.management.ThreadMXBean bean;
    private Map<Long, Long> baseline = Map.of();

    private AllocationMeter(Predicate<Thread> which) {
        this.which = which;
        java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
        this.bean = b instanceof com.sun.management.ThreadMXBean s && s.isThreadAllocatedMemorySupported() ? s : null;
        if (bean != null && !bean.isThreadAllocatedMemoryEnabled()) {
            bean.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** Every live thread of the JVM. */
    public static AllocationMeter allThreads() {
        return new AllocationMeter(t -> true);
    }

    /** Threads matching {@code which}, e.g. {@code t -> t.getName().startsWith("regbench-")}. */
    public static AllocationMeter threads(Predicate<Thread> which) {
        return new AllocationMeter(which);
    }

    /** Whether this JVM reports per-thread allocation; when not, {@link #allocatedBytes} is -1. */
    public boolean supported() {
        return bean != null;
    }

    /** Takes the baseline: the counters of the matching threads now. */
    public synchronized AllocationMeter start() {
        baseline = read();
        return this;
    }

    /** Bytes allocated by the matching threads since {@link #start}, or -1 when unsupported. */
    public synchronized long allocatedBytes() {
        if (bean == null) {
            return -1;
        }
        long total = 0;
        for (Map.Entry<Long, Long> e : read().entrySet()) {
            long before = baseline.getOrDefault(e.getKey(), 0L);
            total += Math.max(0, e.getValue() - before);
        }
        return total;
    }

    private Map<Long, Long> read() {
        if (bean == null) {
            return Map.of();
        }
        Map<Long, Long> bytes = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (which.test(t)) {
                long n = bean.getThreadAllocatedBytes(t.getId());
                if (n >= 0) {
                    bytes.put(t.getId(), n);
                }
            }
        }
        return bytes;
    }
}
