package io.shaledb.kv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SCAN's cursors. Redis cursors are numbers; ours name the last key a scan returned, kept here
 * (the most recent {@link #CAPACITY}), so the next call resumes after it in key order: every key
 * present for the whole iteration is returned exactly once. An unknown or forgotten cursor ends
 * the iteration (an empty page with cursor 0), which Redis allows for a cursor it did not issue.
 */
final class ScanCursors {
    static final int CAPACITY = 65_536;

    private long next = 1;
    private final LinkedHashMap<Long, byte[]> positions = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A new cursor resuming after {@code lastKey}. */
    synchronized long issue(byte[] lastKey) {
        long id = next++;
        if (next > Long.MAX_VALUE / 2) {
            next = 1;
        }
        positions.put(id, lastKey);
        return id;
    }

    /** The key cursor {@code id} resumes after, or null when it is unknown. */
    synchronized byte[] resume(long id) {
        return positions.remove(id);
    }
}
