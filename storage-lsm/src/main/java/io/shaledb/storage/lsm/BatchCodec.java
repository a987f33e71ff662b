package io.shaledb.storage.lsm;

import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.lsm.sst.InternalKeys;
import io.shaledb.storage.lsm.sst.Varint;
import io.shaledb.wal.RecordTypes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The memtable log record: one per {@link WriteBatch} (a single put or delete is a batch of one),
 * so a batch is atomic after recovery. Written as WAL record type 113, {@code lsm.batch.v2}:
 *
 * <pre>
 *  varint firstSequence | varint count | count x ( u8 kind | varint keyLength | key | [varint valueLength | value] )
 * </pre>
 *
 * Logs written before log format 2 hold type 112, {@code lsm.batch}, which recovery still reads:
 *
 * <pre>
 *  u64 firstSequence | u32 count | count x ( ... as above ... )        (little-endian)
 * </pre>
 *
 * Operation {@code i} gets sequence {@code firstSequence + i}; the value part is present only for
 * kind 1 (put). See {@code docs/formats/manifest.md}.
 */
final class BatchCodec {
    /** Log format 1's record type (read only). */
    static final byte TYPE_V1 = RecordTypes.register(RecordTypes.Range.LSM, 112, "lsm.batch");
    /** The record type written now (log format 2). */
    static final byte TYPE = RecordTypes.register(RecordTypes.Range.LSM, 113, "lsm.batch.v2");
    /** The log format this code writes; recorded in the manifest (tag 5) so older engines refuse the database. */
    static final int LOG_FORMAT = 2;

    /** Room left at the front of an encoded batch for the two header varints (u64 and u32 at most). */
    private static final int RESERVED = 10 + 5;

    /** A decoded operation. */
    record Op(byte kind, byte[] key, byte[] value) {}

    /** The header of a record: its first sequence, its operation count and where its operations start. */
    record Header(long firstSequence, int count, int opsOffset) {}

    private BatchCodec() {}

    static boolean isBatch(byte type) {
        return type == TYPE || type == TYPE_V1;
    }

    /**
     * Encodes the operations after {@link #RESERVED} free bytes; {@link #withHeader} fills in the
     * sequence (known only under the write lock) without copying the operations.
     */
    static byte[] encode(List<WriteBatch.Op> ops) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[RESERVED], 0, RESERVED);
        for (WriteBatch.Op op : ops) {
            out.write(op.isDelete() ? InternalKeys.DELETE : InternalKeys.PUT);
            Varint.write(out, op.key().length);
            out.write(op.key(), 0, op.key().length);
            if (!op.isDelete()) {
                Varint.write(out, op.value().length);
                out.write(op.value(), 0, op.value().length);
            }
        }
        return out.toByteArray();
    }

    /** The record payload of {@code encoded} (from {@link #encode}) with its header written in front. */
    static ByteBuffer withHeader(byte[] encoded, long firstSequence, int count) {
        if (firstSequence < 0 || count < 0) {
            throw new IllegalArgumentException("negative sequence or count");
        }
        int start = RESERVED - varintSize(firstSequence) - varintSize(count);
        int at = putVarint(encoded, start, firstSequence);
        putVarint(encoded, at, count);
        return ByteBuffer.wrap(encoded, start, encoded.length - start);
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVarint(byte[] b, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            b[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    static Header header(byte type, ByteBuffer payload) {
        ByteBuffer in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (type == TYPE_V1) {
            long first = in.getLong();
            int count = in.getInt();
            return new Header(first, count, in.position());
        }
        if (type != TYPE) {
            throw new IllegalArgumentException("not a memtable log record: type " + type);
        }
        long first = Varint.read(in);
        int count = Varint.readInt(in);
        return new Header(first, count, in.position());
    }

    static List<Op> decode(byte type, ByteBuffer payload) {
        Header h = header(type, payload);
        ByteBuffer in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        in.position(h.opsOffset());
        int n = h.count();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad operation count " + n);
        }
        Op[] ops = new Op[n];
        for (int i = 0; i < n; i++) {
            byte kind = in.get();
            byte[] key = new byte[Varint.readInt(in)];
            in.get(key);
            byte[] value = null;
            if (kind == InternalKeys.PUT) {
                value = new byte[Varint.readInt(in)];
                in.get(value);
            } else if (kind != InternalKeys.DELETE) {
                throw new IllegalArgumentException("unknown operation kind " + kind);
            }
            ops[i] = new Op(kind, key, value);
        }
        return List.of(ops);
    }
}
