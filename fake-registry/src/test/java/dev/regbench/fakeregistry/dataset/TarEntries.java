package dev.regbench.fakeregistry.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Test helper: gunzips a layer with the JDK and lists its ustar entries (name -> size), checking header checksums. */
final class TarEntries {
    private TarEntries() {
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static Map<String, Long> list(byte[] tar) {
        Map<String, Long> entries = new LinkedHashMap<>();
        int pos = 0;
        while (pos + 512 <= tar.length) {
            if (isZero(tar, pos)) {
                break;
            }
            String name = field(tar, pos, 100);
            long size = Long.parseLong(field(tar, pos + 124, 12).trim(), 8);
            long checksum = Long.parseLong(field(tar, pos + 148, 8).trim(), 8);
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : tar[pos + i] & 0xff;
            }
            if (sum != checksum) {
                throw new IllegalStateException("bad tar header checksum for " + name);
            }
            if (!field(tar, pos + 257, 6).equals("ustar")) {
                throw new IllegalStateException("not ustar: " + name);
            }
            entries.put(name, size);
            pos += 512 + (int) ((size + 511) / 512 * 512);
        }
        if (pos + 1024 > tar.length || !isZero(tar, pos) || !isZero(tar, pos + 512)) {
            throw new IllegalStateException("tar does not end with two zero blocks");
        }
        return entries;
    }

    private static boolean isZero(byte[] b, int pos) {
        for (int i = pos; i < pos + 512; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] b, int pos, int len) {
        int end = pos;
        while (end < pos + len && b[end] != 0) {
            end++;
        }
        return new String(b, pos, end - pos, StandardCharsets.US_ASCII);
    }
}
