package dev.regbench.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The registry client's one JSON reader: manifests, tag and referrer lists, error documents, token
 * answers and the Docker config are all read as trees through one mapper. Thread-safe (an
 * {@link ObjectMapper} is, once configured).
 *
 * <p>One mapper, not one per reader: building an {@code ObjectMapper} is not free in a new JVM,
 * and a cold {@code regbench replicate} built five before its first request.
 */
final class JsonTree {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonTree() {
    }

    /** Parses a JSON document. */
    static JsonNode read(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** Parses a JSON file. */
    static JsonNode read(Path json) throws IOException {
        return MAPPER.readTree(json.toFile());
    }
}
