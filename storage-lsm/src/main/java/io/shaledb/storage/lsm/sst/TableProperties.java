package io.shaledb.storage.lsm.sst;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What an SSTable's properties block records about it.
 *
 * @param entries internal entries (values and tombstones)
 * @param tombstones entries of kind {@link InternalKeys#DELETE}
 * @param dataBlocks number of data blocks
 * @param dataBytes stored bytes of the data blocks, trailers included
 * @param rawKeyBytes sum of internal key lengths before compression
 * @param rawValueBytes sum of value lengths before compression
 * @param minSequence smallest sequence number in the table
 * @param maxSequence largest sequence number in the table
 * @param smallest smallest internal key
 * @param largest largest internal key
 */
public record TableProperties(long entries, long tombstones, long dataBlocks, long dataBytes, long rawKeyBytes,
        long rawValueBytes, long minSequence, long maxSequence, byte[] smallest, byte[] largest) {

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(entries).putLong(tombstones).putLong(dataBlocks).putLong(dataBytes).putLong(rawKeyBytes)
                .putLong(rawValueBytes).putLong(minSequence).putLong(maxSequence);
        out.write(b.array(), 0, 64);
        Varint.write(out, smallest.length);
        out.write(smallest, 0, smallest.length);
        Varint.write(out, largest.length);
        out.write(largest, 0, largest.length);
        return out.toByteArray();
    }

    static TableProperties decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long entries = b.getLong();
        long tombstones = b.getLong();
        long dataBlocks = b.getLong();
        long dataBytes = b.getLong();
        long rawKeyBytes = b.getLong();
        long rawValueBytes = b.getLong();
        long minSeq = b.getLong();
        long maxSeq = b.getLong();
        byte[] smallest = new byte[Varint.readInt(b)];
        b.get(smallest);
        byte[] largest = new byte[Varint.readInt(b)];
        b.get(largest);
        return new TableProperties(entries, tombstones, dataBlocks, dataBytes, rawKeyBytes, rawValueBytes, minSeq,
                maxSeq, smallest, largest);
    }
}
