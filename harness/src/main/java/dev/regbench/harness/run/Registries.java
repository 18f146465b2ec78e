package dev.regbench.harness.run;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.auth.AuthConfig;
import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.faults.FaultProfile;
import dev.regbench.fakeregistry.faults.NetworkProfile;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.harness.scenario.Scenario.Target;
import java.nio.file.Path;

/**
 * Starts the registries a scenario names: the source (seeded with the dataset, under the
 * scenario's fault profile) and a fresh, empty destination for each run. Built-in profile names
 * and profile files are both accepted. Stateless.
 */
final class Registries {

    private Registries() {
    }

    static Dataset dataset(String nameOrFile) {
        return isFile(nameOrFile) ? Dataset.fromYaml(Path.of(nameOrFile)) : Dataset.named(nameOrFile);
    }

    static NetworkProfile network(String nameOrFile) {
        return isFile(nameOrFile) ? NetworkProfile.fromYaml(Path.of(nameOrFile)) : NetworkProfile.named(nameOrFile);
    }

    static FaultProfile faults(String nameOrFile) {
        return isFile(nameOrFile) ? FaultProfile.fromYaml(Path.of(nameOrFile)) : FaultProfile.named(nameOrFile);
    }

    /** The source: an embedded fake registry holding the dataset, or an external registry as it is. */
    static Endpoint source(Scenario s) throws Exception {
        Target t = s.source();
        switch (t.kind()) {
            case EMBEDDED:
                return embedded(s, FakeRegistry.builder()
                        .dataset(dataset(s.dataset()))
                        .faults(faults(s.faults())));
            case URL:
                return Endpoint.external(t.url(), t.credentials());
            default:
                throw new IllegalArgumentException(s.file() + ": source '" + t + "' is not supported; use embedded or a URL");
        }
    }

    /** A fresh, empty destination for one run. */
    static Endpoint destination(Scenario s, String network) throws Exception {
        Target t = s.destination();
        switch (t.kind()) {
            case EMBEDDED:
                return embedded(s, FakeRegistry.builder().network(network(network)));
            case DISTRIBUTION:
                return Endpoint.distribution(DistributionRegistry.start());
            default:
                return Endpoint.external(t.url(), t.credentials());
        }
    }

    /** Starts an embedded registry with the scenario's registry options (auth, HTTP/2). */
    private static Endpoint embedded(Scenario s, FakeRegistry.Builder builder) throws java.io.IOException {
        Scenario.RegistryOptions o = s.registries();
        if (o.tokenAuth()) {
            String[] userPass = Scenario.RegistryOptions.CREDENTIALS.split(":", 2);
            builder.auth(AuthConfig.token(java.util.Map.of(userPass[0], userPass[1]), o.tokenLifetime()));
        }
        builder.http2(o.http2());
        return Endpoint.fake(builder.start(), o.tokenAuth() ? Scenario.RegistryOptions.CREDENTIALS : null);
    }

    private static boolean isFile(String value) {
        return value.endsWith(".yaml") || value.endsWith(".yml") || value.endsWith(".json");
    }
}
