package dev.regbench.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes one run's latency histograms as an HdrHistogram interval log ({@code .hlog}): one
 * interval per operation, tagged with the operation's name, values in microseconds. Logs from
 * several machines can be merged with HdrHistogram's own tools (HistogramLogProcessor,
 * HistogramLogReader). Stateless.
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
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputComment("regbench run " + run + "; values in microseconds; one interval per operation (tag)");
            log.outputLogFormatVersion();
            log.outputStartTime(startMs);
            log.setBaseTime(startMs);
            log.outputBaseTime(startMs);
            log.outputLegend();
            for (Map.Entry<String, Histogram> e : histograms.entrySet()) {
                Histogram h = e.getValue().copy();
                if (h.getTotalCount() == 0) {
                    continue;
                }
                h.setTag(e.getKey());
                h.setStartTimeStamp(startMs);
                h.setEndTimeStamp(endMs);
                log.outputIntervalHistogram(h);
            }
        }
        return file;
    }
}
