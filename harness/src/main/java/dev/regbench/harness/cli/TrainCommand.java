package dev.regbench.harness.cli;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.dataset.Dataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code regbench cds-train}: the training run of the build's class-data archive. The build runs
 * it once as {@code java -XX:DumpLoadedClassList=regbench.classlist -jar regbench.jar cds-train},
 * then archives the listed classes ({@code -Xshare:dump}), so that the archive holds the classes a
 * user's {@code replicate} and {@code registry} load: it
 * starts two fake registries on free loopback ports, and runs {@code replicate} through the
 * command line exactly as a user would (a fresh copy with the progress bar, then a no-op
 * re-sync), then stops everything. Hidden; prints one line.
 */
@Command(name = "cds-train", hidden = true, description = "Training run for the class-data archive (build use).")
public final class TrainCommand implements Callable<Integer> {
    private static final String DATASET = """
            name: train
            seed: 7
            repos: 1
            tagsPerRepo: 4
            layersPerTag: 2
            layerSize: 256KiB
            sharedLayerFraction: 0.5
            """;

    @Override
    public Integer call() throws Exception {
        try (FakeRegistry source = FakeRegistry.builder().dataset(Dataset.parseYaml(DATASET, "cds-train")).start();
             FakeRegistry destination = FakeRegistry.builder().start()) {
            String repo = source.seeded().manifests().keySet().iterator().next();
            String[] args = {source.host() + "/" + repo, destination.host() + "/" + repo};
            int fresh = replicate(args);
            int noop = replicate(new String[] {args[0], args[1], "--no-progress"});
            System.out.println("cds-train: replicate exited " + fresh + " (fresh) and " + noop + " (no-op)");
            return fresh == 0 && noop == 0 ? 0 : 1;
        }
    }

    private static int replicate(String[] args) {
        CommandLine cli = new CommandLine(new ReplicateCommand());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        StringWriter sink = new StringWriter();
        cli.setOut(new PrintWriter(sink));
        return cli.execute(args);
    }
}
