package dev.regbench.engine.replicate;

import dev.regbench.engine.config.SelftestRegressions;
import dev.regbench.engine.pool.BufferPool;
import dev.regbench.engine.registry.Descriptor;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.engine.transport.RequestBody;
import dev.regbench.engine.resilience.UpstreamFailureException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The body of a blob upload: the source's blob, streamed through a buffer from the
 * {@link BufferPool} and verified on the fly. Each {@link #open()} re-requests the blob from the
 * source, so a retried upload re-sends from the source instead of from memory; source failures are
 * marked as such (see {@link #open()}). Thread-safe (each
 * write uses its own stream and buffer).
 */
final class PooledBlobBody implements RequestBody {
    private final RegistryClient source;
    private final String repository;
    private final Descriptor blob;
    private final boolean verify;
    private final BufferPool buffers;
    private final int bufferSize;
    private final ProgressListener progress;

    PooledBlobBody(RegistryClient source, String repository, Descriptor blob, boolean verify, BufferPool buffers,
                   int bufferSize, ProgressListener progress) {
        this.source = source;
        this.repository = repository;
        this.blob = blob;
        this.verify = verify;
        this.buffers = buffers;
        this.bufferSize = bufferSize;
        this.progress = progress;
    }

    /**
     * The source's blob. Every failure of the source (opening it after its own retries, a read, a
     * digest mismatch) comes out as an {@link UpstreamFailureException}, so the destination's
     * upload, whose body this is, neither retries it nor counts it against the destination.
     */
    @Override
    public InputStream open() throws IOException {
        InputStream in;
        try {
            in = source.pullBlob(repository, blob, verify);
        } catch (IOException e) {
            throw new UpstreamFailureException(source.host(), e);
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new UpstreamFailureException(source.host(), e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new UpstreamFailureException(source.host(), e);
                }
            }
        };
    }

    @Override
    public long length() {
        return blob.size();
    }

    @Override
    public String contentType() {
        return "application/octet-stream";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        byte[] buffer = buffers.acquire(bufferSize);
        try (InputStream in = open()) {
            int n;
            while ((n = in.read(buffer, 0, bufferSize)) >= 0) {
                out.write(buffer, 0, n);
                progress.bytesCopied(n);
                if (SelftestRegressions.EXTRA_ALLOC) {
                    SelftestRegressions.waste(n / 10);
                }
            }
        } finally {
            buffers.release(buffer);
        }
    }
}
