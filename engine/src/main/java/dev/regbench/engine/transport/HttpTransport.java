package dev.regbench.engine.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * One HTTP exchange at a time, whatever client sits underneath (Apache HttpClient 5 or the JDK
 * client). The registry client speaks only to this interface, so the two kinds can be compared
 * on the same run.
 *
 * <p>Redirects are never followed here: the registry client follows them itself so that it can
 * keep credentials off cross-host hops. No retries either: {@code resilience} decides those.
 *
 * <p>Implementations are thread-safe. {@link #close()} frees every connection and thread.
 */
public interface HttpTransport extends Closeable {

    /**
     * Sends {@code request} and returns once the response head has arrived. The caller must close
     * the response (which releases or discards the connection) after reading its body.
     */
    TransportResponse execute(TransportRequest request) throws IOException;

    /** Client-side connection counters, live. */
    TransportCounters counters();

    /** A short name for reports: {@code apache} or {@code jdk}. */
    String kind();

    @Override
    void close() throws IOException;
}
