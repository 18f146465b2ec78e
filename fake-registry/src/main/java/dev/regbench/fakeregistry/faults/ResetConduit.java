package dev.regbench.fakeregistry.faults;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.IoUtils;
import org.xnio.conduits.StreamSinkConduit;

/**
 * A response-body conduit that lets the first N body bytes through, flushes them (with the
 * headers) to the socket, then closes the connection when the handler tries to write more:
 * the client gets exactly N bytes of a body its {@code Content-Length} promised longer, then
 * the end of the stream, and the handler gets an {@link IOException}. (An abortive close, TCP
 * RST via {@code Options.CLOSE_ABORT}, was tried and dropped: the kernel then discards bytes
 * not yet delivered, so the client saw fewer than N bytes, a different number each time.) A body of at most N bytes is sent whole and nothing is
 * injected. N is the rule's {@code afterBytes}, or half of the response's
 * {@code Content-Length} (0 when unknown). {@code onReset} runs once, when the reset happens.
 *
 * <p>Used by one exchange at a time; not thread-safe.
 */
final class ResetConduit extends BodyLimitingConduit {
    private final HttpServerExchange exchange;
    private final Long afterBytes;
    private final Runnable onReset;
    private long limit = -1;
    private long written;
    private boolean reset;

    ResetConduit(StreamSinkConduit next, HttpServerExchange exchange, Long afterBytes, Runnable onReset) {
        super(next);
        this.exchange = exchange;
        this.afterBytes = afterBytes;
        this.onReset = onReset;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!src.hasRemaining()) {
            return next.write(src);
        }
        long room = room();
        if (room == 0) {
            return trip();
        }
        int oldLimit = src.limit();
        src.limit(src.position() + (int) Math.min(src.remaining(), room));
        try {
            int n = next.write(src);
            written += n;
            return n;
        } finally {
            src.limit(oldLimit);
        }
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        if (count == 0) {
            return 0;
        }
        long room = room();
        if (room == 0) {
            return trip();
        }
        long n = next.transferFrom(src, position, Math.min(count, room));
        written += n;
        return n;
    }

    private long room() {
        if (limit < 0) {
            long length = exchange.getResponseContentLength();
            limit = afterBytes != null ? afterBytes : length > 0 ? length / 2 : 0;
        }
        return Math.max(0, limit - written);
    }

    /** The limit is reached and more is coming: flush what was allowed, then reset. */
    private int trip() throws IOException {
        if (!reset && !next.flush()) {
            return 0; // the caller waits for writability and comes back
        }
        if (!reset) {
            reset = true;
            onReset.run();
            IoUtils.safeClose(exchange.getConnection());
        }
        throw new IOException("regbench fault: connection reset after " + written + " body bytes");
    }
}
