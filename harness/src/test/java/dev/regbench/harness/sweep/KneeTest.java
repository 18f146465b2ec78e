package dev.regbench.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KneeTest {

    @Test
    void of_isTheLastPointWhoseNextStepStillGainedTenPercent() {
        // 1 → 2 doubles, 2 → 4 +50%, 4 → 8 +5%: the knee is at 4 (index 2)
        assertThat(Knee.of(List.of(10.0, 20.0, 30.0, 31.5, 32.0), true)).isEqualTo(2);
    }

    @Test
    void of_isTheLastPointWhenEveryStepPays() {
        assertThat(Knee.of(List.of(1.0, 2.0, 4.0, 8.0), true)).isEqualTo(3);
    }

    @Test
    void of_forLowerIsBetterLooksForShrinkingDrops() {
        assertThat(Knee.of(List.of(100.0, 50.0, 48.0), false)).isEqualTo(1);
    }

    @Test
    void of_aDropIsNotAGain() {
        assertThat(Knee.of(List.of(10.0, 9.0, 30.0), true)).isEqualTo(0);
    }
}
