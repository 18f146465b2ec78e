package dev.regbench.fakeregistry.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.StreamConnection;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Guards the plain HTTP listener against TLS: when the first byte a connection sends is a TLS
 * handshake record (0x16), answers a one-line HTTP 400 and reports end of stream, so the HTTP
 * parser closes the connection at once instead of waiting for a request line that never comes
 * (skopeo tries TLS first on registries marked insecure). Not thread-safe: used by the one IO
 * thread of its connection.
 */
final class TlsSniffingConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {
    private static final byte TLS_HANDSHAKE = 0x16;
    private static final byte[] REFUSAL = ("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final StreamConnection connection;
    private boolean checked;
    private boolean refused;

    TlsSniffingConduit(StreamSourceConduit next, StreamConnection connection) {
        super(next);
        this.connection = connection;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (refused) {
            return -1;
        }
        int start = dst.position();
        int n = next.read(dst);
        if (!checked && n > 0) {
            checked = true;
            if (dst.get(start) == TLS_HANDSHAKE) {
                dst.position(start);
                refuse();
                return -1;
            }
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        if (refused) {
            return -1;
        }
        if (checked) {
            return next.read(dsts, offs, len);
        }
        for (int i = offs; i < offs + len; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    private void refuse() {
        refused = true;
        try {
            connection.getSinkChannel().write(ByteBuffer.wrap(REFUSAL));
            connection.getSinkChannel().flush();
        } catch (IOException ignored) {
            // the client is gone already; closing is all that is left
        }
        try {
            next.terminateReads();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
