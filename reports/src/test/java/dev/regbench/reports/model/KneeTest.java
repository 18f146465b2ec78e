package dev.regbench.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KneeTest {

    @Test
    void of_isTheFirstPointWithinTenPercentOfTheBest() {
        // best 32; 30 is within 10% (>= 28.8), 20 is not
        assertThat(Knee.of(List.of(10.0, 20.0, 30.0, 31.5, 32.0), true)).isEqualTo(2);
    }

    @Test
    void of_isTheLastPointWhenEveryStepPaysALot() {
        assertThat(Knee.of(List.of(1.0, 2.0, 4.0, 8.0), true)).isEqualTo(3);
    }

    @Test
    void of_forLowerIsBetterLooksForTheFirstPointNearTheLowest() {
        assertThat(Knee.of(List.of(100.0, 50.0, 48.0), false)).isEqualTo(1);
    }

    @Test
    void of_aNoisyDipDoesNotMoveTheKnee() {
        assertThat(Knee.of(List.of(10.0, 29.0, 25.0, 30.0), true)).isEqualTo(1);
    }

    @Test
    void of_isMinusOneWithoutValues() {
        assertThat(Knee.of(List.of(Double.NaN), true)).isEqualTo(-1);
    }
}
