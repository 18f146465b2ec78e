package dev.regbench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.regbench.engine.config.ConfigException;
import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.CredentialResolver;
import dev.regbench.engine.registry.Credentials;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.registry.RegistryException;
import dev.regbench.engine.replicate.ProgressListener;
import dev.regbench.engine.replicate.ReplicationRequest;
import dev.regbench.engine.replicate.ReplicationResult;
import dev.regbench.engine.replicate.Replicator;
import dev.regbench.engine.replicate.ReplicatorOptions;
import dev.regbench.engine.replicate.TagOutcome;
import dev.regbench.engine.shard.Shard;
import dev.regbench.engine.shard.ShardUnit;
import dev.regbench.engine.stats.TransferStatsSnapshot;
import dev.regbench.engine.transport.TlsOptions;
import dev.regbench.harness.run.ReplicationRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code regbench replicate SRC DST}: copies images between registries with the engine, like
 * {@code skopeo sync} / {@code crane copy}. A progress bar on stderr while it runs (plain lines
 * when stderr is not a terminal), a summary
 * table on stdout at the end. Exit code 0 only when every selected tag was copied (or already
 * matched) and verified; 1 when some tag failed; 2 for bad input (reference, config, options);
 * 3 when a registry cannot be reached or refuses the credentials. Errors are one line, no trace.
 */
@Command(name = "replicate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy repositories and tags from SRC to DST.",
            "References look like skopeo's and crane's: 127.0.0.1:5001/team/app[:tag|@sha256:...];",
            "a registry alone (127.0.0.1:5001) with --all-repos copies every repository.",
            "Loopback hosts default to http://, others to https://; prefix http:// or https:// to choose."})
