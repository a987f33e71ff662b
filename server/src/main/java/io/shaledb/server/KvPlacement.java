package io.shaledb.server;

import io.shaledb.kv.KvKeys;
import io.shaledb.sql.Engines;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the engine that holds the Redis-protocol keys ({@code --kv-engine}). A data directory's
 * keys stay in the engine that first held them: the engines are asked whether they hold any kv
 * key (one seek each), and a start naming another engine is refused instead of serving an empty
 * keyspace over the real one. Without {@code --kv-engine} the keys are served from wherever they
 * are; a new data directory puts them in the B+Tree.
 *
 * <pre>
 *   kv keys found in   --kv-engine omitted   --kv-engine btree   --kv-engine lsm
 *   neither            btree                 btree               lsm
 *   btree              btree                 btree               refused
 *   lsm                lsm                   refused             lsm
 * </pre>
 */
final class KvPlacement {
    private KvPlacement() {}

    /**
     * The kv engine of this start.
     *
     * @throws IllegalArgumentException when {@code requested} contradicts where the keys are, or
     *     names a durable engine on a server that keeps everything in memory
     */
    static StorageEngine choose(Engines engines, EngineKind requested, Path dataDir) {
        if (engines.all().size() == 1) {
            if (requested != null) {
                throw new IllegalArgumentException("--kv-engine " + requested.sqlName()
                        + " needs a durable server: --engine " + engines.defaultName() + " keeps everything in memory");
            }
            return engines.catalogEngine();
        }
        List<EngineKind> holders = new ArrayList<>();
        for (EngineKind kind : List.of(EngineKind.BTREE, EngineKind.LSM)) {
            if (holdsKvKeys(engines.get(kind.sqlName()))) {
                holders.add(kind);
            }
        }
        if (holders.size() > 1) {
            throw new IllegalArgumentException("data directory " + dataDir + " has Redis-protocol keys in both the btree and"
                    + " the lsm engine; it was not written by this version of ShaleDB");
        }
        EngineKind found = holders.isEmpty() ? null : holders.getFirst();
        if (found != null && requested != null && requested != found) {
            throw new IllegalArgumentException("the Redis-protocol keys of data directory " + dataDir + " are in the "
                    + found.sqlName() + " engine: start with --kv-engine " + found.sqlName()
                    + " or without --kv-engine (keys do not move between engines)");
        }
        EngineKind chosen = found != null ? found : requested != null ? requested : EngineKind.BTREE;
        return engines.get(chosen.sqlName());
    }

    private static boolean holdsKvKeys(StorageEngine engine) {
        try (Cursor c = engine.scan(KeyRange.prefix(KvKeys.spacePrefix()), Direction.FORWARD)) {
            return c.next();
        }
    }
}
