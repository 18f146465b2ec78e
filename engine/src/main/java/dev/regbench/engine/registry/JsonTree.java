package dev.regbench.engine.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The registry client's one JSON reader: manifests, tag and referrer lists, error documents, token
 * answers and the Docker config are all read as Jackson trees here. Thread-safe.
 *
 * <p>It builds the tree from jackson-core's streaming parser with Jackson's own node types, which is
 * what {@code ObjectMapper.readTree} does, without an {@code ObjectMapper}: initialising databind's
 * mapper (date formats, type factory, serializer caches none of these readers use) was 28–46 ms of
 * the CPU of a cold {@code regbench replicate} (async-profiler), and the five mappers the readers
 * held before cost more. {@code JsonTreeTest} checks it yields the trees {@code readTree} yields.
 */
final class JsonTree {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {
    }

    /** Parses a JSON document; an empty input is a missing node, as with {@code readTree}. */
    static JsonNode read(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return read(p);
        }
    }

    /** Parses a JSON file. */
    static JsonNode read(Path json) throws IOException {
        return read(Files.readAllBytes(json));
    }

    private static JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return MissingNode.getInstance();
        }
        Deque<JsonNode> open = new ArrayDeque<>();
        String field = null;
        for (; t != null; t = p.nextToken()) {
            JsonNode value;
            switch (t) {
                case FIELD_NAME -> {
                    field = p.currentName();
                    continue;
                }
                case START_OBJECT -> value = NODES.objectNode();
                case START_ARRAY -> value = NODES.arrayNode();
                case END_OBJECT, END_ARRAY -> {
                    JsonNode done = open.pop();
                    if (open.isEmpty()) {
                        return done; // what follows the document is not read, as with readTree
                    }
                    continue;
                }
                case VALUE_STRING -> value = NODES.textNode(p.getText());
                case VALUE_NUMBER_INT -> value = switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> value = NODES.numberNode(p.getDoubleValue());
                case VALUE_TRUE -> value = NODES.booleanNode(true);
                case VALUE_FALSE -> value = NODES.booleanNode(false);
                case VALUE_NULL -> value = NODES.nullNode();
                default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected JSON token " + t);
            }
            JsonNode parent = open.peek();
            if (parent == null) {
                if (!value.isContainerNode()) {
                    return value; // a scalar document
                }
            } else if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) parent).add(value);
            }
            if (value.isContainerNode()) {
                open.push(value);
            }
        }
        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of JSON input");
    }
}
