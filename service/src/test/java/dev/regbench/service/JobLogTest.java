package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared, segmented job log: views, chunk bounds, the memory cap and follower wake-ups. */
class JobLogTest {

    private static String readAll(JobLog log, long from, int chunk) {
        StringBuilder out = new StringBuilder();
        long offset = from;
        for (ByteBuffer b = log.slice(offset, chunk); b.hasRemaining(); b = log.slice(offset, chunk)) {
            assertThat(b.remaining()).isLessThanOrEqualTo(chunk);
            assertThat(b.isReadOnly()).isTrue();
            offset += b.remaining();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.append(new String(bytes, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void slices_returnEveryLineInOrder_inChunksOfAtMostTheLimit() {
        JobLog log = new JobLog(1 << 20);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            log.appendLine("line " + i);
            expected.append("line ").append(i).append('\n');
        }

        assertThat(readAll(log, 0, 4096)).isEqualTo(expected.toString());
        assertThat(log.endOffset()).isEqualTo(expected.length());
    }

    @Test
    void memoryCap_dropsOldestSegments_andMovesTheStart() {
        JobLog log = new JobLog(256 * 1024);
        String line = "y".repeat(99);
        for (int i = 0; i < 10_000; i++) { // 1,000,000 bytes
            log.appendLine(line);
        }

        assertThat(log.endOffset()).isEqualTo(1_000_000);
        assertThat(log.startOffset()).isPositive();
        assertThat(log.endOffset() - log.startOffset()).isLessThanOrEqualTo(256 * 1024);
        assertThat(log.retainedBytes()).isLessThanOrEqualTo(256 * 1024 + 64 * 1024);
        assertThatThrownBy(() -> log.slice(0, 4096)).hasMessageContaining("dropped");
        assertThat(readAll(log, log.startOffset(), 4096)).hasSize((int) (log.endOffset() - log.startOffset()));
    }

    @Test
    void awaitData_wakesFollowerOnce_onAppendOrClose() {
        JobLog log = new JobLog(1 << 20);
        AtomicInteger woken = new AtomicInteger();

        assertThat(log.awaitData(0, woken::incrementAndGet)).isTrue();
        log.appendLine("a");
        log.appendLine("b");
        assertThat(woken.get()).isEqualTo(1);
        assertThat(log.awaitData(0, woken::incrementAndGet)).as("data already there").isFalse();
        assertThat(log.awaitData(log.endOffset(), woken::incrementAndGet)).isTrue();
        log.close();
        assertThat(woken.get()).isEqualTo(2);
        assertThat(log.awaitData(log.endOffset(), woken::incrementAndGet)).as("closed").isFalse();
    }
}
