package dev.regbench.fakeregistry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regbench.fakeregistry.storage.MediaTypes;
import dev.regbench.fakeregistry.storage.Storage;
import dev.regbench.fakeregistry.storage.StoredManifest;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /v2/<name>/referrers/<digest>[?artifactType=...]}: an OCI image index of the
 * manifests whose {@code subject} is the digest, filtered by artifact type when asked (and then
 * saying so in {@code OCI-Filters-Applied}). Never 404 for a valid digest. Thread-safe.
 */
final class ReferrersHandler {
    private final Storage storage;

    ReferrersHandler(Storage storage) {
        this.storage = storage;
    }

    void get(HttpServerExchange exchange, RequestTarget target) {
        String digest = Requests.digest(target.reference()).toString();
        String artifactType = Requests.query(exchange, "artifactType");
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (StoredManifest m : storage.referrers(target.name(), digest)) {
            String type = m.facts().artifactType();
            if (artifactType != null && !artifactType.equals(type)) {
                continue;
            }
            ObjectNode d = manifests.addObject();
            d.put("mediaType", m.mediaType());
            d.put("digest", m.digest());
            d.put("size", m.size());
            if (type != null) {
                d.put("artifactType", type);
            }
            if (!m.facts().annotations().isEmpty()) {
                ObjectNode annotations = d.putObject("annotations");
                m.facts().annotations().forEach(annotations::put);
            }
        }
        if (artifactType != null) {
            exchange.getResponseHeaders().put(RegistryHeaders.OCI_FILTERS_APPLIED, "artifactType");
        }
        Json.send(exchange, 200, MediaTypes.OCI_INDEX, index);
    }
}
