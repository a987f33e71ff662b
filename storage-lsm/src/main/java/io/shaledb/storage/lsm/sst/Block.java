package io.shaledb.storage.lsm.sst;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A decoded block: every entry's full key and the location of its value in the block's bytes.
 * Decoding the whole block at once (blocks are small) makes seeks a binary search and iteration
 * in both directions trivial; the decoded form is what the block cache holds.
 */
public final class Block {
    private final byte[] data;
    private final byte[][] keys;
    private final int[] valueOffsets;
    private final int[] valueLengths;

    private Block(byte[] data, byte[][] keys, int[] valueOffsets, int[] valueLengths) {
        this.data = data;
        this.keys = keys;
        this.valueOffsets = valueOffsets;
        this.valueLengths = valueLengths;
    }

    /**
     * Decodes block contents; {@code corrupt} turns a description of a structural problem into the
     * exception to throw (the caller knows the file and offset).
     */
    public static Block decode(byte[] data, Function<String, RuntimeException> corrupt) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            if (data.length < 4) {
                throw corrupt.apply("block of " + data.length + " bytes is too short");
            }
            int restartCount = buf.getInt(data.length - 4);
            long restartsStart = (long) data.length - 4 - 4L * restartCount;
            if (restartCount < 0 || restartsStart < 0) {
                throw corrupt.apply("bad restart count " + restartCount);
            }
            int limit = (int) restartsStart;
            int n = 0;
            byte[][] keys = new byte[16][];
            int[] vo = new int[16];
            int[] vl = new int[16];
            byte[] last = new byte[0];
            buf.position(0);
            while (buf.position() < limit) {
                int shared = Varint.readInt(buf);
                int unshared = Varint.readInt(buf);
                int valueLength = Varint.readInt(buf);
                if (shared > last.length || (long) buf.position() + unshared + valueLength > limit) {
                    throw corrupt.apply("entry " + n + " at block offset " + buf.position() + " does not fit");
                }
                byte[] key = Arrays.copyOf(last, shared + unshared);
                buf.get(key, shared, unshared);
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    vo = Arrays.copyOf(vo, n * 2);
                    vl = Arrays.copyOf(vl, n * 2);
                }
                keys[n] = key;
                vo[n] = buf.position();
                vl[n] = valueLength;
                buf.position(buf.position() + valueLength);
                last = key;
                n++;
            }
            return new Block(data, Arrays.copyOf(keys, n), Arrays.copyOf(vo, n), Arrays.copyOf(vl, n));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw corrupt.apply("malformed block: " + e);
        }
    }

    public int size() {
        return keys.length;
    }

    public byte[] key(int i) {
        return keys[i];
    }

    public byte[] value(int i) {
        return Arrays.copyOfRange(data, valueOffsets[i], valueOffsets[i] + valueLengths[i]);
    }

    /** Index of the first entry whose key is at least {@code target} in {@code order}, or {@link #size()}. */
    public int seekGE(byte[] target, java.util.Comparator<byte[]> order) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(keys[mid], target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the last entry whose key is at most {@code target}, or -1. */
    public int seekLE(byte[] target, java.util.Comparator<byte[]> order) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(keys[mid], target) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** Approximate heap footprint, for the block cache's weigher. */
    public int memorySize() {
        int s = data.length + 64 + keys.length * 40;
        for (byte[] k : keys) {
            s += k.length;
        }
        return s;
    }
}
