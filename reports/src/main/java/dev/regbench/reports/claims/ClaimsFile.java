package dev.regbench.reports.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.regbench.reports.model.ResultFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates {@code configs/claims.yaml}: a top-level {@code claims:} list of
 * {@link Claim}s. Unknown keys, duplicate ids, missing keys a source needs and malformed
 * conditions are errors naming the file, the claim and the key. Also carries a copy on the
 * classpath ({@code /dev/regbench/reports/claims.yaml}) so a report can be rendered outside a
 * checkout. Stateless; thread-safe.
 *
 * @param claims the claims in file order
 */
public record ClaimsFile(List<Claim> claims) {
    /** Classpath copy of configs/claims.yaml (copied by the build). */
    public static final String RESOURCE = "/dev/regbench/reports/claims.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    public ClaimsFile {
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /** Reads and validates a claims file. */
    public static ClaimsFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file);
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot read: " + e, e);
        }
    }

    /** The claims bundled with this jar. */
    public static ClaimsFile bundled() {
        Path name = Path.of("classpath:" + RESOURCE);
        try (InputStream in = ClaimsFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ResultFileException(name, "missing from the jar");
            }
            return parse(in, name);
        } catch (IOException e) {
            throw new ResultFileException(name, "cannot read: " + e, e);
        }
    }

    private static ClaimsFile parse(InputStream in, Path file) throws IOException {
        ClaimsFile parsed;
        try {
            parsed = YAML.readValue(in, ClaimsFile.class);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ": ";
            throw new ResultFileException(file, where + e.getOriginalMessage(), e);
        }
        if (parsed == null) {
            throw new ResultFileException(file, "empty file (expected a 'claims:' list)");
        }
        try {
            parsed.validate();
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(file, e.getMessage(), e);
        }
        return parsed;
    }

    /**
     * The JMH benchmarks the claims' measures name, as {@code Class.method} (params dropped), in
     * file order without repeats: what {@code regbench jmh --claims} runs.
     */
    public List<String> jmhBenchmarks() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Claim c : claims) {
            for (Measure m : c.measures()) {
                if (m.source() == Measure.Source.JMH) {
                    for (String subject : new String[] {m.a(), m.b()}) {
                        if (subject != null) {
                            int bracket = subject.indexOf('[');
                            names.add((bracket < 0 ? subject : subject.substring(0, bracket)).trim());
                        }
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    private void validate() {
        Set<String> ids = new HashSet<>();
        for (Claim c : claims) {
            require(c.id(), "claim without 'id'");
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException(c.id() + ": duplicate claim id");
            }
            require(c.claim(), c.id() + ": 'claim' is missing");
            for (int i = 0; i < c.measures().size(); i++) {
                validate(c.measures().get(i), c.id() + " measures[" + i + "]");
            }
        }
    }

    private static void validate(Measure m, String where) {
        require(m.source(), where + ": 'source' is missing (scenario, sweep, jmh, gatling or tests)");
        require(m.a(), where + ": 'a' is missing");
        if (m.source() != Measure.Source.JMH && m.source() != Measure.Source.TESTS) {
            require(m.metric(), where + ": 'metric' is missing");
        }
        switch (m.source()) {
            case SCENARIO -> require(m.scenario(), where + ": 'scenario' is missing");
            case SWEEP -> require(m.param(), where + ": 'param' is missing");
            case TESTS -> {
                try {
                    java.util.regex.Pattern.compile(m.a());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new IllegalArgumentException(where + ": 'a' is not a regular expression: " + e.getDescription());
                }
            }
            default -> { }
        }
        if (m.figure() != Measure.Figure.VALUE) {
            require(m.b(), where + ": 'b' is missing (figure " + m.figure().json() + " compares a and b)");
        }
        if (m.confirmed() == null && m.refuted() == null) {
            throw new IllegalArgumentException(where + ": needs 'confirmed' and/or 'refuted'");
        }
        if (m.confirmed() != null) {
            Condition.parse(m.confirmed(), where + " confirmed");
        }
        if (m.refuted() != null) {
            Condition.parse(m.refuted(), where + " refuted");
        }
    }

    private static void require(Object value, String message) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(message);
        }
    }
}
