package dev.regbench.fakeregistry.http;

import dev.regbench.fakeregistry.storage.MediaTypes;
import io.undertow.util.HeaderValues;

/**
 * Content negotiation for manifests: does the request's {@code Accept} (every header line,
 * each possibly a comma-separated list with parameters) allow a media type? No {@code Accept},
 * {@code *}{@code /*} or {@code application/*} allow everything. Stateless.
 */
final class Accepts {
    private Accepts() {
    }

    static boolean allows(HeaderValues accept, String mediaType) {
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        boolean sawType = false;
        for (String line : accept) {
            if (line.equals(mediaType)) {
                return true;
            }
            for (String part : line.split(",")) {
                String type = MediaTypes.strip(part);
                if (type.isEmpty()) {
                    continue;
                }
                if (type.equals(mediaType) || type.equals("*/*") || type.equals("application/*")) {
                    return true;
                }
                sawType = true;
            }
        }
        return !sawType;
    }
}
