package io.shaledb.bench.engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The compared stores, by the names used in JMH parameters, command lines and reports. */
public enum StoreKind {
    SHALEDB_BTREE("shaledb-btree",
            "WAL sync OFF: each put appends a WAL record (cell-level page changes; a page's first change after a checkpoint logs its full image), acknowledged at once; the log is synced every 200 ms",
            "WAL sync SYNC: each put acknowledged once its WAL record is fdatasync'ed (group commit)"),
    H2_MVSTORE("h2-mvstore",
            "MVStore auto-commit, default 1 s delay: a background thread writes a chunk about once a second",
            "auto-commit off; commit() + sync() (force(true)) after every put"),
    SQLITE("sqlite",
            "journal_mode=WAL, synchronous=OFF: each put an auto-committed transaction, never synced",
            "journal_mode=WAL, synchronous=FULL: the WAL is synced at every commit");

    private final String label;
    private final String relaxedNote;
    private final String durableNote;

    StoreKind(String label, String relaxedNote, String durableNote) {
        this.label = label;
        this.relaxedNote = relaxedNote;
        this.durableNote = durableNote;
    }

    public String label() {
        return label;
    }

    /** What a put does in this store at {@code durability}; for reports and docs. */
    public String durabilityNote(Durability durability) {
        return durability == Durability.DURABLE ? durableNote : relaxedNote;
    }

    /**
     * Opens the store in {@code dir} (an empty directory) with a page cache of about
     * {@code cacheBytes}.
     */
    public KvStore open(Path dir, Durability durability, long cacheBytes) {
        return switch (this) {
            case SHALEDB_BTREE -> new ShaleBTreeStore(dir, durability, cacheBytes);
            case H2_MVSTORE -> new MvStoreStore(dir, durability, cacheBytes);
            case SQLITE -> new SqliteStore(dir, durability, cacheBytes);
        };
    }

    public static StoreKind parse(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (StoreKind k : values()) {
            if (k.label.equals(l)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown store '" + label + "'; one of " + labels());
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(StoreKind::label).toList();
    }
}
