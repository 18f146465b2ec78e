package dev.regbench.engine.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one Jackson setup for tuning configs: strict (unknown keys, floats for ints and nulls for
 * primitives are errors), {@code 30s}-style durations, {@code 64KiB}-style sizes, and the
 * translation of Jackson's exceptions into one-line {@link ConfigException}s naming the key.
 * Thread-safe (the mapper is configured once and then only read).
 */
final class ConfigMapper {

    static final ObjectMapper YAML = build();

    private ConfigMapper() {
    }

    private static ObjectMapper build() {
        SimpleModule module = new SimpleModule("regbench-config");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addSerializer(Duration.class, new DurationSerializer());
        module.addDeserializer(Size.class, new SizeDeserializer());
        YAMLFactory yaml = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        return JsonMapper.builder(yaml)
                .addModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                // a key written twice is an error, never "the last one wins"
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    /** Turns a Jackson failure while reading {@code source} into a one-line error naming the key. */
    static ConfigException translate(String source, IOException e) {
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            return new ConfigException(source, duplicate, "duplicate key: written twice in the same section", e);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String key = dotted(u);
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Objects::toString).collect(Collectors.toCollection(TreeSet::new)).toString();
            return new ConfigException(source, "", "unknown key '" + key + "' (known: "
                    + known.substring(1, Math.max(1, known.length() - 1)) + ")", e);
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException iae) {
            // The records' own validation: their messages start with the dotted key already.
            String msg = iae.getMessage();
            int colon = msg.indexOf(": ");
            if (colon > 0 && !msg.substring(0, colon).contains(" ")) {
                return new ConfigException(source, msg.substring(0, colon), msg.substring(colon + 2), e);
            }
            return new ConfigException(source, dotted(v), msg, e);
        }
        if (e instanceof InvalidFormatException f) {
            String expected = f.getTargetType() == null ? "a value" : describe(f.getTargetType());
            String detail = f.getOriginalMessage();
            if (detail != null && detail.startsWith("regbench: ")) {
                return new ConfigException(source, dotted(f), detail.substring("regbench: ".length()), e);
            }
            return new ConfigException(source, dotted(f), "expected " + expected + ", got '" + f.getValue() + "'", e);
        }
        if (e instanceof MismatchedInputException m) {
            String expected = m.getTargetType() == null ? "a different value" : describe(m.getTargetType());
            return new ConfigException(source, dotted(m), "expected " + expected
                    + " (" + firstLine(m.getOriginalMessage()) + ")", e);
        }
        if (e instanceof JsonMappingException m) {
            return new ConfigException(source, dotted(m), firstLine(m.getOriginalMessage()), e);
        }
        if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            return new ConfigException(source, "", "YAML syntax error at line " + p.getLocation().getLineNr()
                    + ", column " + p.getLocation().getColumnNr() + ": " + firstLine(p.getOriginalMessage()), e);
        }
        return new ConfigException(source, "", "cannot read: " + e, e);
    }

    /**
     * The dotted key a duplicate-key failure names ({@code replication.tagConcurrency}), or null
     * when {@code e} is another failure.
     */
    static String duplicateKey(IOException e) {
        String msg = e instanceof JsonProcessingException p ? p.getOriginalMessage() : null;
        if (msg == null || !msg.startsWith("Duplicate field '")) {
            return null;
        }
        String field = msg.substring("Duplicate field '".length(), msg.indexOf('\'', "Duplicate field '".length()));
        if (e instanceof JsonProcessingException p && p.getProcessor() instanceof JsonParser parser) {
            StringBuilder path = new StringBuilder(field);
            for (var ctx = parser.getParsingContext() == null ? null : parser.getParsingContext().getParent();
                    ctx != null; ctx = ctx.getParent()) {
                if (ctx.getCurrentName() != null) {
                    path.insert(0, ctx.getCurrentName() + ".");
                }
            }
            return path.toString();
        }
        return field;
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == double.class) {
            return "a number";
        }
        if (type == Duration.class) {
            return "a duration (250ms, 30s, 5m, 1h)";
        }
        if (type == Size.class) {
            return "a size (65536, 64KiB, 50MiB)";
        }
        return type.getSimpleName();
    }

    static String dotted(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getText();
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == 0) {
                return Duration.ZERO;
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, "regbench: " + e.getMessage(), text, Duration.class);
            }
        }
    }

    static final class DurationSerializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(Durations.format(value));
        }
    }

    private static final class SizeDeserializer extends JsonDeserializer<Size> {
        @Override
        public Size deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getText();
            try {
                return Size.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, "regbench: " + e.getMessage(), text, Size.class);
            }
        }
    }
}
