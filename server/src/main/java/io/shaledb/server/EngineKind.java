package io.shaledb.server;

import io.shaledb.common.fs.FileSystem;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.storage.lsm.LsmEngine;
import io.shaledb.storage.lsm.LsmOptions;
import io.shaledb.storage.memory.MemoryEngine;
import java.nio.file.Path;

/**
 * The storage engines a server can run on, by the name SQL uses in {@code CREATE TABLE ... USING
 * name}, and where each keeps its files in the data directory.
 */
public enum EngineKind {
    /** The paged B+Tree with its write-ahead log: durable. The default, and home of the catalog. */
    BTREE("btree"),
    /** The log-structured merge tree with its write-ahead log: durable, built for writes. */
    LSM("lsm"),
    /** A skiplist in memory: nothing survives a restart. For tests and experiments. */
    MEMORY("memory");

    private final String sqlName;

    EngineKind(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The name in {@code USING name} and in the catalog. */
    public String sqlName() {
        return sqlName;
    }

    /** The engine's subdirectory of the data directory. */
    public Path directory(Path dataDir) {
        return dataDir.resolve(sqlName);
    }

    public boolean durable() {
        return this != MEMORY;
    }

    StorageEngine open(FileSystem fs, Path dataDir, ServerConfig config) {
        return switch (this) {
            case BTREE -> BTreeEngine.open(fs, directory(dataDir), BTreeOptions.defaults());
            case LSM -> LsmEngine.open(fs, directory(dataDir), LsmOptions.defaults().withMemtableSize(config.lsmMemtableBytes()));
            case MEMORY -> new MemoryEngine();
        };
    }
}
