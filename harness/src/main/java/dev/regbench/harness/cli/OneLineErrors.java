package dev.regbench.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed command as one line on stderr ({@code regbench: <message>}) and exit code 1.
 * A stack trace is printed only with {@code REGBENCH_DEBUG=1}, for bugs rather than user errors.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        cmd.getErr().println("regbench " + cmd.getCommandName() + ": " + describe(ex));
        if ("1".equals(System.getenv("REGBENCH_DEBUG"))) {
            ex.printStackTrace(cmd.getErr());
        }
        return 1;
    }

    static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        Throwable cause = ex.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + ": " + cause.getMessage();
        }
        return message;
    }
}
