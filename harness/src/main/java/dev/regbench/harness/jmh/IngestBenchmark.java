package dev.regbench.harness.jmh;

import dev.regbench.engine.config.Size;
import dev.regbench.fakeregistry.storage.Blob;
import dev.regbench.fakeregistry.storage.Digest;
import dev.regbench.fakeregistry.storage.DigestMismatchException;
import dev.regbench.fakeregistry.storage.Storage;
import dev.regbench.fakeregistry.storage.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does the fake registry's in-memory store spend to receive one uploaded blob
 * (append the body, SHA-256 it, commit it under its digest)?
 *
 * <p>{@code unannounced} is the path every upload took before the store used the announced
 * length: the body received in 256 KiB heap chunks, then copied at commit into one new direct
 * buffer. {@code announced} is the path of an upload with {@code Content-Length} (crane, regctl
 * and regbench all send it): the body received into one array of that length, which becomes the
 * blob. Expected: {@code announced} allocates about half as many bytes and avoids the copy; both
 * include the SHA-256 of the body, which bounds them from below. Each invocation uses a fresh
 * store, so the commit really stores (never finds the digest already present).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class IngestBenchmark {

    @Param({"64KiB", "4MiB"})
    public String blobSize;

    private byte[] content;
    private Digest digest;

    @Setup
    public void setUp() {
        content = new byte[(int) Size.parse(blobSize).bytes()];
        new SplittableRandom(42).nextBytes(content);
        digest = Digest.sha256(content);
    }

    /** Content-Length known: one array, kept as the blob. */
    @Benchmark
    public Blob announced() throws IOException, DigestMismatchException {
        return ingest(content.length);
    }

    /** No length announced (chunked transfer): 256 KiB chunks, copied into one buffer at commit. */
    @Benchmark
    public Blob unannounced() throws IOException, DigestMismatchException {
        return ingest(-1);
    }

    private Blob ingest(long lengthHint) throws IOException, DigestMismatchException {
        try (Storage storage = Storage.inMemory()) {
            Upload upload = storage.startUpload("bench/app");
            upload.append(new ByteArrayInputStream(content), Long.MAX_VALUE, -1, lengthHint);
            return storage.commitUpload(upload, digest);
        }
    }
}
