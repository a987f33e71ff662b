package io.shaledb.storage.lsm.sst;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one block: prefix-compressed entries with a restart point every {@code restartInterval}
 * entries, then the restart offsets. See {@code docs/formats/sstable.md}.
 *
 * <pre>
 *  entry:  varint shared | varint unshared | varint valueLength | key[shared..] | value
 *  tail:   u32 restartOffset x n | u32 n
 * </pre>
 */
public final class BlockBuilder {
    private final int restartInterval;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> restarts = new ArrayList<>();
    private byte[] lastKey = new byte[0];
    private int sinceRestart;
    private int entries;

    public BlockBuilder(int restartInterval) {
        this.restartInterval = restartInterval;
    }

    /** Adds an entry; keys must be added in increasing order. */
    public void add(byte[] key, byte[] value) {
        int shared = 0;
        if (sinceRestart == restartInterval || entries == 0) {
            restarts.add(out.size());
            sinceRestart = 0;
        } else {
            int max = Math.min(lastKey.length, key.length);
            while (shared < max && lastKey[shared] == key[shared]) {
                shared++;
            }
        }
        Varint.write(out, shared);
        Varint.write(out, key.length - shared);
        Varint.write(out, value.length);
        out.write(key, shared, key.length - shared);
        out.write(value, 0, value.length);
        lastKey = key;
        sinceRestart++;
        entries++;
    }

    /** The size the block would have if finished now. */
    public int estimatedSize() {
        return out.size() + 4 * restarts.size() + 4;
    }

    public boolean isEmpty() {
        return entries == 0;
    }

    public byte[] lastKey() {
        return lastKey;
    }

    /** The finished block contents (uncompressed, without trailer); resets the builder. */
    public byte[] finish() {
        for (int r : restarts) {
            writeInt(out, r);
        }
        writeInt(out, restarts.size());
        byte[] result = out.toByteArray();
        out.reset();
        restarts.clear();
        lastKey = new byte[0];
        sinceRestart = 0;
        entries = 0;
        return result;
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
