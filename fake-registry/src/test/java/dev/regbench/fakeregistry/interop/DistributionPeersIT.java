package dev.regbench.fakeregistry.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Skopeo.CopyOptions;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the peers themselves: skopeo moves images into and between two real CNCF distribution
 * registries, and the digests at the far end are the ones pushed. If this fails, the fake
 * registry's interop tests cannot be trusted either.
 */
class DistributionPeersIT {

    private static DistributionRegistry a;
    private static DistributionRegistry b;
    private static Skopeo skopeo;
    private static OciLayoutFixture layout;
    private static OciLayoutFixture.Descriptor v1;
    private static OciLayoutFixture.Descriptor v2;
    private static OciLayoutFixture.Descriptor multi;

    @BeforeAll
    static void startPeers(@TempDir Path tmp) throws Exception {
        Interop.requireTools(Tool.SKOPEO, Tool.DISTRIBUTION);
        skopeo = Skopeo.locate();
        a = DistributionRegistry.start();
        b = DistributionRegistry.start();
        layout = new OciLayoutFixture(tmp.resolve("layout"));
        v1 = layout.addImage("v1", 1, 2, 64 * 1024);
        v2 = layout.addImage("v2", 2, 1, 16 * 1024);
        multi = layout.addIndex("multi", 3, List.of("amd64", "arm64", "ppc64le"));
        for (String tag : List.of("v1", "v2")) {
            skopeo.copy(layout.ref(tag), Skopeo.dockerRef(a.host(), "team/app", tag), CopyOptions.DEFAULT.withPreserveDigests(true)).orThrow();
        }
        skopeo.copy(layout.ref("multi"), Skopeo.dockerRef(a.host(), "team/multi", "multi"),
                CopyOptions.DEFAULT.withAll(true).withPreserveDigests(true)).orThrow();
    }

    @AfterAll
    static void stopPeers() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void skopeoCopy_ociLayoutIntoDistribution_servesPushedDigests() throws Exception {
        RegistryProbe probe = new RegistryProbe(a.url(), null);

        assertThat(probe.manifest("team/app", "v1").bodyDigest()).isEqualTo(v1.digest());
        assertThat(probe.manifest("team/app", "v1").headerDigest()).isEqualTo(v1.digest());
        assertThat(skopeo.manifestDigest(Skopeo.dockerRef(a.host(), "team/app", "v2"), null)).isEqualTo(v2.digest());
        assertThat(skopeo.listTags("docker://" + a.host() + "/team/app", null)).containsExactlyInAnyOrder("v1", "v2");
    }

    @Test
    void skopeoCopy_distributionToDistribution_keepsManifestDigest() throws Exception {
        skopeo.copy(Skopeo.dockerRef(a.host(), "team/app", "v1"), Skopeo.dockerRef(b.host(), "copied/app", "v1"),
                CopyOptions.DEFAULT).orThrow();

        RegistryProbe.Served src = new RegistryProbe(a.url(), null).manifest("team/app", "v1");
        RegistryProbe.Served dst = new RegistryProbe(b.url(), null).manifest("copied/app", "v1");
        assertThat(dst.status()).isEqualTo(200);
        assertThat(dst.bodyDigest()).isEqualTo(src.bodyDigest()).isEqualTo(v1.digest());
        assertThat(dst.contentType()).isEqualTo(OciLayoutFixture.OCI_MANIFEST);
    }

    @Test
    void skopeoCopyAll_indexBetweenDistributions_keepsIndexAndChildDigests() throws Exception {
        skopeo.copy(Skopeo.dockerRef(a.host(), "team/multi", "multi"), Skopeo.dockerRef(b.host(), "copied/multi", "multi"),
                CopyOptions.DEFAULT.withAll(true)).orThrow();

        Map<String, String> src = new RegistryProbe(a.url(), null).digests("team/multi");
        Map<String, String> dst = new RegistryProbe(b.url(), null).digests("copied/multi");
        assertThat(src).containsEntry("multi", multi.digest()).hasSize(4);
        assertThat(dst).isEqualTo(src);
    }

    @Test
    void skopeoSync_distributionToDistribution_copiesEveryTag() throws Exception {
        skopeo.sync(a.host() + "/team/app", b.host() + "/mirror", CopyOptions.DEFAULT).orThrow();

        Map<String, String> dst = new RegistryProbe(b.url(), null).digests("mirror/app");
        assertThat(dst).isEqualTo(Map.of("v1", v1.digest(), "v2", v2.digest()));
    }

    @Test
    void close_stopsProcessAndDeletesItsFiles() {
        DistributionRegistry r = DistributionRegistry.start();
        Path storage = r.storageDir();
        assertThat(Files.isDirectory(storage)).isTrue();
        assertThat(r.isAlive()).isTrue();

        r.close();

        assertThat(r.isAlive()).isFalse();
        assertThat(Files.exists(storage)).isFalse();
        assertThat(ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
