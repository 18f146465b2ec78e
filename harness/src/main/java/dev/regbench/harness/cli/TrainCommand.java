package dev.regbench.harness.cli;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.PeerFiles;
import dev.regbench.fakeregistry.dataset.Dataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regbench cds-train}: the training run of the build's class-data archive. The build runs
 * it once as {@code java -XX:DumpLoadedClassList=regbench.classlist -jar regbench.jar cds-train},
 * then archives the listed classes ({@code -Xshare:dump}), so that the archive holds the classes a
 * user's {@code replicate} and {@code registry} load: it
 * starts two fake registries on free loopback ports, and runs {@code replicate} through the
 * command line exactly as a user would (a fresh copy with the progress bar, then a no-op
 * re-sync), then stops everything. Hidden; prints one line.
 *
 * <p>With {@code --client} the two registries run in a child JVM ({@code regbench registry}), so
 * the class list holds only what a client loads: the build archives that as
 * {@code regbench-client.jsa}, which {@code bin/regbench} maps for client commands. An archive of
 * client and registry classes together made a cold {@code replicate} map, relocate and keep
 * resident 4,308 classes where the client list has about 2,650: peak RSS 75 → 64 MiB on a 168 MiB copy, 65 → 55 MiB
 * on a no-op re-sync (bench/peers/jvm-flags.sh, n=6 and 8).
 */
@Command(name = "cds-train", hidden = true, description = "Training run for the class-data archive (build use).")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--client", description = "Run the registries in a child JVM: train the client-only archive.")
    boolean client;

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
        if (client) {
            return clientOnly();
        }
        try (FakeRegistry source = FakeRegistry.builder().dataset(Dataset.parseYaml(DATASET, "cds-train")).start();
             FakeRegistry destination = FakeRegistry.builder().start()) {
            String repo = source.seeded().manifests().keySet().iterator().next();
            return train(source.host(), destination.host(), repo);
        }
    }

    private static int train(String source, String destination, String repo) {
        String[] args = {source + "/" + repo, destination + "/" + repo};
        int fresh = replicate(args);
        int noop = replicate(new String[] {args[0], args[1], "--no-progress"});
        System.out.println("cds-train: replicate exited " + fresh + " (fresh) and " + noop + " (no-op)");
        return fresh == 0 && noop == 0 ? 0 : 1;
    }

    /** The registries in child JVMs (this jar's {@code registry} command), the client here. */
    private int clientOnly() throws Exception {
        Path dir = Files.createTempDirectory("regbench-cds-train");
        Path jar = Path.of(TrainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<Process> children = new ArrayList<>();
        try {
            Path dataset = Files.writeString(dir.resolve("train.yaml"), DATASET);
            int src = PeerFiles.freeLoopbackPort();
            int dst = PeerFiles.freeLoopbackPort();
            Process source = start(javaBin, jar, dir.resolve("source.log"), "--port", String.valueOf(src), "--dataset", dataset.toString());
            children.add(source);
            Process destination = start(javaBin, jar, dir.resolve("destination.log"), "--port", String.valueOf(dst));
            children.add(destination);
            awaitListening(source, dir.resolve("source.log"), src);
            awaitListening(destination, dir.resolve("destination.log"), dst);
            return train("127.0.0.1:" + src, "127.0.0.1:" + dst, "train/app0");
        } finally {
            children.forEach(p -> PeerFiles.stop(p, 10_000));
            PeerFiles.deleteRecursively(dir);
        }
    }

    /**
     * Waits (60 s at most) for the child's log to show the URL it listens on, which {@code regbench
     * registry} prints once its socket is bound. Read from the log rather than by an HTTP request:
     * an HTTP client here would land in the client archive's class list too.
     */
    private static void awaitListening(Process child, Path log, int port) throws Exception {
        String url = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(url)) {
                return;
            }
            if (!child.isAlive()) {
                throw new IllegalStateException("cds-train: the registry child for " + url + " exited with "
                        + child.exitValue() + ": " + PeerFiles.tail(log, 2000));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("cds-train: no registry listening on " + url + " after 60 s: "
                + PeerFiles.tail(log, 2000));
    }

    private static Process start(String java, Path jar, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", jar.toString(), RegbenchCli.class.getName(), "registry"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int replicate(String[] args) {
        CommandLine cli = new CommandLine(new ReplicateCommand());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        StringWriter sink = new StringWriter();
        cli.setOut(new PrintWriter(sink));
        return cli.execute(args);
    }
}