public final class ReplicateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "source registry[/repository[:tag|@digest]]")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "destination registry[/repository]")
    String destination;

    @Option(names = "--config", paramLabel = "FILE", description = "tuning config YAML (default: built-in defaults)")
    Path config;

    @Option(names = "--tags", paramLabel = "REGEX", description = "copy only tags matching REGEX (whole tag)")
    String tags;

    @Option(names = "--all-repos", description = "copy every repository of the source registry (catalog)")
    boolean allRepos;

    @Option(names = "--dry-run", description = "report what would be copied; write nothing")
    boolean dryRun;

    @Option(names = "--keep-going", paramLabel = "FAILED_FILE",
            description = "carry on after a failed tag and write the failed tags with reasons to FAILED_FILE")
    Path keepGoing;

    @Option(names = "--json", paramLabel = "FILE", description = "write the run's stats and per-tag outcomes as JSON")
    Path json;

    @Option(names = "--insecure", description = "accept any TLS certificate (loopback tests only)")
    boolean insecure;

    @Option(names = "--ca", paramLabel = "FILE", description = "trust this CA certificate (PEM) for HTTPS registries")
    Path ca;

    @Option(names = "--creds", paramLabel = "USER:PASS",
            description = {"source credentials (visible in the process list: prefer --creds-file);",
                "else REGBENCH_SOURCE_USERNAME/REGBENCH_SOURCE_PASSWORD, else ~/.docker/config.json"})
    String creds;

    @Option(names = "--creds-file", paramLabel = "FILE",
            description = "source credentials from FILE (one line USER:PASS); '-' reads that line from stdin")
    Path credsFile;

    @Option(names = "--dest-creds", paramLabel = "USER:PASS",
            description = {"destination credentials (visible in the process list: prefer --dest-creds-file);",
                "else REGBENCH_DEST_USERNAME/REGBENCH_DEST_PASSWORD, else ~/.docker/config.json"})
    String destCreds;

    @Option(names = "--dest-creds-file", paramLabel = "FILE",
            description = "destination credentials from FILE (one line USER:PASS); '-' reads that line from stdin")
    Path destCredsFile;

    @Option(names = "--trust-realm", paramLabel = "HOST[:PORT]",
            description = {"also send credentials to a token realm on HOST (a registry's Bearer challenge naming",
                "another host, e.g. auth.docker.io); by default they go only to the registry's own host"})
    List<String> trustedRealms = new ArrayList<>();

    @Option(names = "--serial", description = "run every tag and blob one after another (debugging)")
    boolean serial;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardOption.class, defaultValue = "0/1",
            description = "copy only shard I of N (0-based, 0 <= I < N) of the selected images; N processes with"
                    + " 0/N .. N-1/N together copy exactly the whole selection")
    Shard shard;

    @Option(names = "--shard-by", paramLabel = "UNIT", defaultValue = "image", converter = ShardOption.Unit.class,
            description = "what --shard splits: image (repository:tag, default) or repository")
    ShardUnit shardBy;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write results.json and an HdrHistogram log (hlog/) for regbench merge / report")
    Path resultsDir;

    @Spec
    CommandSpec spec;

    /** Where credentials come from besides the flags; tests give their own environment. */
    CredentialResolver resolver = CredentialResolver.system();

    /** Whether stderr is a terminal (a bar) or not (plain lines); tests set it. */
    boolean stderrTerminal = Terminals.stderrIsTerminal();

    /** Read by {@code --creds-file -}; tests give their own. */
    java.io.InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ReplicationRequest request;
        TuningConfig tuning;
        ReplicatorOptions options;
        try {
            boolean preferTls = insecure || ca != null;
            ImageReference src = ImageReference.parse(source, preferTls);
            ImageReference dst = ImageReference.parse(destination, preferTls);
            tuning = config == null ? TuningConfig.DEFAULT : TuningConfig.load(config);
            Optional<Pattern> filter = Optional.empty();
            if (tags != null) {
                try {
                    filter = Optional.of(Pattern.compile(tags));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("--tags: bad regular expression '" + tags + "': "
                            + e.getDescription());
                }
            }
            request = new ReplicationRequest(src, dst, List.of(), allRepos, filter, dryRun, keepGoing != null)
                    .withShard(shard, shardBy);
            if (ca != null && !Files.isReadable(ca)) {
                throw new IllegalArgumentException("--ca: cannot read " + ca);
            }
            TlsOptions tls = insecure ? TlsOptions.insecureTrustAll()
                    : ca != null ? TlsOptions.trusting(ca) : TlsOptions.DEFAULT;
            if (credsFile != null && destCredsFile != null && credsFile.toString().equals("-")
                    && destCredsFile.toString().equals("-")) {
                throw new IllegalArgumentException("--creds-file - and --dest-creds-file -: stdin can give only one of them");
            }
            Optional<Credentials> srcCreds = resolver.resolve(CredentialResolver.Role.SOURCE,
                    explicit(creds, "--creds", credsFile, "--creds-file"), src.host());
            Optional<Credentials> dstCreds = resolver.resolve(CredentialResolver.Role.DESTINATION,
                    explicit(destCreds, "--dest-creds", destCredsFile, "--dest-creds-file"), dst.host());
            if (!trustedRealms.isEmpty()) {
                java.util.Set<String> realms = new java.util.TreeSet<>(trustedRealms);
                srcCreds = srcCreds.map(c -> c.withRealmHosts(realms));
                dstCreds = dstCreds.map(c -> c.withRealmHosts(realms));
            }
            options = ReplicatorOptions.DEFAULT.withTls(tls).withCredentials(srcCreds, dstCreds).withSerial(serial);
        } catch (IllegalArgumentException | ConfigException | IOException e) {
            err.println("regbench replicate: " + e.getMessage());
            return 2;
        }
        Progress progress = noProgress ? null : new Progress(err, stderrTerminal);
        try (Replicator replicator = Replicator.create(tuning, progress == null ? options : options.withProgress(progress))) {
            replicator.client(request.source(), options.sourceCredentials()).ping();
            replicator.client(request.destination(), options.destinationCredentials()).ping();
            ReplicationResult result;
            try {
                if (resultsDir != null) {
                    ReplicationRecord record = ReplicationRecord.replicate(replicator, request);
                    result = record.result();
                    record.write(resultsDir, tuning.name(), source, destination, request);
                } else {
                    // no results file: no JVM meter either (it starts with a full GC and reads
                    // every thread's allocation counters, work a plain copy does not need)
                    result = replicator.replicate(request);
                }
            } finally {
                if (progress != null) {
                    progress.close();
                }
            }
            printSummary(out, result);
            if (keepGoing != null) {
                writeFailed(keepGoing, result);
            }
            if (json != null) {
                writeJson(json, result);
            }
            if (!result.success()) {
                TagOutcome first = result.failed().get(0);
                err.println("regbench replicate: " + result.failed().size() + " of " + result.tags().size()
                        + " tags not copied; first: " + first.source() + ": " + first.reason());
                return 1;
            }
            return 0;
        } catch (RegistryException e) {
            err.println("regbench replicate: " + e.getMessage());
            return 3;
        } catch (IOException e) {
            err.println("regbench replicate: " + e.getMessage());
            return 3;
        }
    }

    /**
     * {@code USER:PASS} from the option or the file (or stdin for {@code -}); null when neither is
     * given. Errors name the option and the file, never the content.
     */
    private String explicit(String value, String option, Path file, String fileOption) throws IOException {
        if (value != null && file != null) {
            throw new IllegalArgumentException(option + " and " + fileOption + ": give one of them");
        }
        if (file == null) {
            return value;
        }
        String text;
        if (file.toString().equals("-")) {
            text = new String(stdin.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } else {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(fileOption + ": cannot read " + file);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        String line = text.lines().findFirst().orElse("").strip();
        if (line.indexOf(':') <= 0) {
            throw new IllegalArgumentException(fileOption + ": " + (file.toString().equals("-") ? "stdin" : file)
                    + " must hold one line USER:PASS");
        }
        return line;
    }

    private static void printSummary(PrintWriter out, ReplicationResult result) {
        TransferStatsSnapshot s = result.stats();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("tags copied / skipped / failed", result.count(TagOutcome.Status.COPIED) + " / "
                + result.count(TagOutcome.Status.SKIPPED) + " / " + result.failed().size());
        if (result.count(TagOutcome.Status.WOULD_COPY) > 0) {
            rows.put("tags that would be copied", String.valueOf(result.count(TagOutcome.Status.WOULD_COPY)));
        }
        rows.put("blobs copied / skipped / mounted", s.blobsCopied() + " / " + s.blobsSkipped() + " / " + s.blobsMounted());
        rows.put("manifests copied", String.valueOf(s.manifestsCopied()));
        rows.put("blob bytes copied", mib(s.blobBytesCopied()));
        rows.put("wall time", String.format(Locale.ROOT, "%.2f s", s.wallS()));
        rows.put("throughput", String.format(Locale.ROOT, "%.1f MiB/s", s.throughputMibS()));
        rows.put("requests / retries / failed", s.requestsTotal() + " / " + s.retries() + " / " + s.failedRequests());
        if (s.connectionsOpened() != null) {
            rows.put("connections opened", s.connectionsOpened()
                    + (s.connectionReuse() == null ? "" : String.format(Locale.ROOT, " (reuse %.1f%%)", 100 * s.connectionReuse())));
        }
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        rows.forEach((k, v) -> out.printf(Locale.ROOT, "%-" + width + "s  %s%n", k, v));
        for (TagOutcome t : result.failed()) {
            out.println("FAILED " + t.source() + ": " + t.reason());
        }
        out.flush();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / 1048576.0, bytes);
    }

    private static void writeFailed(Path file, ReplicationResult result) throws IOException {
        List<String> lines = new ArrayList<>();
        for (TagOutcome t : result.failed()) {
            lines.add(t.source() + "\t" + t.status() + "\t" + t.reason());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static void writeJson(Path file, ReplicationResult result) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("success", result.success());
        doc.put("stats", result.stats());
        doc.put("tags", result.tags());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    /**
     * Progress on stderr: on a terminal a bar (tags done of selected, with bytes, blobs and rate as
     * extra text); otherwise plain lines — one at most every {@link #LINE_EVERY_NANOS}, and one for
     * the last tag — with no carriage-return frames, as crane and regctl print into logs.
     */
    private static final class Progress implements ProgressListener {
        private static final long LINE_EVERY_NANOS = 5_000_000_000L;
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong blobs = new AtomicLong();
        private final AtomicLong tagsDone = new AtomicLong();
        private final AtomicLong lastLine = new AtomicLong(System.nanoTime());
        private final long startNanos = System.nanoTime();
        private final PrintWriter err;
        private final boolean terminal;
        private volatile int selected;
        private volatile ProgressBar bar;

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void tagsSelected(int count) {
            selected = count;
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName("replicate").setInitialMax(count)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" tags", 1)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
        }

        @Override
        public void bytesCopied(long n) {
            bytes.addAndGet(n);
            update();
        }

        @Override
        public void blobDone() {
            blobs.incrementAndGet();
            update();
        }

        @Override
        public void tagDone(TagOutcome outcome) {
            long done = tagsDone.incrementAndGet();
            ProgressBar b = bar;
            if (b != null) {
                b.step();
                update();
                return;
            }
            if (!terminal) {
                long now = System.nanoTime();
                long last = lastLine.get();
                if (done >= selected || now - last >= LINE_EVERY_NANOS && lastLine.compareAndSet(last, now)) {
                    synchronized (err) {
                        err.println("replicate: " + done + "/" + selected + " tags, " + extra());
                        err.flush();
                    }
                }
            }
        }

        private String extra() {
            double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
            double mib = bytes.get() / 1048576.0;
            return String.format(Locale.ROOT, "%.1f MiB, %d blobs, %.1f MiB/s", mib, blobs.get(), mib / seconds);
        }

        private void update() {
            ProgressBar b = bar;
            if (b != null) {
                b.setExtraMessage(extra());
            }
        }

        void close() {
            ProgressBar b = bar;
            if (b != null) {
                b.close();
            }
        }
    }
}
