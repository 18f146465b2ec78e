package dev.regbench.harness.cli;

import dev.regbench.harness.scenario.Scenario;
import dev.regbench.harness.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's folders from wherever the command runs: the working tree is the nearest
 * folder upwards holding {@code configs/scenarios}, else the current folder. A scenario may be
 * given as a file or as a built-in name ({@code quick} = {@code configs/scenarios/quick.yaml}).
 */
final class Workspace {

    private Workspace() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("configs/scenarios"))) {
                return p;
            }
        }
        return dir;
    }

    static Scenario scenario(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (!Files.exists(file) && !nameOrFile.contains("/") && !nameOrFile.endsWith(".yaml")) {
            file = root().resolve("configs/scenarios").resolve(nameOrFile + ".yaml");
        }
        return ScenarioLoader.load(file);
    }

    /** A tuning config given as a file or as a name under {@code configs/} ({@code optimized}). */
    static Path config(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (!Files.exists(file) && !nameOrFile.contains("/") && !nameOrFile.endsWith(".yaml")) {
            file = root().resolve("configs").resolve(nameOrFile + ".yaml");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such tuning config: " + nameOrFile);
        }
        return file.toAbsolutePath().normalize();
    }
}
