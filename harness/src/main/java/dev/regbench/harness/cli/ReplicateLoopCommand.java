package dev.regbench.harness.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code regbench replicate-loop}: the engine warm, in one long-lived JVM, for side-by-side
 * benchmarks ({@code bench/peers/}). Reads one {@code replicate} command line per stdin line
 * (the arguments {@code regbench replicate} takes, separated by spaces), runs it exactly as the
 * {@code replicate} command does (a new {@code Replicator}, so a new connection pool, per line:
 * only the JVM — loaded classes and JIT-compiled code — carries over), and after each prints
 * {@code @@done <exit code>} on its own line on stdout. Ends at end of input. Hidden: a
 * benchmark driver, not a user command.
 */
@Command(name = "replicate-loop", hidden = true,
        description = "Run `replicate` once per stdin line in this JVM; print '@@done <code>' after each.")
public final class ReplicateLoopCommand implements Callable<Integer> {
    /** The line printed after each command, followed by a space and the command's exit code. */
    public static final String DONE = "@@done";

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            CommandLine cli = new CommandLine(new ReplicateCommand());
            cli.setExecutionExceptionHandler(new OneLineErrors());
            int code = cli.execute(trimmed.split("\\s+"));
            out.println(DONE + " " + code);
            out.flush();
        }
        return 0;
    }
}
