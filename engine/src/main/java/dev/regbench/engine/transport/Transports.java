package dev.regbench.engine.transport;

import dev.regbench.engine.config.TransportConfig;
import java.io.IOException;

/**
 * Builds the HTTP transport a tuning config asks for: {@code APACHE} (HttpClient 5 classic,
 * pooled) or {@code JDK} ({@code java.net.http}, HTTP/2 capable). Stateless.
 */
public final class Transports {
    private Transports() {
    }

    /** A new transport; the caller closes it. */
    public static HttpTransport create(TransportConfig config, TlsOptions tls) throws IOException {
        return switch (config.kind()) {
            case APACHE -> new ApacheTransport(config, tls);
            case JDK -> new JdkTransport(config, tls);
        };
    }
}
