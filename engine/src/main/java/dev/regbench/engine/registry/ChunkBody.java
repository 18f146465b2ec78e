package dev.regbench.engine.registry;

import dev.regbench.engine.transport.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One chunk of a chunked upload, read from the shared source stream into memory (at most
 * {@code replication.chunkSize}) so that its length is known for {@code Content-Range}.
 * Not thread-safe.
 */
final class ChunkBody implements RequestBody {
    private final InputStream source;
    private final long max;
    private byte[] bytes;
    private int length;

    ChunkBody(InputStream source, long max) {
        this.source = source;
        this.max = max;
    }

    /** Reads the next chunk; false at the end of the source. */
    boolean fill() throws IOException {
        bytes = source.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
        length = bytes.length;
        return length > 0;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public String contentType() {
        return "application/octet-stream";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }
}
