package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Token bucket arithmetic on byte counts with a hand-driven clock (no sleeping, no timing). */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void take_grantsTheBurstThenOnlyWhatTheRateRefilled() {
        TokenBucket bucket = new TokenBucket(1_000_000, 50_000, 0);

        assertThat(bucket.take(80_000, 0)).isEqualTo(50_000);
        assertThat(bucket.take(10_000, 0)).isZero();
        assertThat(bucket.take(80_000, SECOND / 100)).isEqualTo(10_000); // 10 ms at 1 MB/s
        assertThat(bucket.take(80_000, SECOND)).isEqualTo(50_000); // never more than the capacity
    }

    @Test
    void take_overOneSecondDeliversRatePlusBurst() {
        TokenBucket bucket = new TokenBucket(2_000_000, 100_000, 0);
        long sent = 0;
        for (long t = 0; t <= SECOND; t += SECOND / 1000) {
            sent += bucket.take(1 << 20, t);
        }
        assertThat(sent).isBetween(2_000_000L + 100_000 - 2_000, 2_000_000L + 100_000);
    }

    @Test
    void giveBack_returnsUnwrittenBytesUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(1_000, 4_000, 0);
        assertThat(bucket.take(4_000, 0)).isEqualTo(4_000);

        bucket.giveBack(1_500);
        bucket.giveBack(10_000);

        assertThat(bucket.take(100_000, 0)).isEqualTo(4_000);
    }

    @Test
    void nanosUntil_saysHowLongUntilTheBytesAreThere() {
        TokenBucket bucket = new TokenBucket(1_000_000, 16_384, 0);
        bucket.take(16_384, 0);

        assertThat(bucket.nanosUntil(8_192, 0)).isEqualTo(8_192_000L); // 8192 bytes at 1 MB/s
        assertThat(bucket.nanosUntil(8_192, 8_192_000L)).isZero();
        TokenBucket empty = new TokenBucket(1_000_000, 16_384, 0);
        empty.take(16_384, 0);
        assertThat(empty.nanosUntil(1 << 30, 0)).as("capped at the capacity").isEqualTo(16_384_000L);
    }

    @Test
    void throttle_grantsTheSmallestOfItsBucketsAndRefundsTheOthers() {
        TokenBucket connection = new TokenBucket(1_000_000, 30_000, 0);
        TokenBucket server = new TokenBucket(1_000_000, 10_000, 0);
        Throttle throttle = new Throttle(List.of(connection, server));

        assertThat(throttle.take(50_000, 0)).isEqualTo(10_000);
        assertThat(connection.take(100_000, 0)).as("connection refunded to 30000 - 10000").isEqualTo(20_000);
        assertThat(server.take(1, 0)).isZero();
    }

    @Test
    void forRate_burstIsFiftyMillisecondsButAtLeast16KiB() {
        assertThat(TokenBucket.forRate(20_000_000, 0).capacity()).isEqualTo(1_000_000);
        assertThat(TokenBucket.forRate(100_000, 0).capacity()).isEqualTo(16 * 1024);
    }
}
