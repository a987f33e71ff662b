package io.shaledb.bench.engine;

import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.btree.BTreeEngine;
import java.util.SplittableRandom;

/**
 * The batches of {@link BTreeBatchBenchmark} and {@link BTreeBatchCpu}: {@value #BATCH} puts each,
 * in one of three patterns.
 *
 * <ul>
 *   <li>{@code ascending}: {@value #BATCH} new elements appended to one of {@value #LISTS} lists,
 *       as RPUSH with many elements: the kv model's sub-keys ({@code 'k' 's' db name version}, a
 *       24-byte shared prefix) with an ascending 8-byte slot, 15-byte values; the lists take turns.
 *   <li>{@code descending}: the same, prepending (LPUSH): slots descend within a batch.
 *   <li>{@code random}: overwrites of uniformly random keys among {@value #RANDOM_KEYS} loaded ones
 *       (16-byte {@link Dataset} keys, 100-byte values).
 * </ul>
 */
final class BatchWorkload {

    static final int BATCH = 512;
    static final int LISTS = 16;
    static final int RANDOM_KEYS = 200_000;
    /** A list element's value: short, as redis-benchmark's LPUSH/RPUSH elements. */
    private static final byte[] ELEMENT = "element-0123456".getBytes();

    private final String pattern;
    private final Dataset data = new Dataset(42);
    private final SplittableRandom random = new SplittableRandom(7);
    private final long[] next = new long[LISTS];
    private final byte[][] prefixes = new byte[LISTS][];
    private long batches;

    BatchWorkload(String pattern) {
        if (!pattern.equals("ascending") && !pattern.equals("descending") && !pattern.equals("random")) {
            throw new IllegalArgumentException("unknown pattern " + pattern + " (ascending, descending, random)");
        }
        this.pattern = pattern;
        for (int l = 0; l < LISTS; l++) {
            byte[] name = String.format("bench:list:%02d", l).getBytes();
            byte[] p = new byte[3 + name.length + 8];
            p[0] = 'k';
            p[1] = 's';
            System.arraycopy(name, 0, p, 3, name.length);
            putLong(p, 3 + name.length, 1);
            prefixes[l] = p;
            next[l] = 1L << 62;
        }
    }

    /** Loads what the pattern needs before the first batch (the random keys). */
    void load(BTreeEngine engine) {
        if (!pattern.equals("random")) {
            return;
        }
        WriteBatch load = new WriteBatch();
        for (int i = 0; i < RANDOM_KEYS; i++) {
            load.put(Dataset.key(i), data.value(i));
            if (load.size() == 1000) {
                engine.apply(load);
                load = new WriteBatch();
            }
        }
        engine.apply(load);
    }

    WriteBatch nextBatch() {
        WriteBatch batch = new WriteBatch();
        if (pattern.equals("random")) {
            for (int i = 0; i < BATCH; i++) {
                batch.put(Dataset.key(random.nextInt(RANDOM_KEYS)), data.value(i));
            }
        } else {
            int list = (int) (batches % LISTS);
            long step = pattern.equals("ascending") ? 1 : -1;
            for (int i = 0; i < BATCH; i++) {
                batch.put(listKey(list, next[list]), ELEMENT);
                next[list] += step;
            }
        }
        batches++;
        return batch;
    }

    private byte[] listKey(int list, long slot) {
        byte[] p = prefixes[list];
        byte[] k = new byte[p.length + 8];
        System.arraycopy(p, 0, k, 0, p.length);
        putLong(k, p.length, slot);
        return k;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
