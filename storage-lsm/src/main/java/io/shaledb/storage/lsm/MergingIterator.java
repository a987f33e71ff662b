package io.shaledb.storage.lsm;

import io.shaledb.storage.lsm.sst.EntryIterator;
import io.shaledb.storage.lsm.sst.InternalKeys;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges sorted sources (memtables, SSTables) into one stream of internal entries, ascending for a
 * forward merge and descending for a backward one, with a heap keyed by each source's current key.
 *
 * <pre>
 *   memtable   a@9 c@7 ─┐
 *   L0 #12     a@5 b@4 ─┼─► heap ─► a@9 a@5 a@2 b@4 c@7 ...   (forward)
 *   L1 #7      a@2 d@1 ─┘
 * </pre>
 */
final class MergingIterator implements EntryIterator {
    private final PriorityQueue<EntryIterator> heap;
    private EntryIterator current;

    MergingIterator(List<EntryIterator> sources, boolean forward) {
        Comparator<EntryIterator> order = (a, b) -> InternalKeys.compare(a.key(), b.key());
        heap = new PriorityQueue<>(Math.max(1, sources.size()), forward ? order : order.reversed());
        for (EntryIterator s : sources) {
            if (s.valid()) {
                heap.add(s);
            }
        }
        current = heap.poll();
    }

    @Override
    public boolean valid() {
        return current != null;
    }

    @Override
    public byte[] key() {
        return current.key();
    }

    @Override
    public byte[] value() {
        return current.value();
    }

    @Override
    public void next() {
        current.next();
        if (current.valid()) {
            heap.add(current);
        }
        current = heap.poll();
    }
}
