package dev.regbench.reports.merge;

import dev.regbench.reports.model.ResultFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * An HdrHistogram interval log ({@code .hlog}) as regbench writes it: one or more intervals per
 * tag (an operation or request name), values in microseconds. Reading adds every interval of a
 * tag into one histogram (HdrHistogram's {@code add} is exact: same buckets, counts summed) and
 * keeps the earliest interval start and the latest interval end as the log's time window.
 *
 * <p>Immutable after reading; not thread-safe while being built.
 *
 * @param byTag   tag ({@code blob_get}, {@code all}) → merged histogram of its intervals
 * @param startMs earliest interval start, epoch ms (0 when the log has no interval)
 * @param endMs   latest interval end, epoch ms
 */
public record Hlog(Map<String, Histogram> byTag, long startMs, long endMs) {

    /** Tag given to an untagged interval. */
    public static final String UNTAGGED = "all";

    /** Reads {@code file}; a missing or malformed log is a {@link ResultFileException} naming it. */
    public static Hlog read(Path file) {
        Map<String, Histogram> byTag = new LinkedHashMap<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (!(h instanceof Histogram histogram)) {
                    throw new ResultFileException(file, "holds a floating-point histogram; regbench logs integer microseconds");
                }
                String tag = histogram.getTag() == null ? UNTAGGED : histogram.getTag();
                byTag.computeIfAbsent(tag, t -> new Histogram(histogram.getNumberOfSignificantValueDigits()))
                        .add(histogram);
                start = Math.min(start, histogram.getStartTimeStamp());
                end = Math.max(end, histogram.getEndTimeStamp());
            }
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot read the interval log: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof ResultFileException) {
                throw e;
            }
            throw new ResultFileException(file, "malformed interval log: " + e, e);
        }
        return byTag.isEmpty() ? new Hlog(byTag, 0, 0) : new Hlog(byTag, start, end);
    }

    /** Whether the log carries a real time window (older logs wrote start = end). */
    public boolean hasWindow() {
        return endMs > startMs && startMs > 0;
    }

    /**
     * Writes {@code histograms} as one interval per tag covering {@code [startMs, endMs]}, atomically
     * (a temporary file moved into place).
     */
    public static Path write(Path file, String comment, Map<String, Histogram> histograms, long startMs, long endMs)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (PrintStream out = new PrintStream(Files.newOutputStream(tmp), false, "UTF-8")) {
                HistogramLogWriter log = new HistogramLogWriter(out);
                log.outputComment(comment);
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
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}
