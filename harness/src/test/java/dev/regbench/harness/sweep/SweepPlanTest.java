package dev.regbench.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.engine.config.TuningConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {

    @TempDir
    Path dir;

    @Test
    void create_writesOneLoadableConfigPerValueNamedByIt() throws Exception {
        SweepPlan plan = SweepPlan.create(TuningConfig.DEFAULT,
                List.of(SweepPlan.Param.parse("replication.tagConcurrency=1,4,16")), dir);
        assertThat(plan.points()).extracting(SweepPlan.Point::name)
                .containsExactly("tagConcurrency=1", "tagConcurrency=4", "tagConcurrency=16");
        TuningConfig four = TuningConfig.load(plan.points().get(1).file());
        assertThat(four.replication().tagConcurrency()).isEqualTo(4);
        assertThat(four.name()).isEqualTo("tagConcurrency=4");
    }

    @Test
    void create_twoKeysGiveTheCartesianProduct() throws Exception {
        SweepPlan plan = SweepPlan.create(TuningConfig.DEFAULT, List.of(
                SweepPlan.Param.parse("replication.tagConcurrency=1,2"),
                SweepPlan.Param.parse("transport.maxPerHost=2,50")), dir);
        assertThat(plan.points()).extracting(SweepPlan.Point::name).containsExactly(
                "tagConcurrency=1,maxPerHost=2", "tagConcurrency=1,maxPerHost=50",
                "tagConcurrency=2,maxPerHost=2", "tagConcurrency=2,maxPerHost=50");
        assertThat(TuningConfig.load(plan.points().get(3).file()).transport().maxPerHost()).isEqualTo(50);
    }

    @Test
    void param_rejectsMalformedText() {
        assertThatThrownBy(() -> SweepPlan.Param.parse("replication.tagConcurrency"))
                .hasMessageContaining("must look like replication.tagConcurrency=1,2,4");
        assertThatThrownBy(() -> SweepPlan.Param.parse("a=1,,2")).hasMessageContaining("empty value");
    }

    @Test
    void create_unknownKeyIsNamed() {
        assertThatThrownBy(() -> SweepPlan.create(TuningConfig.DEFAULT,
                List.of(SweepPlan.Param.parse("replication.tagConcurency=1,2")), dir))
                .hasMessageContaining("tagConcurency");
    }
}
