package io.shaledb.txn;

import io.shaledb.storage.KeyRange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys a transaction read or wrote, by relation: single keys, key ranges (a scan reads every
 * key of its range, present or not — that is what catches phantoms), or a whole relation once a
 * relation's single keys pass a cap (a conservative summary that keeps memory bounded). Serializable
 * validation asks whether one transaction's writes {@link #overlaps overlap} another's reads.
 */
final class Footprint {
    private static final int KEY_CAP = 10_000;

    private final Map<Integer, Set<ByteBuffer>> keys = new HashMap<>();
    private final Map<Integer, List<KeyRange>> ranges = new HashMap<>();
    private final Set<Integer> whole = new HashSet<>();

    /** The key array added last: a hot row rewritten many times in one transaction passes the same array. */
    private byte[] lastKey;
    private int lastRelation;

    synchronized void addKey(int relation, byte[] key) {
        if (key == lastKey && relation == lastRelation || whole.contains(relation)) {
            return;
        }
        lastKey = key;
        lastRelation = relation;
        Set<ByteBuffer> set = keys.computeIfAbsent(relation, r -> new HashSet<>());
        set.add(ByteBuffer.wrap(key));
        if (set.size() > KEY_CAP) {
            keys.remove(relation);
            ranges.remove(relation);
            whole.add(relation);
        }
    }

    synchronized void addRange(int relation, KeyRange range) {
        if (whole.contains(relation)) {
            return;
        }
        List<KeyRange> list = ranges.computeIfAbsent(relation, r -> new ArrayList<>());
        list.add(range);
        if (list.size() > KEY_CAP) {
            keys.remove(relation);
            ranges.remove(relation);
            whole.add(relation);
        }
    }

    /** Counts every key of {@code relation} as touched (a bulk load into a fresh key space). */
    synchronized void addWhole(int relation) {
        keys.remove(relation);
        ranges.remove(relation);
        whole.add(relation);
    }

    synchronized boolean isEmpty() {
        return keys.isEmpty() && ranges.isEmpty() && whole.isEmpty();
    }

    /** True when a key written in {@code writes} lies in something this footprint read. */
    boolean overlaps(Footprint writes) {
        synchronized (writes) {
            synchronized (this) {
                for (int rel : writes.whole) {
                    if (touches(rel)) {
                        return true;
                    }
                }
                for (Map.Entry<Integer, Set<ByteBuffer>> e : writes.keys.entrySet()) {
                    int rel = e.getKey();
                    if (!touches(rel)) {
                        continue;
                    }
                    if (whole.contains(rel)) {
                        return true;
                    }
                    Set<ByteBuffer> mine = keys.getOrDefault(rel, Set.of());
                    List<KeyRange> myRanges = ranges.getOrDefault(rel, List.of());
                    for (ByteBuffer k : e.getValue()) {
                        if (mine.contains(k)) {
                            return true;
                        }
                        for (KeyRange r : myRanges) {
                            if (r.contains(k.array())) {
                                return true;
                            }
                        }
                    }
                }
                return false;
            }
        }
    }

    private boolean touches(int relation) {
        return whole.contains(relation) || keys.containsKey(relation) || ranges.containsKey(relation);
    }
}
