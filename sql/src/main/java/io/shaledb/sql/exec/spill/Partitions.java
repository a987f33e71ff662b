package io.shaledb.sql.exec.spill;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of temporary files that rows are sorted into by the hash of their key: the building block
 * of hash aggregation, hash set operations and hash joins that outgrow their budget. Rows with
 * equal keys always land in the same partition, so each partition can be processed on its own.
 * A partition too big for memory is split again with the next {@code depth}, which mixes the hash
 * differently, so its rows spread over the new partitions:
 *
 * <pre>
 *   depth 0:  hash(k) ─mix(0)─&gt; p in [0, n)        p0 p1 p2 p3
 *   depth 1:  rows of p2 ─mix(1)─&gt; [0, n)                 p2.0 p2.1 p2.2 p2.3
 * </pre>
 *
 * Files are created lazily (an empty partition has none). The caller owns the files it
 * {@linkplain #take takes}; {@link #close()} deletes the ones not taken.
 */
public final class Partitions implements AutoCloseable {
    /** How many partitions one split makes. */
    public static final int FAN_OUT = 8;
    /** Splits stop at this depth: a partition still too big is then processed in memory. */
    public static final int MAX_DEPTH = 6;

    private final TempFiles files;
    private final String purpose;
    private final SpillFile[] parts;

    public Partitions(TempFiles files, String purpose) {
        this.files = files;
        this.purpose = purpose;
        this.parts = new SpillFile[FAN_OUT];
    }

    /** The partition of a key with hash code {@code hash} at split {@code depth}. */
    public static int of(int hash, int depth) {
        int x = hash ^ (depth * 0x9E3779B9);
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        x ^= x >>> 16;
        return Math.floorMod(x, FAN_OUT);
    }

    public void write(int partition, Object[] row) {
        SpillFile f = parts[partition];
        if (f == null) {
            f = files.create(purpose);
            parts[partition] = f;
        }
        f.write(row);
    }

    /** Finishes writing every partition; returns the bytes written in all. */
    public long finish() {
        long bytes = 0;
        for (SpillFile f : parts) {
            if (f != null) {
                f.finish();
                bytes += f.bytes();
            }
        }
        return bytes;
    }

    /** Partition {@code i}'s file, now the caller's to close, or null when no row went there. */
    public SpillFile take(int i) {
        SpillFile f = parts[i];
        parts[i] = null;
        return f;
    }

    /** The non-empty partitions' files, in partition order, now the caller's. */
    public List<SpillFile> takeAll() {
        List<SpillFile> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            SpillFile f = take(i);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** How many partitions received rows. */
    public int used() {
        int n = 0;
        for (SpillFile f : parts) {
            n += f != null ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() {
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != null) {
                parts[i].close();
                parts[i] = null;
            }
        }
    }
}
