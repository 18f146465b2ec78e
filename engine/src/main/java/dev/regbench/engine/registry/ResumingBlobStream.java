package dev.regbench.engine.registry;

import java.io.IOException;
import java.io.InputStream;

/**
 * A blob download that survives a broken connection: when a read fails with a transport error,
 * it re-requests the blob from the byte it had reached ({@code Range: bytes=N-}) and carries on;
 * a server that ignores {@code Range} (answers 200) has the first N bytes skipped. At most
 * {@code maxResumes} times. Digest mismatches are not transport errors and are never resumed.
 * Not thread-safe (one reader).
 */
final class ResumingBlobStream extends InputStream {

    /** Opens the blob from an offset. */
    @FunctionalInterface
    interface Opener {
        BlobPuller.Opened open(long offset) throws IOException;
    }

    private final Opener opener;
    private final int maxResumes;
    private BlobPuller.Opened current;
    private InputStream in;
    private long position;
    private int resumes;

    ResumingBlobStream(Opener opener, BlobPuller.Opened first, int maxResumes) throws IOException {
        this.opener = opener;
        this.maxResumes = maxResumes;
        this.current = first;
        this.in = first.body();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (RegistryException | java.io.InterruptedIOException e) {
                throw e;     // not a broken connection: a mismatch, a deadline, a cancellation
            } catch (IOException e) {
                if (resumes >= maxResumes) {
                    throw e;
                }
                resumes++;
                reopen();
            }
        }
    }

    /** How many times the download was resumed. */
    int resumes() {
        return resumes;
    }

    private void reopen() throws IOException {
        closeQuietly();
        current = opener.open(position);
        in = current.body();
        if (!current.partial() && position > 0) {
            long toSkip = position;
            while (toSkip > 0) {
                long skipped = in.skip(toSkip);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("blob shorter than " + position + " bytes on re-request");
                    }
                    skipped = 1;
                }
                toSkip -= skipped;
            }
        }
    }

    private void closeQuietly() {
        try {
            current.response().close();
        } catch (IOException ignored) {
            // the connection is gone anyway
        }
    }

    @Override
    public void close() throws IOException {
        current.response().close();
    }
}
