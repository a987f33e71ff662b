package io.shaledb.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's WATCHed keys (Redis's optimistic lock for MULTI/EXEC). The watch turns
 * <em>dirty</em> when any committed command — of any client, this one included, the active
 * expirer and FLUSHDB too — changes one of its keys; EXEC then refuses to run.
 *
 * <p>As in Redis, a key that had already expired (but was not yet deleted) when it was watched is
 * "stale": deleting it later is no logical change and does not dirty the watch; writing it does.
 * A key that was live when watched and has expired by EXEC time fails EXEC even if nobody deleted
 * it yet ({@link KvStore#watchHolds}).
 */
public final class KvWatch {
    /** One watched key; {@code stale}: it existed but had expired when it was watched. */
    static final class Entry {
        final int db;
        final byte[] key;
        volatile boolean stale;

        Entry(int db, byte[] key, boolean stale) {
            this.db = db;
            this.key = key;
            this.stale = stale;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private volatile boolean dirty;

    KvWatch() {}

    /** Whether a watched key changed since it was watched. */
    public boolean dirty() {
        return dirty;
    }

    /** Whether any key is watched. */
    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The watched keys of database {@code db} and every other, as (db, key) pairs. */
    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized void add(Entry e) {
        entries.add(e);
    }

    synchronized void clearEntries() {
        entries.clear();
    }

    void markDirty() {
        dirty = true;
    }

    void resetDirty() {
        dirty = false;
    }
}
