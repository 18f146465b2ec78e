package dev.regbench.harness.run;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.Credentials;
import dev.regbench.engine.registry.Digests;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.registry.Manifest;
import dev.regbench.engine.registry.ManifestUnknownException;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.engine.registry.RegistryException;
import dev.regbench.engine.resilience.Resilience;
import dev.regbench.engine.resilience.Sleeper;
import dev.regbench.engine.stats.TransferStats;
import dev.regbench.engine.transport.HttpTransport;
import dev.regbench.engine.transport.TlsOptions;
import dev.regbench.engine.transport.Transports;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a destination after a run: every expected tag is fetched ({@code GET}) and the bytes it
 * serves must hash to the very manifest digest the source has — the destination's
 * {@code Docker-Content-Digest} is not trusted (a registry or proxy that altered the manifest may
 * still answer the right header). The registry verified each blob's digest when it was pushed,
 * and refuses a manifest whose blobs are missing, so equal manifest digests mean equal images.
 * Runs after the destination's stats were read, so its requests are not counted in the run.
 */
final class DigestCheck {

    /** At most this many problems are listed; the rest are counted. */
    private static final int MAX_LISTED = 5;

    private DigestCheck() {
    }

    /** The problems found, empty when every digest is right. */
    static List<String> verify(Endpoint destination, Expected expected) throws Exception {
        List<String> problems = new ArrayList<>();
        int more = 0;
        try (HttpTransport transport = Transports.create(TuningConfig.DEFAULT.transport(), TlsOptions.DEFAULT)) {
            RegistryClient client = RegistryClient.builder(transport, ImageReference.parse(destination.host()))
                    .credentials(destination.credentials().map(c -> Credentials.parse(c, destination.host())))
                    .resilience(Resilience.from(TuningConfig.DEFAULT.retry(), TuningConfig.DEFAULT.circuitBreaker(),
                            Sleeper.SYSTEM, Clock.systemUTC()))
                    .stats(new TransferStats())
                    .build();
            for (Map.Entry<String, Map<String, String>> repo : expected.manifests().entrySet()) {
                for (Map.Entry<String, String> tag : repo.getValue().entrySet()) {
                    String problem = check(client, repo.getKey(), tag.getKey(), tag.getValue());
                    if (problem != null) {
                        if (problems.size() < MAX_LISTED) {
                            problems.add(problem);
                        } else {
                            more++;
                        }
                    }
                }
            }
        }
        if (more > 0) {
            problems.add("and " + more + " more");
        }
        return problems;
    }

    /** GETs the manifest and hashes the bytes served: the destination's digest header is not taken on trust. */
    private static String check(RegistryClient client, String repo, String tag, String want) {
        try {
            Manifest served = client.pullManifest(repo, tag);
            String got = Digests.of(served.bytes());
            if (!got.equals(want)) {
                return repo + ":" + tag + " serves a manifest hashing to " + got + " at the destination, " + want
                        + " at the source";
            }
            return null;
        } catch (ManifestUnknownException e) {
            return repo + ":" + tag + " is missing at the destination";
        } catch (RegistryException e) {
            return repo + ":" + tag + " could not be checked: " + e.getMessage();
        }
    }
}
