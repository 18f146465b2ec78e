package dev.regbench.fakeregistry.faults;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.regbench.fakeregistry.http.Route;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes ({@code 64KiB}, {@code 20MB}, {@code 20MB/s}, plain byte counts) and durations
 * ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}) as written in regbench's YAML and JSON,
 * plus the Jackson module that reads and writes them and {@link Route} names.
 * Decimal units are powers of 1000, binary units ({@code KiB}, {@code MiB}) powers of 1024.
 *
 * <p>Stateless and thread-safe.
 */
public final class Units {
    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?(?:/s)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

    private Units() {
    }

    /** Parses a size in bytes; throws {@link IllegalArgumentException} naming the text. */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad size '" + text + "' (expected e.g. 4096, 64KiB, 20MB)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        boolean binary = unit.contains("i");
        double base = binary ? 1024 : 1000;
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        return Math.round(number * Math.pow(base, power));
    }

    /** Parses a duration; a bare number is milliseconds. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text + "' (expected e.g. 250ms, 30s, 5m)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        double nanosPerUnit = switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return Duration.ofNanos(Math.round(number * nanosPerUnit));
    }

    /** Formats a duration the way {@link #parseDuration} reads it ({@code 20ms}, {@code 1s}). */
    public static String formatDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1000.0 + "us";
    }

    /** A JSON mapper with this module that rejects unknown keys. */
    static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Jackson (de)serializers for {@link Duration} (as text) and {@link Route} (lower case). */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("regbench-units");
        module.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(formatDuration(value));
            }
        });
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                try {
                    return parseDuration(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw ctx.weirdStringException(p.getText(), Duration.class, e.getMessage());
                }
            }
        });
        module.addSerializer(Route.class, new JsonSerializer<>() {
            @Override
            public void serialize(Route value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.key());
            }
        });
        module.addDeserializer(Route.class, new JsonDeserializer<>() {
            @Override
            public Route deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                try {
                    return Route.parse(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw ctx.weirdStringException(p.getText(), Route.class, e.getMessage());
                }
            }
        });
        return module;
    }

    /** Reads a size written as a number of bytes or as text ({@code 20MB}); use on long fields. */
    public static final class SizeDeserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            try {
                return parseSize(p.getValueAsString());
            } catch (IllegalArgumentException e) {
                throw ctx.weirdStringException(p.getText(), Long.class, e.getMessage());
            }
        }
    }
}
