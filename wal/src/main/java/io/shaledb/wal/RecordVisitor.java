package io.shaledb.wal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Receives records from {@link Wal#replay(long, RecordVisitor)}, in LSN order. */
@FunctionalInterface
public interface RecordVisitor {
    /**
     * One record. {@code payload} is a read-only buffer positioned at the payload's first byte; it is
     * only valid during the call (the reader reuses its memory), so copy what you keep.
     */
    void visit(long lsn, byte type, ByteBuffer payload) throws IOException;
}
