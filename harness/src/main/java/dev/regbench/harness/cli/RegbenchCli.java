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
        // XNIO and Undertow log through jboss-logging: send it to SLF4J (slf4j-simple, levels in
        // simplelogger.properties) like everything else, so one backend and one file set the levels
        // and a client command does not start java.util.logging's LogManager. (Its 27-48 ms of
        // samples in a cold replicate mostly moved to picocli, which then first runs the JDK code
        // they shared: net CPU samples 358 -> 356, n=4 profiles each.)
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        CommandLine only = args.length > 0 ? subcommand(args[0]) : null;
        if (only != null) {
            System.exit(only.execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }
}
