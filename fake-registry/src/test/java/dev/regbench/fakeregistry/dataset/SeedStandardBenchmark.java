package dev.regbench.fakeregistry.dataset;

import dev.regbench.fakeregistry.storage.Storage;

/**
 * Not a test: times seeding a built-in dataset (default {@code standard}) into in-memory
 * storage, a few times. Run with the test classpath:
 * {@code java -cp ... dev.regbench.fakeregistry.dataset.SeedStandardBenchmark standard 5}.
 */
public final class SeedStandardBenchmark {
    private SeedStandardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "standard";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int i = 0; i < runs; i++) {
            try (Storage storage = Storage.inMemory()) {
                long start = System.nanoTime();
                SeedResult result = Dataset.named(name).seedInto(storage);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s run %d: %.2f s, %d blobs, %.1f MiB, %.0f MiB/s%n", name, i, seconds,
                        result.blobs(), result.blobBytes() / 1048576.0, result.blobBytes() / 1048576.0 / seconds);
            }
        }
    }
}
