package dev.regbench.harness.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question (claim C11, "caching registry auth cuts auth time 80%"), the CPU side: what does
 * producing a registry's {@code Authorization} header cost when it is recomputed for every
 * operation (seed 001's BEFORE: read the Docker {@code config.json}, find the registry, decode
 * its {@code auth}, build the header), against a Caffeine lookup of the cached header?
 *
 * <p>Expected: recomputing costs microseconds (JSON parsing dominates), a cache hit tens of ns, so
 * the reduction is well above 80% (confirmed, trivially). The cost that matters in practice is a
 * token request over the network per operation, which the {@code auth} scenario measures as
 * requests to the token endpoint.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class AuthBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String configJson;
    private String registry;
    private String key;
    private Cache<String, String> cache;

    @Setup
    public void setUp() throws IOException {
        registry = "127.0.0.1:5001";
        key = registry + "|repository:team/app:pull,push";
        String auth = Base64.getEncoder().encodeToString("alice:s3cret-passw0rd".getBytes(StandardCharsets.UTF_8));
        configJson = "{\"auths\":{"
                + "\"ghcr.io\":{\"auth\":\"" + auth + "\"},"
                + "\"index.docker.io/v1/\":{\"auth\":\"" + auth + "\"},"
                + "\"" + registry + "\":{\"auth\":\"" + auth + "\"}},"
                + "\"credsStore\":\"\",\"currentContext\":\"default\"}";
        cache = Caffeine.newBuilder().maximumSize(1000).expireAfterWrite(Duration.ofMinutes(5)).build();
        cache.put(key, computeToken());
    }

    /** Baseline (BEFORE): regenerate the header from the Docker config for every operation. */
    @Benchmark
    public String computeToken() throws IOException {
        JsonNode root = JSON.readTree(configJson);
        String auth = root.path("auths").path(registry).path("auth").asText();
        String userPass = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        int colon = userPass.indexOf(':');
        String user = userPass.substring(0, colon);
        String pass = userPass.substring(colon + 1);
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    /** AFTER: one cache lookup (always a hit here). */
    @Benchmark
    public String cachedToken() throws IOException {
        String header = cache.getIfPresent(key);
        if (header == null) {
            header = computeToken();
            cache.put(key, header);
        }
        return header;
    }
}
