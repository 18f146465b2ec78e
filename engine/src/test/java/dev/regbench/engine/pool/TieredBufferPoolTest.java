package dev.regbench.engine.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.engine.config.BuffersConfig;
import dev.regbench.engine.config.Size;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TieredBufferPoolTest {

    private static final int[] TIERS = {8192, 32768, 65536};

    static Stream<Arguments> tierChoices() {
        return Stream.of(
                Arguments.of("zero bytes gets the smallest tier", 0, 8192),
                Arguments.of("one byte gets the smallest tier", 1, 8192),
                Arguments.of("exact tier size", 8192, 8192),
                Arguments.of("one above a tier gets the next", 8193, 32768),
                Arguments.of("largest tier", 65536, 65536),
                Arguments.of("above every tier is allocated exactly", 65537, 65537));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tierChoices")
    void acquire_returnsTheSmallestTierThatFits(String description, int asked, int expectedLength) {
        TieredBufferPool pool = new TieredBufferPool(TIERS, 4);
        assertThat(pool.acquire(asked)).hasSize(expectedLength);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 0));
    }

    @Test
    void acquire_afterRelease_isAHitWithTheSameArray() {
        TieredBufferPool pool = new TieredBufferPool(TIERS, 4);
        byte[] first = pool.acquire(10_000);
        pool.release(first);
        byte[] second = pool.acquire(20_000);
        assertThat(second).isSameAs(first);
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 1, 1, 0));
        assertThat(pool.stats().hitRate()).isEqualTo(0.5);
    }

    @Test
    void steadyState_hitsEveryTimeAfterTheFirstMiss() {
        TieredBufferPool pool = new TieredBufferPool(TIERS, 4);
        for (int i = 0; i < 1000; i++) {
            pool.release(pool.acquire(65536));
        }
        assertThat(pool.stats()).isEqualTo(new PoolStats(999, 1, 1000, 0));
        assertThat(pool.idle(65536)).isEqualTo(1);
    }

    @Test
    void release_beyondMaxPerTier_isDroppedSoTheTierStaysBounded() {
        TieredBufferPool pool = new TieredBufferPool(TIERS, 3);
        for (int i = 0; i < 10; i++) {
            pool.release(new byte[8192]);
        }
        assertThat(pool.idle(8192)).isEqualTo(3);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 10, 7));
    }

    @Test
    void release_ofAForeignSize_isDroppedNotPooled() {
        TieredBufferPool pool = new TieredBufferPool(TIERS, 3);
        pool.release(new byte[10_000]);
        pool.release(pool.acquire(1 << 20)); // oversize: exact array, not a tier
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 2, 2));
        for (int size : TIERS) {
            assertThat(pool.idle(size)).isZero();
        }
    }

    @Test
    void maxPerTierZero_keepsNothing() {
        TieredBufferPool pool = new TieredBufferPool(TIERS, 0);
        pool.release(pool.acquire(100));
        pool.acquire(100);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 2, 1, 1));
    }

    @Test
    void prewarmed_hitsFromTheFirstAcquire() {
        TieredBufferPool pool = TieredBufferPool.prewarmed(TIERS, 4, 2);
        pool.acquire(1);
        pool.acquire(1);
        pool.acquire(1);
        assertThat(pool.stats()).isEqualTo(new PoolStats(2, 1, 0, 0));
    }

    @Test
    void constructor_rejectsBadTiers() {
        assertThatThrownBy(() -> new TieredBufferPool(new int[0], 1)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new TieredBufferPool(new int[] {8, 8}, 1)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new TieredBufferPool(new int[] {0}, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TieredBufferPool(TIERS, -1)).hasMessageContaining("maxPerTier");
        assertThatThrownBy(() -> new TieredBufferPool(TIERS, 1).acquire(-1)).hasMessageContaining("negative");
    }

    @Test
    void concurrentUse_neverHandsOneBufferToTwoHoldersAndStaysBounded() throws Exception {
        TieredBufferPool pool = new TieredBufferPool(TIERS, 8);
        Set<byte[]> inUse = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicInteger duplicates = new AtomicInteger();
        int threads = 4;
        int rounds = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(exec.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        byte[] a = pool.acquire(i % 2 == 0 ? 100 : 40_000);
                        byte[] b = pool.acquire(100);
                        if (!inUse.add(a)) {
                            duplicates.incrementAndGet();
                        }
                        if (!inUse.add(b)) {
                            duplicates.incrementAndGet();
                        }
                        inUse.remove(a);
                        inUse.remove(b);
                        pool.release(a);
                        pool.release(b);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            exec.shutdownNow();
            assertThat(exec.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        PoolStats s = pool.stats();
        long acquires = 2L * threads * rounds;
        assertThat(duplicates).hasValue(0);
        assertThat(s.hits() + s.misses()).isEqualTo(acquires);
        assertThat(s.releases()).isEqualTo(acquires);
        // Everything released was either kept or dropped; what is kept is bounded per tier.
        long kept = 0;
        for (int size : TIERS) {
            assertThat(pool.idle(size)).isLessThanOrEqualTo(8);
            kept += pool.idle(size);
        }
        assertThat(s.misses() - s.dropped()).isEqualTo(kept);
    }

    @Test
    void from_config_choosesPooledOrUnpooled() {
        assertThat(BufferPool.from(BuffersConfig.DEFAULT)).isInstanceOf(TieredBufferPool.class);
        TieredBufferPool tiered = (TieredBufferPool) BufferPool.from(BuffersConfig.DEFAULT);
        assertThat(tiered.tierSizes()).containsExactly(8192, 32768, 65536, 1 << 20);
        BuffersConfig off = new BuffersConfig(false, List.of(Size.ofKiB(8)), 4, Size.ofKiB(32));
        assertThat(BufferPool.from(off)).isInstanceOf(UnpooledBufferPool.class);
    }

    @Test
    void unpooled_alwaysMissesAndDropsEveryRelease() {
        UnpooledBufferPool pool = new UnpooledBufferPool();
        for (int i = 0; i < 5; i++) {
            byte[] b = pool.acquire(1000);
            assertThat(b).hasSize(1000);
            pool.release(b);
        }
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 5, 5, 5));
    }
}
