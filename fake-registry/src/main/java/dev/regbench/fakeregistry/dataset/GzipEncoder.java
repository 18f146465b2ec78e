package dev.regbench.fakeregistry.dataset;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A tiny gzip (RFC 1952 / deflate RFC 1951) writer that produces the same bytes on every JDK
 * and zlib build: random bytes go into stored blocks, runs of one byte into fixed-Huffman
 * blocks of distance-1 matches. {@link java.util.zip.Deflater} is not used on purpose: its
 * output depends on the zlib (or zlib-ng) the JDK links, and dataset digests must not.
 * Header: no name, mtime 0, OS byte 255 (unknown), like Go's {@code compress/gzip}.
 *
 * <p>Not thread-safe.
 */
final class GzipEncoder {
    private static final int MAX_STORED = 65_535;
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
        31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3,
        3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};

    private final CRC32 crc = new CRC32();
    private final byte[] runBuffer = new byte[4096];
    private byte runValue;
    private byte[] out;
    private int pos;
    private long bits;
    private int bitCount;
    private long inputSize;

    GzipEncoder(int expectedSize) {
        out = new byte[Math.max(64, expectedSize)];
        put(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    }

    /** Appends bytes that do not compress (stored blocks). */
    void stored(byte[] data, int offset, int length) {
        crc.update(data, offset, length);
        inputSize += length;
        while (length > 0) {
            int n = Math.min(length, MAX_STORED);
            writeBits(0, 3); // BFINAL=0, BTYPE=00
            alignToByte();
            ensure(4 + n);
            putShort(n);
            putShort(~n & 0xffff);
            System.arraycopy(data, offset, out, pos, n);
            pos += n;
            offset += n;
            length -= n;
        }
    }

    /** Appends {@code count} copies of {@code value} (a fixed-Huffman block of matches). */
    void run(byte value, long count) {
        if (count <= 0) {
            return;
        }
        updateCrcWithRun(value, count);
        inputSize += count;
        writeBits(0b010, 3); // BFINAL=0, BTYPE=01 (fixed Huffman), LSB first
        literal(value & 0xff);
        long remaining = count - 1;
        while (remaining >= 3) {
            int length = (int) Math.min(remaining, 258);
            if (remaining - length == 1 || remaining - length == 2) {
                length -= 3; // keep the tail >= 3 so it can be a match too
            }
            match(length);
            remaining -= length;
        }
        for (; remaining > 0; remaining--) {
            literal(value & 0xff);
        }
        huffman(0, 7); // end of block (symbol 256)
    }

    /** Ends the stream and returns the whole gzip member. */
    ByteBuffer finish() {
        writeBits(1, 3); // BFINAL=1, BTYPE=00: an empty final stored block
        alignToByte();
        ensure(12);
        putShort(0);
        putShort(0xffff);
        putInt((int) crc.getValue());
        putInt((int) inputSize);
        return ByteBuffer.wrap(out, 0, pos);
    }

    long inputSize() {
        return inputSize;
    }

    private void updateCrcWithRun(byte value, long count) {
        if (runValue != value || runBuffer[0] != value) {
            Arrays.fill(runBuffer, value);
            runValue = value;
        }
        while (count > 0) {
            int n = (int) Math.min(count, runBuffer.length);
            crc.update(runBuffer, 0, n);
            count -= n;
        }
    }

    private void literal(int value) {
        if (value < 144) {
            huffman(0x30 + value, 8);
        } else {
            huffman(0x190 + value - 144, 9);
        }
    }

    private void match(int length) {
        int i = LENGTH_BASE.length - 1;
        while (LENGTH_BASE[i] > length) {
            i--;
        }
        int symbol = 257 + i;
        if (symbol < 280) {
            huffman(symbol - 256, 7);
        } else {
            huffman(0xC0 + symbol - 280, 8);
        }
        writeBits(length - LENGTH_BASE[i], LENGTH_EXTRA[i]);
        huffman(0, 5); // distance code 0 = distance 1
    }

    /** Huffman codes are sent most significant bit first. */
    private void huffman(int code, int length) {
        writeBits(Integer.reverse(code) >>> (32 - length), length);
    }

    private void writeBits(long value, int count) {
        bits |= value << bitCount;
        bitCount += count;
        while (bitCount >= 8) {
            ensure(1);
            out[pos++] = (byte) bits;
            bits >>>= 8;
            bitCount -= 8;
        }
    }

    private void alignToByte() {
        if (bitCount > 0) {
            writeBits(0, 8 - bitCount);
        }
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        pos += bytes.length;
    }

    private void putShort(int v) {
        out[pos++] = (byte) v;
        out[pos++] = (byte) (v >>> 8);
    }

    private void putInt(int v) {
        putShort(v & 0xffff);
        putShort(v >>> 16);
    }

    private void ensure(int n) {
        if (pos + n > out.length) {
            out = Arrays.copyOf(out, Math.max(pos + n, out.length + (out.length >> 1)));
        }
    }
}
