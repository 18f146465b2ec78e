package dev.regbench.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCI {@code {"errors":[{"code","message","detail"}]}} body, parsed into readable reasons in
 * one place. Bodies that are not such a document are shown as (truncated) text. Immutable.
 */
record ErrorDocument(List<String> codes, String reasons) {

    static ErrorDocument parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ErrorDocument(List.of(), "");
        }
        try {
            JsonNode errors = JsonTree.read(body).path("errors");
            if (errors.isArray() && errors.size() > 0) {
                List<String> codes = new ArrayList<>();
                List<String> parts = new ArrayList<>();
                for (JsonNode e : errors) {
                    String code = e.path("code").asText("");
                    String message = e.path("message").asText("");
                    codes.add(code);
                    parts.add(code + (message.isEmpty() ? "" : " (" + message + ")"));
                }
                return new ErrorDocument(List.copyOf(codes), String.join("; ", parts));
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // fall through to text
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip()
                .replaceAll("\\s+", " ");
        return new ErrorDocument(List.of(), text);
    }

    boolean has(String code) {
        return codes.contains(code);
    }
}
