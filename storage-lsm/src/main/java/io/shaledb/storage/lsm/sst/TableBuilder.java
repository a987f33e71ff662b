package io.shaledb.storage.lsm.sst;

import io.shaledb.common.fs.FileHandle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Writes one SSTable to an open, empty file: entries in increasing internal-key order go into data
 * blocks; {@link #finish()} appends the filter, properties and index blocks and the footer, then
 * syncs the file. The caller owns the file's name and its directory entry.
 *
 * <pre>
 *  [data block 0][trailer] ... [data block n-1][trailer]
 *  [filter block][trailer] [properties block][trailer] [index block][trailer] [footer, 56 bytes]
 * </pre>
 */
public final class TableBuilder {

    /** Settings that affect the bytes written. */
    public record Options(int blockSize, int restartInterval, int bloomBitsPerKey, boolean lz4) {}

    private static final LZ4Compressor LZ4 = LZ4Factory.safeInstance().fastCompressor();
    private static final int WRITE_BUFFER = 256 * 1024;

    private final FileHandle file;
    private final Options options;
    private final BlockBuilder data;
    private final BlockBuilder index = new BlockBuilder(1);
    private final List<byte[]> bloomKeys = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long written;
    private long offset;

    private long entries;
    private long tombstones;
    private long dataBlocks;
    private long rawKeyBytes;
    private long rawValueBytes;
    private long minSeq = Long.MAX_VALUE;
    private long maxSeq = 0;
    private byte[] smallest;
    private byte[] largest;
    private byte[] lastUserKey;

    public TableBuilder(FileHandle file, Options options) {
        this.file = file;
        this.options = options;
        this.data = new BlockBuilder(options.restartInterval());
    }

    /** Adds an entry; internal keys must strictly increase. */
    public void add(byte[] ikey, byte[] value) throws IOException {
        if (largest != null && InternalKeys.compare(largest, ikey) >= 0) {
            throw new IllegalArgumentException("keys out of order: " + InternalKeys.describe(largest) + " then "
                    + InternalKeys.describe(ikey));
        }
        if (smallest == null) {
            smallest = ikey;
        }
        largest = ikey;
        entries++;
        if (InternalKeys.kind(ikey) == InternalKeys.DELETE) {
            tombstones++;
        }
        long seq = InternalKeys.sequence(ikey);
        minSeq = Math.min(minSeq, seq);
        maxSeq = Math.max(maxSeq, seq);
        rawKeyBytes += ikey.length;
        rawValueBytes += value.length;
        if (options.bloomBitsPerKey() > 0 && (lastUserKey == null || InternalKeys.compareUserTo(ikey, lastUserKey) != 0)) {
            lastUserKey = InternalKeys.userKey(ikey);
            bloomKeys.add(lastUserKey);
        }
        data.add(ikey, value);
        if (data.estimatedSize() >= options.blockSize()) {
            flushDataBlock();
        }
    }

    /** Bytes of the file so far (an estimate of its final size). */
    public long estimatedSize() {
        return offset + data.estimatedSize();
    }

    public long entries() {
        return entries;
    }

    private void flushDataBlock() throws IOException {
        if (data.isEmpty()) {
            return;
        }
        byte[] lastKey = data.lastKey();
        long at = writeBlock(data.finish(), options.lz4());
        long size = offset - at - TableFormat.TRAILER_SIZE;
        index.add(lastKey, handle(at, size));
        dataBlocks++;
    }

    private static byte[] handle(long at, long size) {
        ByteArrayOutputStream h = new ByteArrayOutputStream(12);
        Varint.write(h, at);
        Varint.write(h, size);
        return h.toByteArray();
    }

    /** Writes a block and its trailer; returns the block's offset. */
    private long writeBlock(byte[] contents, boolean compress) throws IOException {
        byte type = TableFormat.NO_COMPRESSION;
        byte[] stored = contents;
        if (compress && contents.length > 64) {
            byte[] buf = new byte[LZ4.maxCompressedLength(contents.length) + 5];
            ByteArrayOutputStream header = new ByteArrayOutputStream(5);
            Varint.write(header, contents.length);
            int h = header.size();
            System.arraycopy(header.toByteArray(), 0, buf, 0, h);
            int n = LZ4.compress(contents, 0, contents.length, buf, h);
            if (h + n < contents.length - contents.length / 8) {
                stored = java.util.Arrays.copyOf(buf, h + n);
                type = TableFormat.LZ4_COMPRESSION;
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(stored);
        crc.update(type);
        long at = offset;
        pending.write(stored, 0, stored.length);
        pending.write(type);
        BlockBuilder.writeInt(pending, (int) crc.getValue());
        offset += stored.length + TableFormat.TRAILER_SIZE;
        if (pending.size() >= WRITE_BUFFER) {
            drain();
        }
        return at;
    }

    private void drain() throws IOException {
        if (pending.size() > 0) {
            file.write(ByteBuffer.wrap(pending.toByteArray()), written);
            written += pending.size();
            pending.reset();
        }
    }

    /** Completes and syncs the table; returns its properties. The file stays open (the caller closes it). */
    public TableProperties finish() throws IOException {
        if (entries == 0) {
            throw new IllegalStateException("an SSTable needs at least one entry");
        }
        flushDataBlock();
        long dataBytes = offset;
        long filterAt = offset;
        byte[] filter = options.bloomBitsPerKey() > 0 ? BloomFilter.build(bloomKeys, options.bloomBitsPerKey()) : new byte[0];
        writeBlock(filter, false);
        long filterSize = filter.length;
        TableProperties props = new TableProperties(entries, tombstones, dataBlocks, dataBytes, rawKeyBytes,
                rawValueBytes, minSeq, maxSeq, smallest, largest);
        byte[] propBytes = props.encode();
        long propsAt = writeBlock(propBytes, false);
        byte[] indexBytes = index.finish();
        long indexAt = writeBlock(indexBytes, false);
        ByteBuffer footer = ByteBuffer.allocate(TableFormat.FOOTER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        footer.putLong(indexAt).putInt(indexBytes.length).putLong(filterAt).putInt((int) filterSize)
                .putLong(propsAt).putInt(propBytes.length).putShort((short) TableFormat.VERSION).putShort((short) 0)
                .putInt(0);
        CRC32C crc = new CRC32C();
        crc.update(footer.array(), 0, 44);
        footer.putInt((int) crc.getValue());
        footer.put(TableFormat.MAGIC);
        pending.write(footer.array(), 0, TableFormat.FOOTER_SIZE);
        offset += TableFormat.FOOTER_SIZE;
        drain();
        file.sync();
        return props;
    }

    /** The file size once finished. */
    public long fileSize() {
        return offset;
    }
}
