package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

/**
 * How {@link ThrottlingConduit} drives a non-blocking writer on an IO thread, on byte and call
 * counts with a hand-driven clock, a socket stub that takes every byte, and an IO-thread stub
 * that records {@code executeAfter} calls (no real time, no sleeping).
 */
class ThrottlingConduitTest {
    private static final long RATE = 20_000_000; // the built-in wan profile's per-connection cap

    private final AtomicLong now = new AtomicLong();
    private final RecordingIoThread ioThread = new RecordingIoThread();

    @Test
    void listenerWriteRefusedByTheBuckets_turnsOffSocketWriteInterestAndSchedulesOneWake() throws IOException {
        SocketStub socket = new SocketStub(ioThread);
        ThrottlingConduit conduit = conduit(socket, RATE);
        conduit.resumeWrites(); // the bucket starts full: the socket is resumed at once
        assertThat(socket.resumed).isTrue();

        ByteBuffer body = ByteBuffer.allocate(4 << 20);
        while (conduit.write(body) > 0) {
            // the listener writes until the buckets say no, then returns with writes resumed
        }

        assertThat(socket.resumed).as("a writable socket would re-fire the listener at once").isFalse();
        assertThat(ioThread.tasks).hasSize(1);
        assertThat(conduit.isWriteResumed()).isTrue();
    }

    @Test
    void writerThatLoopsWhileBytesAreGranted_getsZeroOnceTheBurstIsSpent() throws IOException {
        // Undertow's async sender calls write again while it returns more than 0. On a real IO
        // thread a few microseconds pass per call and the bucket refills ~100 bytes at 20 MB/s:
        // granting those would keep the sender (and its IO thread) in the loop for the whole
        // response, and every other connection on that thread would wait for it.
        SocketStub socket = new SocketStub(ioThread);
        ThrottlingConduit conduit = conduit(socket, RATE);
        ByteBuffer body = ByteBuffer.allocate(8 << 20);
        int calls = 0;
        while (calls < 100_000) {
            now.addAndGet(TimeUnit.MICROSECONDS.toNanos(5));
            calls++;
            if (conduit.write(body) == 0) {
                break;
            }
        }
        assertThat(calls).as("the burst, then a refusal").isEqualTo(2);
        assertThat(socket.bytes).isEqualTo(TokenBucket.forRate(RATE, 0).capacity());
    }

    @Test
    void smallWrite_isGrantedWhenItFitsEvenBelowTheWakeSize() throws IOException {
        SocketStub socket = new SocketStub(ioThread);
        ThrottlingConduit conduit = conduit(socket, RATE);
        drain(conduit);
        now.addAndGet(TimeUnit.MICROSECONDS.toNanos(10)); // ~200 bytes refilled

        assertThat(conduit.write(ByteBuffer.allocate(100))).isEqualTo(100);
        assertThat(conduit.write(ByteBuffer.allocate(4096))).as("less than asked and under 8 KiB: wait").isZero();
    }

    static Stream<Arguments> rates() {
        return Stream.of(
                Arguments.of("20 MB/s: 8 KiB refill takes 0.4 ms, under XNIO's 1 ms tick", 20_000_000L),
                Arguments.of("1 GB/s: 8 KiB refill takes 8 us", 1_000_000_000L),
                Arguments.of("100 KB/s: 8 KiB refill takes 82 ms", 100_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rates")
    void wake_isAtLeastOneMillisecondAndAtLeastTheRefillTime(String description, long rate) throws IOException {
        SocketStub socket = new SocketStub(ioThread);
        ThrottlingConduit conduit = conduit(socket, rate);
        drain(conduit);

        conduit.resumeWrites();

        assertThat(ioThread.tasks).hasSize(1);
        long delay = ioThread.tasks.get(0).delayNanos;
        long refill = (long) Math.ceil(Throttle.MIN_WAKE_BYTES * 1e9 / rate);
        assertThat(delay).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1)).isGreaterThanOrEqualTo(refill);
        assertThat(socket.resumed).isFalse();
    }

    @Test
    void wake_grantsWhatTheElapsedTimeAllows() throws IOException {
        SocketStub socket = new SocketStub(ioThread);
        ThrottlingConduit conduit = conduit(socket, RATE);
        drain(conduit);
        conduit.resumeWrites();
        ScheduledTask wake = ioThread.tasks.remove(0);

        now.addAndGet(wake.delayNanos);
        wake.command.run();

        assertThat(socket.resumed).isTrue();
        long granted = conduit.write(ByteBuffer.allocate(1 << 20));
        assertThat(granted).isEqualTo(wake.delayNanos * RATE / 1_000_000_000L)
                .isGreaterThanOrEqualTo(Throttle.MIN_WAKE_BYTES);
    }

    @Test
    void throttledWritersOnOneIoThread_areAllResumedAndNeverSpin() throws IOException {
        int writers = 8;
        int bodyBytes = 4 << 20;
        List<SocketStub> sockets = new ArrayList<>();
        List<ThrottlingConduit> conduits = new ArrayList<>();
        List<ByteBuffer> bodies = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            SocketStub socket = new SocketStub(ioThread);
            sockets.add(socket);
            conduits.add(conduit(socket, RATE));
            bodies.add(ByteBuffer.allocate(bodyBytes));
        }
        for (int i = 0; i < writers; i++) { // like Undertow's async sender: write, then resume on 0
            while (conduits.get(i).write(bodies.get(i)) > 0) {
                // burst
            }
            conduits.get(i).resumeWrites();
        }

        long listenerCalls = 0;
        long refusedListenerWrites = 0;
        for (int round = 0; round < 1_000_000 && !allSent(bodies); round++) {
            boolean anyResumed = false;
            for (int i = 0; i < writers; i++) {
                if (!sockets.get(i).resumed) {
                    continue;
                }
                anyResumed = true;
                listenerCalls++;
                int written;
                while ((written = conduits.get(i).write(bodies.get(i))) > 0 && bodies.get(i).hasRemaining()) {
                    // the listener loops until the buckets refuse or the body is out
                }
                if (written == 0 && bodies.get(i).hasRemaining()) {
                    refusedListenerWrites++;
                }
                if (!bodies.get(i).hasRemaining()) {
                    conduits.get(i).suspendWrites();
                }
            }
            if (!anyResumed) {
                ioThread.runEarliest(now);
            }
        }

        assertThat(bodies).allSatisfy(b -> assertThat(b.hasRemaining()).isFalse());
        assertThat(sockets).allSatisfy(s -> assertThat(s.bytes).isEqualTo(bodyBytes));
        // each listener call sends at least a wake's worth (>= 1 ms of rate), never a spin of refusals
        long maxCallsPerWriter = bodyBytes / (RATE / 1000) + 2;
        assertThat(listenerCalls).isLessThanOrEqualTo(writers * maxCallsPerWriter);
        assertThat(refusedListenerWrites).isLessThanOrEqualTo(listenerCalls);
        assertThat(ioThread.immediateRuns).as("sub-millisecond executeAfter runs at once in XNIO").isZero();
    }

