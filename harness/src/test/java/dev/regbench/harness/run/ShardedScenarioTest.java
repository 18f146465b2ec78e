package dev.regbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.shard.Shard;
import dev.regbench.harness.scenario.Scenario;
import dev.regbench.harness.scenario.ScenarioLoader;
import dev.regbench.reports.merge.ResultsMerger;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regbench run --shard}: each shard copies and verifies only its images (the digest check
 * is restricted to them, so a shard's run is ok), is labelled in its results, and the merge of
 * the shards copies what the unsharded run copies (plus, sharding by image, a blob shared by
 * images of two shards once per shard).
 */
class ShardedScenarioTest {

    @TempDir
    Path dir;

    @Test
    void shardsOfAScenario_verifyTheirOwnImages_andMergeToTheWhole() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "name: a\nreplication: {tagConcurrency: 2, blobConcurrency: 2}\n");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "dataset: tiny\nnetwork: loopback\nconfigs: [a.yaml]\nwarmup: 0\nrepetitions: 1\n");
        Scenario s = ScenarioLoader.load(file);
        Results whole = new ScenarioRunner(RunListener.SILENT, dir).run(s, dir.resolve("whole"));
        Results zero = new ScenarioRunner(RunListener.SILENT, dir, new Shard(0, 2)).run(s, dir.resolve("s0"));
        Results one = new ScenarioRunner(RunListener.SILENT, dir, new Shard(1, 2)).run(s, dir.resolve("s1"));

        assertThat(zero.runs()).allMatch(RunResult::ok);
        assertThat(one.runs()).allMatch(RunResult::ok);
        assertThat(zero.scenario().extra()).containsEntry("shard", "0/2");
        assertThat(one.scenario().extra()).containsEntry("shard", "1/2");
        assertThat(whole.scenario().extra()).doesNotContainKey("shard");
        double t0 = zero.runs().get(0).metrics().get("tags_copied");
        double t1 = one.runs().get(0).metrics().get("tags_copied");
        assertThat(t0).isEqualTo(2.0); // tiny: 3 tags, round-robin over the sorted list
        assertThat(t1).isEqualTo(1.0);

        Results merged = ResultsMerger.merge(List.of(dir.resolve("s0"), dir.resolve("s1")), dir.resolve("merged"));
        RunResult m = merged.runs().get(0);
        RunResult w = whole.runs().get(0);
        assertThat(m.ok()).isTrue();
        assertThat(m.metrics().get("tags_copied")).isEqualTo(w.metrics().get("tags_copied"));
        assertThat(m.metrics().get("manifests_copied")).isEqualTo(w.metrics().get("manifests_copied"));
        // tiny shares one base layer between its tags: sharding by image copies it once per shard
        assertThat(m.requestsByRoute().get("blob_get")).isEqualTo(w.requestsByRoute().get("blob_get") + 1);
        assertThat(m.latency().get("manifest_put").count()).isEqualTo(w.latency().get("manifest_put").count());
    }
}
