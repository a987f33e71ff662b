package io.shaledb.sql;

import io.shaledb.storage.StorageEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The storage engines a database can put tables in, by name ({@code "btree"}, {@code "lsm"},
 * {@code "memory"}). One engine holds the catalog; the default engine takes every table created
 * without {@code USING}; {@code CREATE TABLE ... USING name} picks another, and a table's indexes
 * live in its table's engine.
 */
public final class Engines {
    private final String catalogName;
    private final String defaultName;
    private final Map<String, StorageEngine> byName;

    /** Engines whose default engine also holds the catalog. */
    public Engines(String defaultName, Map<String, StorageEngine> engines) {
        this(defaultName, defaultName, engines);
    }

    /**
     * @param catalogName the engine that stores the catalog: it must stay the same for the life of a
     *     data directory, whatever the default for new tables becomes
     * @param defaultName the engine of tables created without {@code USING}
     */
    public Engines(String catalogName, String defaultName, Map<String, StorageEngine> engines) {
        this.catalogName = Objects.requireNonNull(catalogName, "catalogName");
        this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
        this.byName = new LinkedHashMap<>(engines);
        for (String name : new String[] {catalogName, defaultName}) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("engine " + name + " is not among " + byName.keySet());
            }
        }
    }

    /** The engine that stores the catalog. */
    public StorageEngine catalogEngine() {
        return byName.get(catalogName);
    }

    public String catalogName() {
        return catalogName;
    }

    /** A database on one engine. */
    public static Engines single(StorageEngine engine) {
        return new Engines(engine.name(), Map.of(engine.name(), engine));
    }

    /** The engine of tables created without {@code USING}. */
    public StorageEngine defaultEngine() {
        return byName.get(defaultName);
    }

    public String defaultName() {
        return defaultName;
    }

    /** The engine called {@code name}, or null. */
    public StorageEngine get(String name) {
        return byName.get(name);
    }

    /** The engine called {@code name}; unknown names are SQL errors. */
    public StorageEngine forName(String name) {
        StorageEngine e = byName.get(name);
        if (e == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "access method \"" + name + "\" does not exist");
        }
        return e;
    }

    public Map<String, StorageEngine> all() {
        return Map.copyOf(byName);
    }
}
