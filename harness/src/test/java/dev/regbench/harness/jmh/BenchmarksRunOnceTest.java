package dev.regbench.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every {@code @Benchmark} method of the JMH suites once, in-process, with each
 * {@code @Param} at its first value: a broken benchmark fails the build. Times nothing.
 */
class BenchmarksRunOnceTest {

    static final List<Class<?>> SUITES = List.of(BuffersBenchmark.class, CopyBenchmark.class,
            ResilienceBenchmark.class, MetricsBenchmark.class, StringsBenchmark.class, LogsBenchmark.class,
            AuthBenchmark.class, DigestBenchmark.class, ConcurrencyBenchmark.class);

    static Stream<Arguments> benchmarkMethods() {
        List<Arguments> rows = new ArrayList<>();
        for (Class<?> suite : SUITES) {
            for (Method m : suite.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    rows.add(Arguments.of(suite.getSimpleName() + "." + m.getName(), suite, m));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarkMethods")
    void benchmarkMethod_runsOnce(String name, Class<?> suite, Method method) throws Exception {
        Object state = suite.getDeclaredConstructor().newInstance();
        for (Field f : suite.getDeclaredFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null && !Modifier.isStatic(f.getModifiers())) {
                String first = p.value()[0];
                f.set(state, f.getType() == int.class ? (Object) Integer.parseInt(first) : first);
            }
        }
        invokeAll(state, Setup.class);
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        try {
            Object[] args = method.getParameterCount() == 1 ? new Object[] {bh} : new Object[0];
            Object result = method.invoke(state, args);
            if (method.getReturnType() != void.class) {
                assertThat(result).as(name + " returns its result for JMH to sink").isNotNull();
            }
        } finally {
            invokeAll(state, TearDown.class);
            bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
        }
    }

    private static void invokeAll(Object state, Class<? extends java.lang.annotation.Annotation> marker)
            throws Exception {
        for (Method m : state.getClass().getDeclaredMethods()) {
            if (m.isAnnotationPresent(marker)) {
                m.invoke(state);
            }
        }
    }
}
