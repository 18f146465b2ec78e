package dev.regbench.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The git commit of the working tree results were measured on, with "-dirty" for uncommitted changes. */
public final class GitCommit {

    private GitCommit() {
    }

    /** Short commit id, {@code <id>-dirty}, or "unknown" outside a checkout. */
    public static String of(Path workingTree) {
        return gitCommit(workingTree);
    }

    static String gitCommit(Path workingTree) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
                    .directory(workingTree.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            if (p.exitValue() != 0) {
                return "unknown";
            }
            Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .directory(workingTree.toFile()).redirectErrorStream(true).start();
            String changes = new String(dirty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            dirty.waitFor(10, TimeUnit.SECONDS);
            return changes.isEmpty() ? out : out + "-dirty";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
