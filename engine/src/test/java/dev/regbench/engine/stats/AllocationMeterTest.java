package dev.regbench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AllocationMeterTest {

    private static volatile byte[] sink;

    @Test
    void allocatedBytes_countsWhatTheChosenThreadsAllocate() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                go.await();
                for (int i = 0; i < 16; i++) {
                    sink = new byte[1 << 20]; // 16 MiB in total
                }
                allocated.countDown();
                measured.await(); // stay alive until read: a dead thread's counter is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alloc-meter-test-worker");
        worker.start();
        try {
            AllocationMeter meter = AllocationMeter.threads(t -> t.getName().equals("alloc-meter-test-worker")).start();
            assertThat(meter.supported()).isTrue();
            go.countDown();
            assertThat(allocated.await(10, TimeUnit.SECONDS)).isTrue();
            long bytes = meter.allocatedBytes();
            assertThat(bytes).isGreaterThanOrEqualTo(16L << 20).isLessThan(18L << 20);
        } finally {
            measured.countDown();
            worker.join(5000);
        }
    }

    @Test
    void allocatedBytes_ignoresThreadsNotChosen() {
        AllocationMeter meter = AllocationMeter.threads(t -> t.getName().equals("no-such-thread")).start();
        sink = new byte[1 << 20];
        assertThat(meter.allocatedBytes()).isZero();
    }
}
