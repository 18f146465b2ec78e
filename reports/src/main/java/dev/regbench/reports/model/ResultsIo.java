package dev.regbench.reports.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes the result files: {@code results.json} ({@link Results}), {@code gate.json}
 * ({@link GateReport}), JMH's JSON ({@link JmhResult}) and Gatling summaries
 * ({@link GatlingSummary}). Every failure is a {@link ResultFileException} naming the file, and
 * for malformed JSON the line and column ({@code results.json: line 3, column 5: …}).
 *
 * <p>{@code results.json} and {@code gate.json} are read strictly (an unknown property is an
 * error, so a typo in a writer is caught); JMH and Gatling files ignore fields they do not use.
 * Writing is pretty-printed, creates parent folders, and replaces the file.
 *
 * <p>Stateless; thread-safe (Jackson mappers are thread-safe once configured).
 */
public final class ResultsIo {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ResultsIo() {
    }

    /** The shared, configured mapper (for writers of related JSON, e.g. the JSON report). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads a {@code results.json}, checking its schema version. */
    public static Results read(Path file) {
        Results r = parse(file, Results.class);
        checkSchema(file, r.schemaVersion());
        return r;
    }

    public static void write(Results results, Path file) {
        writeJson(results, file);
    }

    /** Reads a {@code gate.json}, checking its schema version. */
    public static GateReport readGate(Path file) {
        GateReport g = parse(file, GateReport.class);
        checkSchema(file, g.schemaVersion());
        return g;
    }

    public static void writeGate(GateReport gate, Path file) {
        writeJson(gate, file);
    }

    /** Reads a gate self-test's {@code sensitivity.json}, checking its schema version. */
    public static GateSensitivity readSensitivity(Path file) {
        GateSensitivity g = parse(file, GateSensitivity.class);
        checkSchema(file, g.schemaVersion());
        return g;
    }

    public static void writeSensitivity(GateSensitivity sensitivity, Path file) {
        writeJson(sensitivity, file);
    }

    /** Reads a {@code history.json} ({@code regbench history}), checking its schema version. */
    public static History readHistory(Path file) {
        History h = parse(file, History.class);
        checkSchema(file, h.schemaVersion());
        return h;
    }

    public static void writeHistory(History history, Path file) {
        writeJson(history, file);
    }

    /** Reads JMH's JSON result file (an array, one entry per benchmark and parameter set). */
    public static List<JmhResult> readJmh(Path file) {
        List<JmhResult> list = parse(file, new TypeReference<List<JmhResult>>() { });
        for (int i = 0; i < list.size(); i++) {
            JmhResult r = list.get(i);
            if (r == null || r.benchmark() == null || r.primaryMetric() == null) {
                throw new ResultFileException(file, "entry " + i + " is not a JMH result "
                        + "(needs \"benchmark\" and \"primaryMetric\")");
            }
        }
        return list;
    }

    /** Reads a Gatling summary written by a regbench simulation. */
    public static GatlingSummary readGatling(Path file) {
        GatlingSummary s = parse(file, GatlingSummary.class);
        if (s.simulation() == null || s.simulation().isBlank()) {
            throw new ResultFileException(file, "not a Gatling summary: \"simulation\" is missing");
        }
        return s;
    }

    /**
     * Reads a Gatling summary and opens it up: every numeric field as an extra figure under its
     * dotted path, then one entry per phase or per-mode block inside it (see
     * {@link GatlingVariants}).
     */
    public static List<GatlingSummary> readGatlingWithVariants(Path file) {
        GatlingSummary s = readGatling(file);
        return GatlingVariants.expand(s, parse(file, JsonNode.class));
    }

    public static void writeGatling(GatlingSummary summary, Path file) {
        writeJson(summary, file);
    }

    private static void checkSchema(Path file, int version) {
        if (version == 0) {
            throw new ResultFileException(file, "\"schemaVersion\" is missing (expected "
                    + Results.SCHEMA_VERSION + ")");
        }
        if (version != Results.SCHEMA_VERSION) {
            throw new ResultFileException(file, "unsupported schemaVersion " + version
                    + " (this regbench reads " + Results.SCHEMA_VERSION + ")");
        }
    }

    private static <T> T parse(Path file, Class<T> type) {
        return parse(file, MAPPER.getTypeFactory().constructType(type));
    }

    private static <T> T parse(Path file, TypeReference<T> type) {
        return parse(file, MAPPER.getTypeFactory().constructType(type));
    }

    private static <T> T parse(Path file, com.fasterxml.jackson.databind.JavaType type) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                throw new ResultFileException(file, "empty file");
            }
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new ResultFileException(file, "contains only null");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file, "no such file", e);
        } catch (JsonProcessingException e) {
            throw new ResultFileException(file, describe(e), e);
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot read: " + e, e);
        }
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        String msg = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jm && !jm.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : jm.getPath()) {
                if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                } else if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                }
            }
            msg = msg + " (at " + path + ")";
        }
        return where + msg;
    }

    /**
     * Writes {@code value} as JSON to a temporary file beside {@code file}, forces it to disk and
     * moves it into place atomically: a crash leaves the old file or the new one, never half of
     * one (baselines and results are written through here).
     */
    private static void writeJson(Object value, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            byte[] json = MAPPER.writeValueAsBytes(value);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(json);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot write: " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the error above is the one to report
                }
            }
        }
    }
}
