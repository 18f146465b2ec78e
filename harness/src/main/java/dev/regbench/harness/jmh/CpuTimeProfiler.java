package dev.regbench.harness.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports {@code cpu.time.norm}: CPU nanoseconds the benchmark's worker
 * threads spent per operation, from the JVM's per-thread CPU clocks. On a shared machine the
 * wall-clock score counts the time a worker sat preempted while other processes ran; its CPU time
 * does not, so this figure stays near the unloaded cost when the machine is busy (it still pays
 * for cache pollution, and it does not see work handed to other threads, such as a pool's or a
 * log writer's). Used by {@link JmhRunner} beside the GC profiler. Stateful per fork; JMH calls
 * it from one thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark worker threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpu();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || !threads.isThreadCpuTimeSupported()) {
            return List.of();
        }
        long cpu = 0;
        for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
            cpu += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return List.of(new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("jmh-worker")) {
                long ns = threads.getThreadCpuTime(t.getId());
                if (ns >= 0) {
                    cpu.put(t.getId(), ns);
                }
            }
        }
        return cpu;
    }
}
