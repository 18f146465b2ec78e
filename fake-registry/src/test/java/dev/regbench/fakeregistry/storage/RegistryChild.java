package dev.regbench.fakeregistry.storage;

import dev.regbench.fakeregistry.FakeRegistry;
import java.nio.file.Path;

/**
 * A fake registry in its own JVM for crash tests: {@code main(storageDir)} starts one on a free
 * port over {@code storageDir}, prints {@code recovery: <line>} for each problem reopening
 * reported and then {@code port <n>}, and serves until killed (at most 2 minutes, so a test
 * that dies cannot leave it behind for long).
 */
public final class RegistryChild {
    private RegistryChild() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().storage(Path.of(args[0])).ioThreads(2).workerThreads(8).start()) {
            registry.storage().recoveryProblems().forEach(p -> System.out.println("recovery: " + p));
            System.out.println("port " + registry.port());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
