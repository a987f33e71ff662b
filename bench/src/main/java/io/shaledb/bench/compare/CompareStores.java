package io.shaledb.bench.compare;

import io.shaledb.storage.Cursor;
import java.nio.file.Path;
import java.util.Locale;

/** The stores of the comparison, by name, and helpers their adapters share. */
enum CompareStores {
    SHALEDB_BTREE("shaledb-btree"),
    SHALEDB_LSM("shaledb-lsm"),
    ROCKSDB("rocksdb");

    private final String label;

    CompareStores(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    CompareStore open(Path dir, CompareSettings settings) {
        return switch (this) {
            case SHALEDB_BTREE -> new BTreeCompareStore(dir, settings);
            case SHALEDB_LSM -> new LsmCompareStore(dir, settings);
            case ROCKSDB -> new RocksDbCompareStore(dir, settings);
        };
    }

    /** The store called {@code name} ({@code shaledb-btree}, {@code shaledb-lsm}, {@code rocksdb}). */
    static CompareStores parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (CompareStores s : values()) {
            if (s.label.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown store '" + name + "'; one of shaledb-btree, shaledb-lsm, rocksdb");
    }

    /** Reads up to {@code limit} entries of a cursor, touching each key and value, and closes it. */
    static int drain(Cursor c, int limit) {
        try (c) {
            int n = 0;
            long sum = 0;
            while (n < limit && c.next()) {
                sum += c.key().length + c.value().length;
                n++;
            }
            return sum < 0 ? -1 : n;
        }
    }
}
