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

    @Option(names = "--port", description = "Port on 127.0.0.1 (0 = a free one). Default: ${DEFAULT-VALUE}.")
    int port = 5000;

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

    @Override
    public Integer call() throws Exception {
        FakeRegistry.Builder builder = FakeRegistry.builder()
                .port(port)
                .network(isFile(network) ? NetworkProfile.fromYaml(Path.of(network)) : NetworkProfile.named(network))
                .faults(isFile(faults) ? FaultProfile.fromYaml(Path.of(faults)) : FaultProfile.named(faults))
                .auth(authConfig())
                .tls(tls)
                .http2(http2);
        if (dataset != null) {
            builder.dataset(isFile(dataset) ? Dataset.fromYaml(Path.of(dataset)) : Dataset.named(dataset));
        }
        if (storage != null) {
            builder.storage(storage);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        FakeRegistry registry = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            stopped.countDown();
        }, "regbench-registry-shutdown"));
        System.out.println("regbench fake registry listening on " + registry.url());
        registry.caCertificate().ifPresent(ca -> System.out.println("CA certificate: " + ca));
        registry.seeded().manifests().forEach((repo, tags) ->
                System.out.println("  " + repo + ": " + tags.size() + " tags"));
        System.out.println("stats: " + registry.url() + "/_regbench/stats  faults: " + registry.url() + "/_regbench/faults");
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

    private static boolean isFile(String value) {
        return value.endsWith(".yaml") || value.endsWith(".yml") || value.endsWith(".json") || Files.isRegularFile(Path.of(value));
    }
}
