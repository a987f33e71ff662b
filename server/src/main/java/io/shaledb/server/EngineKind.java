package io.shaledb.server;

import io.shaledb.storage.StorageEngine;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.storage.memory.MemoryEngine;
import java.nio.file.Path;

/** The storage engines a server can run on, and where each keeps its files in the data directory. */
public enum EngineKind {
    /** The paged B+Tree with its write-ahead log: durable. The default. */
    BTREE("btree"),
    /** A skiplist in memory: nothing survives a restart. For tests and experiments. */
    MEMORY("memory");

    private final String dirName;

    EngineKind(String dirName) {
        this.dirName = dirName;
    }

    /** The engine's subdirectory of the data directory. */
    public Path directory(Path dataDir) {
        return dataDir.resolve(dirName);
    }

    public boolean durable() {
        return this != MEMORY;
    }

    StorageEngine open(FileSystem fs, Path dataDir) {
        return switch (this) {
            case BTREE -> BTreeEngine.open(fs, directory(dataDir), BTreeOptions.defaults());
            case MEMORY -> new MemoryEngine();
        };
    }
}
