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

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("replicate")) {
            // Fast path for the command users run most: picocli would otherwise build (reflect
            // over) every subcommand's model first, ~45 ms of a cold start (bench/peers profiles).
            CommandLine replicate = new CommandLine(new ReplicateCommand());
            replicate.setExecutionExceptionHandler(new OneLineErrors());
            System.exit(replicate.execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        // XNIO and Undertow announce their versions through java.util.logging at INFO.
        java.util.logging.Logger.getLogger("org.xnio").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("io.undertow").setLevel(java.util.logging.Level.WARNING);
        // HttpClient 5 logs through SLF4J, bound to java.util.logging (slf4j-jdk14): warnings only.
        java.util.logging.Logger.getLogger("org.apache.hc").setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine().execute(args));
    }
}
