package dev.regbench.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShardTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0/1,0,1", "0/3,0,3", "2/3,2,3", " 1/2 ,1,2"})
    void parse_acceptsZeroBasedIndexBelowCount(String text, int index, int count) {
        assertThat(Shard.parse(text)).isEqualTo(new Shard(index, count));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3/3", "-1/3", "0/0", "1/0", "4/2"})
    void parse_rejectsOutOfRange_namingTheValue(String text) {
        assertThatThrownBy(() -> Shard.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("out of range");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "a/3", "1/b", "1/2/3", "/3", "1/", "one of three"})
    void parse_rejectsMalformed_namingTheValue(String text) {
        assertThatThrownBy(() -> Shard.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageContaining("malformed");
    }

    @Test
    void select_partitionsExactly_whateverTheListingOrder() {
        List<String> items = IntStream.range(0, 200).mapToObj(i -> "repo:" + i).toList();
        List<String> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(42));
        List<String> union = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Shard s = new Shard(i, 3);
            List<String> a = s.select(items, x -> x);
            List<String> b = s.select(shuffled, x -> x);
            assertThat(b).containsExactlyInAnyOrderElementsOf(a);
            assertThat(a).hasSize((int) s.share(200));
            union.addAll(a);
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(items).doesNotHaveDuplicates();
    }

    @Test
    void select_keepsItemsWithOneKeyTogether() {
        List<String[]> images = new ArrayList<>();
        for (String repo : List.of("a", "b", "c", "d")) {
            for (int t = 0; t < 5; t++) {
                images.add(new String[] {repo, "t" + t});
            }
        }
        for (int i = 0; i < 2; i++) {
            List<String[]> mine = new Shard(i, 2).select(images, x -> ShardUnit.REPOSITORY.key(x[0], x[1]));
            assertThat(mine).hasSize(10);
            assertThat(mine.stream().map(x -> x[0]).distinct()).hasSize(2);
        }
    }

    @Test
    void owns_and_share_agree() {
        for (int n = 0; n < 10; n++) {
            long total = n;
            long owned = IntStream.range(0, 3).mapToLong(i -> new Shard(i, 3).share(total)).sum();
            assertThat(owned).isEqualTo(total);
            Shard s = new Shard(1, 3);
            assertThat(IntStream.range(0, n).filter(s::owns).count()).isEqualTo(s.share(total));
        }
    }

    @Test
    void unitParse_rejectsUnknown() {
        assertThat(ShardUnit.parse("Repository")).isEqualTo(ShardUnit.REPOSITORY);
        assertThatThrownBy(() -> ShardUnit.parse("layer")).hasMessageContaining("'layer'");
    }
}
