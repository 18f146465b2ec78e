package dev.regbench.harness.run;

import dev.regbench.reports.merge.Hlog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Writes one run's latency histograms as an HdrHistogram interval log ({@code .hlog}): one
 * interval per operation, tagged with the operation's name, values in microseconds. Logs from
 * several machines can be merged with HdrHistogram's own tools (HistogramLogProcessor,
 * HistogramLogReader) and {@code regbench merge}. The log format itself is written in one place,
 * {@link Hlog#write} (atomically). Stateless.
 */
final class HlogWriter {

    private HlogWriter() {
    }

    /** Writes {@code histograms} to {@code file}; returns the file. */
    static Path write(Path file, String run, Map<String, Histogram> histograms) throws IOException {
        long now = System.currentTimeMillis();
        return write(file, run, histograms, now, now);
    }

    /**
     * Writes {@code histograms} to {@code file} as intervals covering the run's window
     * {@code [startMs, endMs]} (epoch ms), so that {@code regbench merge} can place shards in time;
     * returns the file.
     */
    static Path write(Path file, String run, Map<String, Histogram> histograms, long startMs, long endMs)
            throws IOException {
        return Hlog.write(file, "regbench run " + run + "; values in microseconds; one interval per operation (tag)",
                histograms, startMs, endMs);
    }
}
