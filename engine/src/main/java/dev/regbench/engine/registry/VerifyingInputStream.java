package dev.regbench.engine.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes bytes as they stream through and fails the read that completes them when they do not
 * hash to the expected digest (jib's {@code BlobPuller} habit). With a known size the check
 * happens as soon as that many bytes have been read, before the last ones are handed on, so a
 * consumer that stops at the size (an upload with {@code Content-Length}) never forwards a
 * corrupt blob whole. Not thread-safe (one reader).
 */
final class VerifyingInputStream extends FilterInputStream {
    private final MessageDigest md = Digests.sha256();
    private final String expected;
    private final long size;
    private final String action;
    private long count;
    private boolean verified;

    /**
     * @param size expected size, or -1 when unknown (checked at end of stream)
     */
    VerifyingInputStream(InputStream in, String expected, long size, String action) {
        super(in);
        this.expected = expected;
        this.size = size;
        this.action = action;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            verify();
            return -1;
        }
        md.update(b, off, n);
        count += n;
        if (size >= 0 && count >= size) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip not supported while verifying a digest");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    private void verify() throws IOException {
        if (verified) {
            if (size >= 0 && count > size) {
                throw new DigestMismatchException(action + " (more than the " + size + " bytes announced)", expected, "unknown");
            }
            return;
        }
        verified = true;
        if (size >= 0 && count != size) {
            throw new DigestMismatchException(action + " (" + count + " bytes received, " + size + " expected)",
                    expected, Digests.format(md));
        }
        String actual = Digests.format(md);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(action, expected, actual);
        }
    }
}
