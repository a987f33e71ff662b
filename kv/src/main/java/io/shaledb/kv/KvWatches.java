package io.shaledb.kv;

import io.shaledb.common.encoding.SortOrder;
import io.shaledb.common.encoding.TupleDecoder;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server-wide registry of WATCHed keys: (db, key) to the watches on it. Commands report the
 * keys they changed only while some key is watched ({@link #collector()} is null otherwise, so the
 * write path pays nothing), and only after their transaction committed ({@link #publish}).
 *
 * <pre>
 *   WATCH k ─ stripe lock of k ─ register (k -> watch) ─ note "stale"?      (under the same lock
 *   SET k   ─ stripe lock of k ─ write ─ commit ─ publish {k: exists}  ─┘  as writers of k, so a
 *                                                  └─> watch.dirty = true     writer either ran
 *                                                                             before or reports)
 * </pre>
 */
final class KvWatches {
    private record Slot(int db, ByteBuffer key) {}

    private final ConcurrentHashMap<Slot, Set<KvWatch>> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger watched = new AtomicInteger();

    /** A command's record of the keys it changed: key -> whether it exists afterwards. */
    static final class Touches {
        private final Map<Slot, Boolean> keys = new LinkedHashMap<>();

        /** Notes a write of core key {@code core} (metadata, sub-key or score-index entry). */
        void note(byte[] core, boolean isMeta, boolean existsAfter) {
            if (core.length < 3 || core[0] != KvKeys.SPACE) {
                return;
            }
            byte kind = core[1];
            if (kind != KvKeys.META && kind != KvKeys.SUB && kind != KvKeys.SCORE) {
                return; // the expiry index
            }
            Slot s = new Slot(core[2] & 0xFF, ByteBuffer.wrap(new TupleDecoder(core, 3).readBytes(SortOrder.ASC)));
            if (isMeta) {
                keys.put(s, existsAfter);
            } else {
                keys.putIfAbsent(s, true);
            }
        }
    }

    /** A collector for one command (or one EXEC), or null when nothing is watched. */
    Touches collector() {
        return watched.get() == 0 ? null : new Touches();
    }

    /** Registers {@code key} of {@code db} for {@code w}; the caller holds the key's stripe lock. */
    void register(KvWatch w, int db, byte[] key, boolean stale) {
        Slot s = new Slot(db, ByteBuffer.wrap(key.clone()));
        w.add(new KvWatch.Entry(db, key.clone(), stale));
        byKey.computeIfAbsent(s, x -> ConcurrentHashMap.newKeySet()).add(w);
        watched.incrementAndGet();
    }

    /** UNWATCH (and EXEC, DISCARD, disconnect): forgets every key of {@code w} and its dirty mark. */
    void unregister(KvWatch w) {
        for (KvWatch.Entry e : w.entries()) {
            Slot s = new Slot(e.db, ByteBuffer.wrap(e.key));
            byKey.computeIfPresent(s, (k, set) -> {
                set.remove(w);
                return set.isEmpty() ? null : set;
            });
            watched.decrementAndGet();
        }
        w.clearEntries();
        w.resetDirty();
    }

    /** Marks the watches of every key in {@code t} dirty, as Redis's touchWatchedKey does. */
    void publish(Touches t) {
        if (t == null) {
            return;
        }
        for (Map.Entry<Slot, Boolean> e : t.keys.entrySet()) {
            Set<KvWatch> watches = byKey.get(e.getKey());
            if (watches == null) {
                continue;
            }
            for (KvWatch w : watches) {
                for (KvWatch.Entry entry : w.entries()) {
                    if (entry.db != e.getKey().db() || !ByteBuffer.wrap(entry.key).equals(e.getKey().key())) {
                        continue;
                    }
                    if (entry.stale && !e.getValue()) {
                        entry.stale = false; // an expired key got deleted: no logical change
                    } else {
                        w.markDirty();
                    }
                }
            }
        }
    }

    /** For tests: how many (watch, key) registrations exist. */
    int size() {
        return watched.get();
    }

    static List<byte[]> keysOf(KvWatch w) {
        return w.entries().stream().map(e -> e.key).toList();
    }
}
