package dev.regbench.fakeregistry.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads network and fault profiles from YAML or JSON with Jackson, turning every mapping
 * problem into an {@link IllegalArgumentException} that names the source, the key and the
 * problem. Thread-safe (the mappers are configured once).
 */
final class ProfileReader {
    static final ObjectMapper JSON = configure(new ObjectMapper());
    static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private ProfileReader() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        // a key given twice is an error naming it, not "last one wins"
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return Units.configure(mapper).setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    static <T> T readFile(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        ObjectMapper mapper = name.endsWith(".json") ? JSON : YAML;
        return read(mapper, text, file.toString(), type);
    }

    static <T> T read(ObjectMapper mapper, String text, String source, Class<T> type) {
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new IllegalArgumentException(source + ": empty " + type.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw explain(e, source);
        }
    }

    static <T> T fromTree(JsonNode node, String source, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw explain(e, source);
        }
    }

    static IllegalArgumentException explain(JsonProcessingException e, String source) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new IllegalArgumentException(source + ": unknown key '" + path(u) + "' (known keys: " + known + ")", e);
        }
        if (e instanceof JsonMappingException m) {
            String key = path(m);
            Throwable cause = m.getCause();
            String problem = cause instanceof IllegalArgumentException ? cause.getMessage() : m.getOriginalMessage();
            if (problem != null && problem.startsWith("Duplicate field ")) {
                return new IllegalArgumentException(source + ": duplicate key " + problem.substring("Duplicate field ".length())
                        + (key.isEmpty() ? "" : " in '" + key + "'") + location(m), e);
            }
            return new IllegalArgumentException(source + ": " + (key.isEmpty() ? "" : "bad value at '" + key + "': ")
                    + problem, e);
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field ")) {
            return new IllegalArgumentException(source + ": duplicate key " + message.substring("Duplicate field ".length())
                    + location(e), e);
        }
        return new IllegalArgumentException(source + ": not valid JSON/YAML: " + message, e);
    }

    /** {@code " (line L, column C)"} of a parse problem, or "". */
    static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
