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
 * so a batch is atomic after recovery. WAL record type 112, {@code lsm.batch}.
 *
 * <pre>
 *  u64 firstSequence | u32 count | count x ( u8 kind | varint keyLength | key | [varint valueLength | value] )
 * </pre>
 * Operation {@code i} gets sequence {@code firstSequence + i}; the value part is present only for
 * kind 1 (put). Little-endian.
 */
final class BatchCodec {
    static final byte TYPE = RecordTypes.register(RecordTypes.Range.LSM, 112, "lsm.batch");

    /** A decoded operation. */
    record Op(byte kind, byte[] key, byte[] value) {}

    private BatchCodec() {}

    /** Encodes with sequence 0; {@link #setFirstSequence} patches it in later. */
    static byte[] encode(List<WriteBatch.Op> ops) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(0).putInt(ops.size());
        out.write(head.array(), 0, 12);
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

    static void setFirstSequence(byte[] record, long seq) {
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putLong(0, seq);
    }

    static long firstSequence(ByteBuffer payload) {
        return payload.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(payload.position());
    }

    static int count(ByteBuffer payload) {
        return payload.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(payload.position() + 8);
    }

    static List<Op> decode(ByteBuffer payload) {
        ByteBuffer in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        in.getLong();
        int n = in.getInt();
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
