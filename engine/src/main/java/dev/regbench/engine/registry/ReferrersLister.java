package dev.regbench.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v2/<name>/referrers/<digest>}: the manifests that refer to a digest (an OCI index). */
final class ReferrersLister extends BaseOperation<List<Descriptor>> {

    ReferrersLister(URI base, String registry, String repository, String digest, Duration deadline) {
        super("listing referrers of " + digest + " in " + registry + "/" + repository, "referrers", "GET",
                base.resolve("/v2/" + repository + "/referrers/" + digest), Scope.pull(repository), deadline);
    }

    @Override
    public boolean accepts(int status) {
        return status == 200 || status == 404;
    }

    @Override
    public List<Descriptor> handle(TransportResponse response) throws IOException {
        if (response.status() == 404) {
            return List.of();
        }
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode n : JsonTree.read(response.bodyBytes(4 << 20)).path("manifests")) {
            out.add(new Descriptor(n.path("mediaType").asText(""), n.path("digest").asText(""), n.path("size").asLong(-1)));
        }
        return out;
    }
}
