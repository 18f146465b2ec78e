package dev.regbench.fakeregistry.faults;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Base of the response-body conduits that let only part of a write through (throttling,
 * reset after N bytes): a subclass decides in {@code write(ByteBuffer)} and
 * {@code transferFrom(FileChannel, …)}; gathering writes, final writes and transfers from a
 * channel are built on those here, so every path goes through the subclass's decision.
 *
 * <p>Used by one exchange at a time, like every Undertow conduit; not thread-safe.
 */
abstract class BodyLimitingConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    BodyLimitingConduit(StreamSinkConduit next) {
        super(next);
    }

    /** Buffer by buffer, stopping at the first one not written whole. */
    @Override
    public final long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!srcs[i].hasRemaining()) {
                continue;
            }
            total += write(srcs[i]);
            if (srcs[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public final int writeFinal(ByteBuffer src) throws IOException {
        return Conduits.writeFinalBasic(this, src);
    }

    @Override
    public final long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return Conduits.writeFinalBasic(this, srcs, offset, length);
    }

    @Override
    public final long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer)
            throws IOException {
        return Conduits.transfer(source, count, throughBuffer, this);
    }
}
