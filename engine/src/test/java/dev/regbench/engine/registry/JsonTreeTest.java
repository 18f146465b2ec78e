package dev.regbench.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JsonTree builds the tree ObjectMapper.readTree builds, for every shape the registry readers see. */
class JsonTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        // an image manifest
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:aa\",\"size\":1234},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:bb\",\"size\":4194304},{\"digest\":\"sha256:cc\",\"size\":5000000000}],\"annotations\":{\"a\":\"b\"}}",
        // an index, a tag list, an error document, a token answer
        "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:dd\",\"size\":10,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}",
        "{\"name\":\"team/app\",\"tags\":[\"v1\",\"v2\",\"latest\"]}",
        "{\"name\":\"team/app\",\"tags\":null}",
        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{}}]}",
        "{\"token\":\"abc.def\",\"access_token\":\"abc.def\",\"expires_in\":300,\"issued_at\":\"2026-11-30T00:00:00Z\"}",
        // numbers of every width, floats, booleans, nulls, unicode and escapes, nesting, duplicate keys
        "{\"i\":1,\"n\":-7,\"l\":9223372036854775807,\"b\":123456789012345678901234567890,\"d\":1.5,\"e\":-2.5e-3}",
        "[true,false,null,[],{},[[1],[2,[3]]],{\"x\":{\"y\":{\"z\":[]}}}]",
        "{\"s\":\"caf\\u00e9 \\\"q\\\" \\\\ \\n \u2603\",\"k\":1,\"k\":2}",
        "\"a scalar\"", "42", "  {\"spaced\" : [ 1 , 2 ] }  ", ""
    })
    void readsWhatReadTreeReads(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonTree.read(bytes)).isEqualTo(MAPPER.readTree(bytes));
        Path file = dir.resolve("doc.json");
        Files.write(file, bytes);
        assertThat(JsonTree.read(file)).isEqualTo(MAPPER.readTree(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{\"a\" 1}", "[1,2", "{\"a\":tru}", "}"})
    void malformedJsonIsAnError(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MAPPER.readTree(bytes)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JsonTree.read(bytes)).isInstanceOf(JsonProcessingException.class);
    }
}
