package io.shaledb.storage.lsm;

import io.shaledb.storage.lsm.sst.EntryIterator;
import io.shaledb.storage.lsm.sst.InternalKeys;
import io.shaledb.storage.lsm.sst.TableReader;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory write buffer: a concurrent skiplist from internal key (user key, sequence, kind) to
 * value. Entries are only ever added; a newer version of a key is a new entry that sorts before the
 * older ones. Written under the engine's write lock, read concurrently without locks.
 */
final class Memtable {
    /** Bytes charged per entry beyond key and value: skiplist node, trailer, array headers. */
    static final int ENTRY_OVERHEAD = 64;
    private static final byte[] EMPTY = new byte[0];

    final long id;
    /** The log position from which this memtable's records start: older log segments are not needed by it. */
    final long startLsn;
    final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(InternalKeys.COMPARATOR);
    private final AtomicLong bytes = new AtomicLong();
    private volatile long maxSeq;

    Memtable(long id, long startLsn) {
        this.id = id;
        this.startLsn = startLsn;
    }

    void add(byte[] userKey, long seq, byte kind, byte[] value) {
        byte[] v = value == null ? EMPTY : value;
        map.put(InternalKeys.encode(userKey, seq, kind), v);
        bytes.addAndGet(userKey.length + v.length + ENTRY_OVERHEAD);
        if (seq > maxSeq) {
            maxSeq = seq;
        }
    }

    long bytes() {
        return bytes.get();
    }

    long maxSeq() {
        return maxSeq;
    }

    boolean isEmpty() {
        return map.isEmpty();
    }

    /** The newest entry for the lookup key's user key with a sequence at most the lookup's, or null. */
    TableReader.Found get(byte[] lookup, byte[] userKey) {
        Map.Entry<byte[], byte[]> e = map.ceilingEntry(lookup);
        if (e == null || InternalKeys.compareUserTo(e.getKey(), userKey) != 0) {
            return null;
        }
        return new TableReader.Found(InternalKeys.kind(e.getKey()), e.getValue());
    }

    EntryIterator iterator(byte[] start, boolean forward) {
        NavigableMap<byte[], byte[]> view;
        if (forward) {
            view = start == null ? map : map.tailMap(start, true);
        } else {
            view = start == null ? map.descendingMap() : map.headMap(start, true).descendingMap();
        }
        Iterator<Map.Entry<byte[], byte[]>> it = view.entrySet().iterator();
        return new EntryIterator() {
            private Map.Entry<byte[], byte[]> current = it.hasNext() ? it.next() : null;

            @Override
            public boolean valid() {
                return current != null;
            }

            @Override
            public byte[] key() {
                return current.getKey();
            }

            @Override
            public byte[] value() {
                return current.getValue();
            }

            @Override
            public void next() {
                current = it.hasNext() ? it.next() : null;
            }
        };
    }
}
