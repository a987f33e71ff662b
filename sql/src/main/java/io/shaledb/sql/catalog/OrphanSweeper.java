package io.shaledb.sql.catalog;

import io.shaledb.sql.Engines;
import io.shaledb.sql.rows.Keys;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Physical removal of row storage no committed catalog entry refers to: the old rows of a
 * dropped or truncated table after commit, the new rows of a rolled-back CREATE or TRUNCATE, and
 * at start-up whatever a crash left between a commit and its reclamation (or rows of a
 * transaction that never committed its CREATE). Deletes bypass MVCC: nobody can reach the keys.
 */
final class OrphanSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);
    private static final int BATCH = 1024;

    private OrphanSweeper() {}

    /** Deletes every key of storage {@code storageId} in {@code engine}; returns how many. */
    static long deleteStorage(StorageEngine engine, int storageId) {
        long n = 0;
        while (true) {
            WriteBatch batch = new WriteBatch();
            int inBatch = 0;
            try (Cursor c = engine.scan(KeyRange.prefix(Keys.tablePrefix(storageId)), Direction.FORWARD)) {
                while (inBatch < BATCH && c.next()) {
                    batch.delete(c.key().clone());
                    inBatch++;
                }
            }
            if (inBatch == 0) {
                return n;
            }
            engine.apply(batch);
            n += inBatch;
        }
    }

    /** Deletes the rows of every storage id in the table key space of each engine that is not in {@code live}. */
    static void sweep(Engines engines, Set<Integer> live) {
        Set<StorageEngine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (StorageEngine engine : engines.all().values()) {
            if (!seen.add(engine)) {
                continue;
            }
            byte[] from = {Keys.TABLE_SPACE};
            byte[] end = {(byte) (Keys.TABLE_SPACE + 1)};
            while (true) {
                int id;
                try (Cursor c = engine.scan(new KeyRange(from, true, end, false), Direction.FORWARD)) {
                    if (!c.next()) {
                        break;
                    }
                    byte[] k = c.key();
                    id = ((k[1] & 0xFF) << 24) | ((k[2] & 0xFF) << 16) | ((k[3] & 0xFF) << 8) | (k[4] & 0xFF);
                }
                if (!live.contains(id)) {
                    long n = deleteStorage(engine, id);
                    LOG.info("reclaimed {} orphaned key(s) of storage {} in engine {}", n, id, engine.name());
                }
                if (id == -1) {
                    break;
                }
                from = Keys.tablePrefix(id + 1);
            }
        }
    }
}
