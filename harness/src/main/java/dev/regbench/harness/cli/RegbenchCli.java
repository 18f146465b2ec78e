package dev.regbench.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code regbench} command line: the entry point of {@code harness/target/regbench.jar}.
 *
 * <p>Each subcommand is one class in this package. Errors a user can fix (bad reference, bad
 * config, unreachable registry) are reported on one line without a stack trace; exit code 2
 * means bad usage, 1 a failed run.
 */
@Command(name = "regbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Load-testing and benchmark harness for container-registry replication.",
        subcommands = {
                RegistryCommand.class,
                ReplicateCommand.class,
                RunCommand.class,
                CompareCommand.class,
                SweepCommand.class,
                GateCommand.class,
                HistoryCommand.class,
                ReportCommand.class,
                MergeCommand.class,
                JmhCommand.class,
                ServeCommand.class,
                ReplicateLoopCommand.class,
                TrainCommand.class,
                CommandLine.HelpCommand.class
        })
public final class RegbenchCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Builds the command line with regbench's error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RegbenchCli());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli;
    }

    /**
     * Warnings only, held here so java.util.logging cannot drop the level with the logger: XNIO and
     * Undertow announce their versions at INFO; HttpClient 5 logs through SLF4J, which the CLI binds
     * to java.util.logging (slf4j-jdk14, so no "SLF4J: no binding" lines).
     */
    private static final java.util.logging.Logger[] QUIET_LOGGERS = {
        java.util.logging.Logger.getLogger("org.xnio"),
        java.util.logging.Logger.getLogger("io.undertow"),
        java.util.logging.Logger.getLogger("org.apache.hc"),
    };

    /**
     * The command line of the one subcommand {@code name} names, built alone: picocli would
     * otherwise reflect over every subcommand's options before running any (0.3 s of wall time of
     * a cold {@code regbench --version} on a loaded 2-core machine, async-profiler wall clock).
     * Null for anything else (options, {@code help}, a typo), which the full command line handles.
     * Usage lines still read {@code regbench <name>}.
     */
    static CommandLine subcommand(String name) {
        for (Class<?> type : RegbenchCli.class.getAnnotation(Command.class).subcommands()) {
            Command command = type.getAnnotation(Command.class);
            if (command == null || !command.name().equals(name) || type == CommandLine.HelpCommand.class) {
                continue;
            }
            try {
                CommandLine cli = new CommandLine(type.getDeclaredConstructor().newInstance());
                cli.setCommandName("regbench " + name);
                cli.setExecutionExceptionHandler(new OneLineErrors());
                return cli;
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }

    public static void main(String[] args) {
        for (java.util.logging.Logger quiet : QUIET_LOGGERS) {
            quiet.setLevel(java.util.logging.Level.WARNING);
        }
        CommandLine only = args.length > 0 ? subcommand(args[0]) : null;
        if (only != null) {
            System.exit(only.execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }
}
