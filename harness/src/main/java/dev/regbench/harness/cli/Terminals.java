package dev.regbench.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal: progress bars (carriage-return frames) only there; in a log, CI
 * output or a pipe, commands print plain lines instead (as crane and regctl do). Java has no
 * isatty for one stream: on Linux {@code /proc/self/fd/2} names the device ({@code /dev/pts/N} or
 * {@code /dev/ttyN} for a terminal); elsewhere the console (stdin and stdout on a terminal) decides.
 * {@code TERM=dumb} is never a terminal. Stateless.
 */
final class Terminals {

    private Terminals() {
    }

    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
