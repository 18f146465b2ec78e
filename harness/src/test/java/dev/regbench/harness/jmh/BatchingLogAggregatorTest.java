package dev.regbench.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingLogAggregatorTest {

    /** Records each write separately. */
    static final class RecordingSink extends ByteArrayOutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            super.write(b, off, len);
        }
    }

    @Test
    void close_writesEveryLineInOrderInBatchesOfAtMost50() throws Exception {
        RecordingSink sink = new RecordingSink();
        BatchingLogAggregator aggregator = new BatchingLogAggregator(sink, 50, Duration.ofMillis(16), 10);
        for (int i = 0; i < 120; i++) {
            aggregator.log("line " + i); // the queue holds 10: the producer waits for the writer
        }
        aggregator.close();

        List<String> lines = List.of(sink.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).hasSize(120);
        for (int i = 0; i < 120; i++) {
            assertThat(lines.get(i)).isEqualTo("line " + i);
        }
        assertThat(aggregator.written()).isEqualTo(120);
        assertThat(sink.writes).hasSizeBetween(3, 120)
                .allSatisfy(w -> assertThat(w.split("\n")).hasSizeLessThanOrEqualTo(50));
    }

    @Test
    void close_withNothingLogged_writesNothing() throws Exception {
        RecordingSink sink = new RecordingSink();
        new BatchingLogAggregator(sink, 50, Duration.ofMillis(16), 10).close();
        assertThat(sink.writes).isEmpty();
    }
}