    private ThrottlingConduit conduit(SocketStub socket, long rate) {
        Throttle throttle = new Throttle(List.of(TokenBucket.forRate(rate, now.get())));
        return new ThrottlingConduit(socket, throttle, () -> { }, now::get);
    }

    private static void drain(ThrottlingConduit conduit) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(4 << 20);
        for (int i = 0; i < 1_000 && conduit.write(chunk.clear()) > 0; i++) {
            // empty the burst
        }
    }

    private static boolean allSent(List<ByteBuffer> bodies) {
        return bodies.stream().noneMatch(ByteBuffer::hasRemaining);
    }

    /** One {@code executeAfter} call. */
    private record ScheduledTask(long dueNanos, long delayNanos, Runnable command) {
    }

    /** Records delayed tasks; runs them only when told; counts delays XNIO would run at once. */
    private static final class RecordingIoThread extends XnioIoThread {
        final List<ScheduledTask> tasks = new ArrayList<>();
        long clockNanos;
        int immediateRuns;

        RecordingIoThread() {
            super((XnioWorker) null, 0);
        }

        void runEarliest(AtomicLong now) {
            assertThat(tasks).as("every throttled writer has a wake scheduled").isNotEmpty();
            ScheduledTask first = tasks.stream().min((a, b) -> Long.compare(a.dueNanos, b.dueNanos)).orElseThrow();
            now.set(Math.max(now.get(), first.dueNanos));
            clockNanos = now.get();
            List<ScheduledTask> due = tasks.stream().filter(t -> t.dueNanos <= clockNanos).toList();
            tasks.removeAll(due);
            due.forEach(t -> t.command.run());
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public Key executeAfter(Runnable command, long time, TimeUnit unit) {
            if (unit.toMillis(time) <= 0) {
                immediateRuns++;
            }
            ScheduledTask task = new ScheduledTask(clockNanos + unit.toNanos(time), unit.toNanos(time), command);
            tasks.add(task);
            return () -> tasks.remove(task);
        }

        @Override
        public Key executeAtInterval(Runnable command, long time, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by the conduit");
        }
    }

    /** A socket that is always writable and takes every byte; counts bytes and tracks interest. */
    private static final class SocketStub implements StreamSinkConduit {
        private final XnioIoThread thread;
        boolean resumed;
        long bytes;

        SocketStub(XnioIoThread thread) {
            this.thread = thread;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            bytes += n;
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public int writeFinal(ByteBuffer src) {
            return write(src);
        }

        @Override
        public long writeFinal(ByteBuffer[] srcs, int offset, int length) {
            return write(srcs, offset, length);
        }

        @Override
        public long transferFrom(FileChannel src, long position, long count) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public void terminateWrites() {
        }

        @Override
        public boolean isWriteShutdown() {
            return false;
        }

        @Override
        public void resumeWrites() {
            resumed = true;
        }

        @Override
        public void suspendWrites() {
            resumed = false;
        }

        @Override
        public void wakeupWrites() {
            resumed = true;
        }

        @Override
        public boolean isWriteResumed() {
            return resumed;
        }

        @Override
        public void awaitWritable() {
        }

        @Override
        public void awaitWritable(long time, TimeUnit timeUnit) {
        }

        @Override
        public XnioIoThread getWriteThread() {
            return thread;
        }

        @Override
        public void setWriteReadyHandler(WriteReadyHandler handler) {
        }

        @Override
        public void truncateWrites() {
        }

        @Override
        public boolean flush() {
            return true;
        }

        @Override
        public XnioWorker getWorker() {
            return null;
        }
    }
}
