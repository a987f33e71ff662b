package io.shaledb.sql.catalog;

import io.shaledb.sql.rows.Keys;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.sql.Engines;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of one database, kept in memory and persisted in the engine under the catalog key
 * space (see {@link Keys}), so a new {@link io.shaledb.sql.SqlDatabase} on the same engine finds
 * them again.
 *
 * <p>Changes are two-phase so that they are atomic with the statement's other writes: the
 * {@code write...} methods only add operations to the statement's {@link WriteBatch}; once the
 * engine applied the batch, the executor calls {@code install...} to update the in-memory view.
 * Callers serialize DDL (the database-level write lock); lookups may run concurrently.
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Views views = new Views();
    private int nextTableId = 1;

    private Catalog() {}

    /** Reads every table descriptor from the catalog engine of {@code engines}. */
    public static Catalog load(Engines engines) {
        StorageEngine engine = engines.catalogEngine();
        Catalog catalog = new Catalog();
        try (Cursor c = engine.scan(KeyRange.prefix(Keys.catalogTablesPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                Table t = CatalogCodec.decodeTable(c.value(), engines.catalogName());
                catalog.tables.put(t.name(), t);
                catalog.nextTableId = Math.max(catalog.nextTableId, t.id() + 1);
            }
        }
        catalog.views.load(engine);
        byte[] meta = engine.get(Keys.catalogMetaKey());
        if (meta != null) {
            catalog.nextTableId = Math.max(catalog.nextTableId, ByteBuffer.wrap(meta, 1, 4).getInt());
        }
        for (Table t : catalog.tables.values()) {
            if (t.hasHiddenRowId()) {
                try (Cursor c = engines.forName(t.engine()).scan(KeyRange.prefix(Keys.tablePrefix(t.id())), Direction.BACKWARD)) {
                    if (c.next()) {
                        t.observeRowId(RowCodec.decodeRowId(c.key()));
                    }
                }
            }
        }
        if (!catalog.tables.isEmpty()) {
            LOG.info("loaded catalog: {} table(s) from {} engine", catalog.tables.size(), engine.name());
        }
        return catalog;
    }

    /** The table called {@code name}, or null. */
    public Table table(String name) {
        return tables.get(name);
    }

    /** The views (stored query definitions) of this database. */
    public Views views() {
        return views;
    }

    /** All tables, ordered by name. */
    public List<Table> tables() {
        List<Table> all = new ArrayList<>(tables.values());
        all.sort(Comparator.comparing(Table::name));
        return all;
    }

    /** A new table definition with a fresh id; nothing is stored until {@link #writeCreate}. */
    public synchronized Table define(String name, List<Column> columns, int[] primaryKey, String engine) {
        return new Table(nextTableId++, name, columns, primaryKey, engine);
    }

    /** Adds the operations that persist {@code table} to {@code batch}. */
    public synchronized void writeCreate(Table table, WriteBatch batch) {
        batch.put(Keys.catalogTableKey(table.id()), CatalogCodec.encodeTable(table));
        batch.put(Keys.catalogMetaKey(), ByteBuffer.allocate(5).put((byte) 1).putInt(nextTableId).array());
    }

    /** Adds the operation that removes {@code table}'s descriptor to {@code batch}. */
    public void writeDrop(Table table, WriteBatch batch) {
        batch.delete(Keys.catalogTableKey(table.id()));
    }

    /** Adds the deletion of every row of {@code table}, read from its engine, to {@code batch}. */
    public static void writeDeleteRows(Table table, StorageEngine engine, WriteBatch batch) {
        try (Cursor c = engine.scan(KeyRange.prefix(Keys.tablePrefix(table.id())), Direction.FORWARD)) {
            while (c.next()) {
                batch.delete(c.key());
            }
        }
    }

    public void installCreated(Table table) {
        tables.put(table.name(), table);
    }

    public void installDropped(Table table) {
        tables.remove(table.name(), table);
    }
}
