package dev.regbench.harness.cli;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.auth.AuthConfig;
import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.faults.FaultProfile;
import dev.regbench.fakeregistry.faults.NetworkProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regbench registry}: runs a fake OCI registry on 127.0.0.1 until stopped (Ctrl-C).
 *
 * <p>Dataset, network and fault profiles take a built-in name or a YAML file. With
 * {@code --auth token} the registry challenges for a bearer token from its own {@code /token}
 * endpoint, granted to the {@code --user NAME:PASSWORD} accounts.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Run a fake OCI registry on 127.0.0.1 until stopped.")
final class RegistryCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port on the bind address (0 = a free one). Default: ${DEFAULT-VALUE}.")
    int port = 5000;

    @Option(names = "--bind", converter = BindAddress.class, description = "IP address to listen on. Default: "
            + "${DEFAULT-VALUE}; 0.0.0.0 only where clients on other hosts must reach it (a Kubernetes pod), and then "
            + "with --auth token. The admin API's own port (--admin-port) stays on 127.0.0.1.")
    String bind = BindAddress.LOOPBACK;

    @Option(names = "--dataset", description = "Built-in dataset (tiny, standard, many-small, multiarch) or a YAML file; none by default.")
    String dataset;

    @Option(names = "--network", description = "Network profile: loopback, wan, or a YAML file. Default: ${DEFAULT-VALUE}.")
    String network = "loopback";

    @Option(names = "--faults", description = "Fault profile: none, flaky, or a YAML file. Default: ${DEFAULT-VALUE}.")
    String faults = "none";

    @Option(names = "--auth", description = "none or token. Default: ${DEFAULT-VALUE}.")
    String auth = "none";

    @Option(names = "--user", description = "NAME:PASSWORD granted tokens with --auth token (repeatable). Default: regbench:regbench.")
    List<String> users = List.of();

    @Option(names = "--token-lifetime", description = "Token lifetime, e.g. 5m, 30s. Default: ${DEFAULT-VALUE}.")
    String tokenLifetime = "5m";

    @Option(names = "--storage", description = "Keep blobs and manifests in this folder instead of memory.")
    Path storage;

    @Option(names = "--tls", description = "Serve HTTPS with a self-signed certificate (its CA is written to a file).")
    boolean tls;

    @Option(names = "--http2", description = "Enable HTTP/2 (h2 over TLS, h2c in the clear).")
    boolean http2;

    @Option(names = "--admin-port", description = "Serve the admin API (/_regbench/stats, /_regbench/faults) on this "
            + "127.0.0.1 port instead of the registry port (0 = a free one); the registry port then answers 404 there.")
    Integer adminPort;

    @Option(names = "--admin-token-file", description = "Require 'Authorization: Bearer <token>' on the admin API, the "
            + "token read from this file. With --auth token and no file, a random token is written to a new file "
            + "(readable by you only) whose path is printed.")
    Path adminTokenFile;

    @Option(names = "--body-read-timeout", description = "A request body may take this long plus 1 s per KiB "
            + "received; slower ones are closed and counted (slowClientsClosed). Default: ${DEFAULT-VALUE}.")
    String bodyReadTimeout = "30s";

    @Option(names = "--max-slow-bodies", description = "Request bodies slower than 1 KiB/s read at once; more are "
            + "closed as they turn slow. Default: a quarter of the worker threads.")
    Integer maxSlowBodies;

    @Override
    public Integer call() throws Exception {
        FakeRegistry.Builder builder = FakeRegistry.builder()
                .port(port)
                .bindAddress(bind)
                .network(isFile(network) ? NetworkProfile.fromYaml(Path.of(network)) : NetworkProfile.named(network))
                .faults(isFile(faults) ? FaultProfile.fromYaml(Path.of(faults)) : FaultProfile.named(faults))
                .auth(authConfig())
                .tls(tls)
                .http2(http2)
                .bodyReadTimeout(dev.regbench.engine.config.Durations.parse(bodyReadTimeout));
        if (!BindAddress.isLoopback(bind) && "none".equals(auth)) {
            System.err.println("registry: listening on " + bind + " without --auth token: anyone who can reach it "
                    + "may push, delete and change faults");
        }
        if (maxSlowBodies != null) {
            builder.maxSlowBodies(maxSlowBodies);
        }
        if (adminPort != null) {
            builder.adminPort(adminPort);
        }
        if (adminTokenFile != null) {
            String token = Files.readString(adminTokenFile).trim();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("--admin-token-file " + adminTokenFile + " is empty");
            }
            builder.adminToken(token);
        }
        if (dataset != null) {
            builder.dataset(isFile(dataset) ? Dataset.fromYaml(Path.of(dataset)) : Dataset.named(dataset));
        }
        if (storage != null) {
            builder.storage(storage);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        FakeRegistry registry = builder.start();
        Path writtenToken = adminTokenFile == null ? registry.adminToken().map(RegistryCommand::writeToken).orElse(null) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            if (writtenToken != null) {
                writtenToken.toFile().delete();
            }
            stopped.countDown();
        }, "regbench-registry-shutdown"));
        System.out.println("regbench fake registry listening on " + registry.url());
        registry.storage().recoveryProblems().forEach(problem -> System.err.println("storage: " + problem));
        registry.caCertificate().ifPresent(ca -> System.out.println("CA certificate: " + ca));
        registry.seeded().manifests().forEach((repo, tags) ->
                System.out.println("  " + repo + ": " + tags.size() + " tags"));
        System.out.println("stats: " + registry.adminUrl() + "/_regbench/stats  faults: " + registry.adminUrl()
                + "/_regbench/faults");
        if (registry.adminToken().isPresent()) {
            System.out.println("admin API needs 'Authorization: Bearer <token>', the token in "
                    + (writtenToken != null ? writtenToken : adminTokenFile));
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    private AuthConfig authConfig() {
        switch (auth) {
            case "none":
                return AuthConfig.none();
            case "token":
                Map<String, String> accounts = new LinkedHashMap<>();
                for (String user : users.isEmpty() ? List.of("regbench:regbench") : users) {
                    int colon = user.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("--user '" + user + "' must be NAME:PASSWORD");
                    }
                    accounts.put(user.substring(0, colon), user.substring(colon + 1));
                }
                return AuthConfig.token(accounts, dev.regbench.engine.config.Durations.parse(tokenLifetime));
            default:
                throw new IllegalArgumentException("--auth '" + auth + "' is not one of: none, token");
        }
    }

    /** Writes the admin token to a new file only its owner may read; returns the file. */
    private static Path writeToken(String token) {
        try {
            Path file;
            try {
                file = Files.createTempFile("regbench-admin-", ".token", java.nio.file.attribute.PosixFilePermissions
                        .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                file = Files.createTempFile("regbench-admin-", ".token");
            }
            Files.writeString(file, token + System.lineSeparator());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the admin token file", e);
        }
    }

    private static boolean isFile(String value) {
        return value.endsWith(".yaml") || value.endsWith(".yml") || value.endsWith(".json") || Files.isRegularFile(Path.of(value));
    }
}
