package io.shaledb.storage.lsm.sst;

import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.OpenMode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads one SSTable. Opening reads and verifies the footer, index, filter and properties blocks;
 * data blocks are read on demand through the {@link BlockCache}, each verified against its CRC-32C
 * before it is decoded. Thread-safe.
 */
public final class TableReader implements Closeable {

    private static final AtomicLong IDS = new AtomicLong();
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.safeInstance().safeDecompressor();

    /** Counters a reader adds to; shared by all readers of an engine. */
    public static final class Counters {
        public final java.util.concurrent.atomic.LongAdder blockReads = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder bloomChecks = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder bloomUseful = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder bloomFalsePositives = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder tableProbes = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder pointBlockReads = new java.util.concurrent.atomic.LongAdder();
    }

    /** The result of a point lookup in one table: the newest visible entry for the key. */
    public record Found(byte kind, byte[] value) {}

    private final long id = IDS.incrementAndGet();
    private final Path path;
    private final FileHandle file;
    private final long fileSize;
    private final BlockCache cache;
    private final Counters counters;
    private final Block index;
    private final BloomFilter bloom;
    private final TableProperties properties;

    private TableReader(Path path, FileHandle file, long fileSize, BlockCache cache, Counters counters, Block index,
            BloomFilter bloom, TableProperties properties) {
        this.path = path;
        this.file = file;
        this.fileSize = fileSize;
        this.cache = cache;
        this.counters = counters;
        this.index = index;
        this.bloom = bloom;
        this.properties = properties;
    }

