package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.*;
import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.Credentials;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.auth.AuthConfig;
import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.faults.FaultProfile;
import dev.regbench.fakeregistry.faults.FaultRule;
import dev.regbench.fakeregistry.http.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void expiry() throws Exception {
        for (double p : new double[] {0.1, 0.3, 0.5}) {
            for (boolean serial : new boolean[] {true, false}) {
            FaultProfile expiring = new FaultProfile("expiry", 1, List.of(FaultRule.expire(p, Route.MANIFESTS, Route.BLOBS, Route.UPLOADS)));
            AuthConfig auth = AuthConfig.token(Map.of("alice", "secret"), Duration.ofMinutes(5));
            try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").auth(auth).faults(expiring).start();
                 FakeRegistry dst = FakeRegistry.builder().auth(auth).faults(expiring).start();
                 Replicator replicator = Replicator.create(optimized(), options().withSerial(serial).withCredentials(
                         Optional.of(new Credentials("alice", "secret")), Optional.of(new Credentials("alice", "secret"))))) {
                ReplicationResult result = replicator.replicate(
                        ReplicationRequest.of(ref(src, null), ref(dst, null)).withAllRepositories(true).withKeepGoing(true));
                System.out.println("p=" + p + " serial=" + serial + " failed=" + result.failed() + " srcFaults=" + src.stats().faultsInjected()
                   + " dstFaults=" + dst.stats().faultsInjected() + " srcStatus=" + src.stats().requestsByStatus() + " dstStatus=" + dst.stats().requestsByStatus()
                   + " tokens=" + result.stats().requests("token"));
            }
            }
        }
    }

    @Test
    void stall() throws Exception {
        TuningConfig config = optimized().with("retry.enabled", "false").with("retry.maxAttempts", "1")
                .with("timeouts.manifest", "300ms");
        FaultProfile stall = new FaultProfile("stall", 1, List.of(FaultRule.stall(null, 1.0, Route.MANIFESTS)));
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").faults(stall).start();
             Replicator replicator = Replicator.create(config, options())) {
            var c = replicator.client(ref(src, null), Optional.empty());
            try { c.pullManifest("tiny/app0", "v1"); } catch (Exception e) { e.printStackTrace(System.out); }
            try { c.manifestDigest("tiny/app0", "v1"); } catch (Exception e) { e.printStackTrace(System.out); }
        }
    }

    @Test
    void requests() throws Exception {
        Dataset ds = Dataset.fromYaml(Path.of("/work/main/configs/datasets/quick.yaml"));
        for (String cfg : new String[] {"baseline", "optimized"}) {
            TuningConfig config = TuningConfig.load(Path.of("/work/main/configs/" + cfg + ".yaml"));
            try (FakeRegistry src = FakeRegistry.builder().dataset(ds).start();
                 FakeRegistry dst = FakeRegistry.builder().start();
                 Replicator replicator = Replicator.create(config, options())) {
                ReplicationResult result = replicator.replicate(
                        ReplicationRequest.of(ref(src, null), ref(dst, null)).withAllRepositories(true));
                System.out.println(cfg + " success=" + result.success() + " src=" + src.stats().requestsByRoute() + " dst=" + dst.stats().requestsByRoute()
                    + " dstStatus=" + dst.stats().requestsByStatus() + " mounted=" + result.stats().blobsMounted()
                    + " total=" + (src.stats().requestsTotal() + dst.stats().requestsTotal()) + " mibs=" + result.stats().throughputMibS());
            }
        }
    }
}
