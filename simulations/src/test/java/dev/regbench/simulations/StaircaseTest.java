package dev.regbench.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StaircaseTest {

    /** Levels from pairs {users, rps, p95}. */
    private static List<Staircase.Level> levels(double[]... rows) {
        List<Staircase.Level> out = new ArrayList<>();
        for (double[] r : rows) {
            out.add(new Staircase.Level((int) r[0], new Figures((int) r[0] + " users", (long) r[1], 0, r[1], 0, r[2], r[2],
                    r[2], 1, null, null, null)));
        }
        return out;
    }

    static Stream<Arguments> staircases() {
        return Stream.of(
                Arguments.of("saturates at 50 users: the knee is the first level within 90% of the best",
                        levels(new double[] {2, 100, 2}, new double[] {10, 450, 2}, new double[] {50, 900, 5},
                                new double[] {200, 950, 20}, new double[] {500, 940, 50}),
                        50, 10.0),
                Arguments.of("still climbing at the top: the knee is the top level",
                        levels(new double[] {2, 100, 2}, new double[] {10, 300, 2}, new double[] {50, 1000, 3}),
                        50, 1.0),
                Arguments.of("flat from the start (one connection already saturates): the knee is the first level",
                        levels(new double[] {2, 1000, 1}, new double[] {10, 1010, 5}, new double[] {50, 990, 25}),
                        2, 25.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("staircases")
    void find_returnsLowestSaturatedLevel(String description, List<Staircase.Level> levels, int kneeUsers, double growth) {
        Staircase.Result knee = Staircase.knee(levels).orElseThrow();

        assertThat(knee.users()).as(description).isEqualTo(kneeUsers);
        assertThat(knee.latencyGrowth()).as(description).isEqualTo(growth);
    }

    @Test
    void find_isEmptyWithoutRequests() {
        assertThat(Staircase.knee(levels(new double[] {2, 0, 0}, new double[] {10, 0, 0}))).isEmpty();
    }

    @Test
    void throughputRatio_dividesTheTwoLevels_orIsEmptyWhenOneIsMissing() {
        List<Staircase.Level> levels = levels(new double[] {2, 100, 2}, new double[] {50, 450, 9});

        assertThat(Staircase.throughputRatio(levels, 2, 50)).isEqualTo(Optional.of(4.5));
        assertThat(Staircase.throughputRatio(levels, 2, 20)).isEmpty();
    }
}