    public static TableReader open(FileSystem fs, Path path, BlockCache cache, Counters counters) throws IOException {
        FileHandle file = fs.open(path, OpenMode.READ);
        try {
            long size = file.size();
            if (size < TableFormat.FOOTER_SIZE) {
                throw new CorruptSstException(path, 0, "file of " + size + " bytes is shorter than the footer");
            }
            long footerAt = size - TableFormat.FOOTER_SIZE;
            ByteBuffer footer = ByteBuffer.allocate(TableFormat.FOOTER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            file.readFully(footer, footerAt);
            byte[] f = footer.array();
            if (!Arrays.equals(f, 48, 56, TableFormat.MAGIC, 0, 8)) {
                throw new CorruptSstException(path, footerAt, "bad magic number in footer (not an SSTable, or truncated)");
            }
            CRC32C crc = new CRC32C();
            crc.update(f, 0, 44);
            if ((int) crc.getValue() != footer.getInt(44)) {
                throw new CorruptSstException(path, footerAt, "footer checksum mismatch");
            }
            int version = footer.getShort(36) & 0xFFFF;
            if (version != TableFormat.VERSION) {
                throw new CorruptSstException(path, footerAt, "unsupported format version " + version);
            }
            long indexAt = footer.getLong(0);
            int indexSize = footer.getInt(8);
            long filterAt = footer.getLong(12);
            int filterSize = footer.getInt(20);
            long propsAt = footer.getLong(24);
            int propsSize = footer.getInt(32);
            byte[] propBytes = readVerified(path, file, propsAt, propsSize, footerAt, "properties block");
            TableProperties props;
            try {
                props = TableProperties.decode(propBytes);
            } catch (RuntimeException e) {
                throw new CorruptSstException(path, propsAt, "properties block does not parse", e);
            }
            byte[] filterBytes = readVerified(path, file, filterAt, filterSize, footerAt, "filter block");
            BloomFilter bloom = filterBytes.length == 0 ? null : BloomFilter.decode(filterBytes);
            if (filterBytes.length > 0 && bloom == null) {
                throw new CorruptSstException(path, filterAt, "filter block does not parse");
            }
            byte[] indexBytes = readVerified(path, file, indexAt, indexSize, footerAt, "index block");
            Block index = Block.decode(indexBytes, what -> new CorruptSstException(path, indexAt, "index block: " + what));
            return new TableReader(path, file, size, cache, counters, index, bloom, props);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Reads a block and its trailer, verifies the CRC and decompresses; returns the contents. */
    private static byte[] readVerified(Path path, FileHandle file, long at, long size, long limit, String what)
            throws IOException {
        if (at < 0 || size < 0 || at + size + TableFormat.TRAILER_SIZE > limit) {
            throw new CorruptSstException(path, at, what + " of " + size + " bytes lies outside the file");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size + TableFormat.TRAILER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        file.readFully(buf, at);
        byte[] b = buf.array();
        CRC32C crc = new CRC32C();
        crc.update(b, 0, (int) size + 1);
        int stored = buf.getInt((int) size + 1);
        if ((int) crc.getValue() != stored) {
            throw new CorruptSstException(path, at, what + " (" + size + " bytes) checksum mismatch: stored 0x"
                    + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString((int) crc.getValue()));
        }
        byte type = b[(int) size];
        if (type == TableFormat.NO_COMPRESSION) {
            return Arrays.copyOf(b, (int) size);
        }
        if (type == TableFormat.LZ4_COMPRESSION) {
            try {
                ByteBuffer in = ByteBuffer.wrap(b, 0, (int) size);
                int rawLength = Varint.readInt(in);
                byte[] out = new byte[rawLength];
                int n = LZ4.decompress(b, in.position(), (int) size - in.position(), out, 0, rawLength);
                if (n != rawLength) {
                    throw new IllegalArgumentException("decompressed " + n + " of " + rawLength + " bytes");
                }
                return out;
            } catch (RuntimeException e) {
                throw new CorruptSstException(path, at, what + " does not decompress: " + e.getMessage(), e);
            }
        }
        throw new CorruptSstException(path, at, what + " has unknown compression type " + type);
    }

    private Block dataBlock(int indexEntry) {
        ByteBuffer h = ByteBuffer.wrap(index.value(indexEntry));
        long at;
        long size;
        try {
            at = Varint.read(h);
            size = Varint.read(h);
        } catch (RuntimeException e) {
            throw new CorruptSstException(path, 0, "index entry " + indexEntry + " does not parse");
        }
        counters.blockReads.increment();
        return cache.get(id, at, () -> {
            try {
                byte[] contents = readVerified(path, file, at, size, fileSize - TableFormat.FOOTER_SIZE, "data block");
                return Block.decode(contents, what -> new CorruptSstException(path, at, "data block: " + what));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The newest entry for the user key of {@code lookup} (an {@link InternalKeys#lookup} key) with a
     * sequence at most the lookup's, or null if this table has none.
     */
    public Found get(byte[] lookup, byte[] userKey) {
        counters.tableProbes.increment();
        if (bloom != null) {
            counters.bloomChecks.increment();
            if (!bloom.mightContain(userKey)) {
                counters.bloomUseful.increment();
                return null;
            }
        }
        Found found = null;
        int bi = index.seekGE(lookup, InternalKeys.COMPARATOR);
        boolean userKeyPresent = false;
        while (bi < index.size()) {
            counters.pointBlockReads.increment();
            Block b = dataBlock(bi);
            int i = b.seekGE(lookup, InternalKeys.COMPARATOR);
            if (i < b.size()) {
                byte[] k = b.key(i);
                if (InternalKeys.compareUserTo(k, userKey) == 0) {
                    found = new Found(InternalKeys.kind(k), b.value(i));
                }
                userKeyPresent = i > 0 && InternalKeys.compareUserTo(b.key(i - 1), userKey) == 0 || found != null;
                break;
            }
            bi++;
        }
        if (bloom != null && found == null && !userKeyPresent) {
            counters.bloomFalsePositives.increment();
        }
        return found;
    }

    /**
     * An iterator positioned at the first entry at or after {@code start} (forward), or the last
     * entry at or before it (backward); {@code null} start means the first (last) entry.
     */
    public EntryIterator iterator(byte[] start, boolean forward) {
        return new TableIterator(start, forward);
    }

    private final class TableIterator implements EntryIterator {
        private final boolean forward;
        private int blockIndex;
        private Block block;
        private int pos;

        TableIterator(byte[] start, boolean forward) {
            this.forward = forward;
            if (forward) {
                blockIndex = start == null ? 0 : index.seekGE(start, InternalKeys.COMPARATOR);
                if (blockIndex < index.size()) {
                    block = dataBlock(blockIndex);
                    pos = start == null ? 0 : block.seekGE(start, InternalKeys.COMPARATOR);
                    settle();
                }
            } else {
                blockIndex = start == null ? index.size() - 1 : index.seekGE(start, InternalKeys.COMPARATOR);
                if (blockIndex >= index.size()) {
                    blockIndex = index.size() - 1;
                }
                if (blockIndex >= 0) {
                    block = dataBlock(blockIndex);
                    pos = start == null ? block.size() - 1 : block.seekLE(start, InternalKeys.COMPARATOR);
                    settle();
                }
            }
        }

        /** Moves across block boundaries until positioned on an entry or exhausted. */
        private void settle() {
            while (block != null && (pos < 0 || pos >= block.size())) {
                blockIndex += forward ? 1 : -1;
                if (blockIndex < 0 || blockIndex >= index.size()) {
                    block = null;
                } else {
                    block = dataBlock(blockIndex);
                    pos = forward ? 0 : block.size() - 1;
                }
            }
        }

        @Override
        public boolean valid() {
            return block != null;
        }

        @Override
        public byte[] key() {
            return block.key(pos);
        }

        @Override
        public byte[] value() {
            return block.value(pos);
        }

        @Override
        public void next() {
            pos += forward ? 1 : -1;
            settle();
        }
    }

    public TableProperties properties() {
        return properties;
    }

    public Path path() {
        return path;
    }

    public long fileSize() {
        return fileSize;
    }

    /** Whether the table has a bloom filter. */
    public boolean hasFilter() {
        return bloom != null;
    }

    @Override
    public void close() throws IOException {
        cache.evictTable(id);
        file.close();
    }
}
