package io.shaledb.sql;

import io.shaledb.storage.StorageEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The storage engines a database can put tables in, by name ({@code "btree"}, {@code "lsm"},
 * {@code "memory"}). The default engine holds the catalog and every table created without
 * {@code USING}; {@code CREATE TABLE ... USING name} picks another, and a table's indexes live in
 * its table's engine.
 */
public final class Engines {
    private final String defaultName;
    private final Map<String, StorageEngine> byName;

    public Engines(String defaultName, Map<String, StorageEngine> engines) {
        this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
        this.byName = new LinkedHashMap<>(engines);
        if (!byName.containsKey(defaultName)) {
            throw new IllegalArgumentException("default engine " + defaultName + " is not among " + byName.keySet());
        }
    }

    /** A database on one engine. */
    public static Engines single(StorageEngine engine) {
        return new Engines(engine.name(), Map.of(engine.name(), engine));
    }

    /** The engine that holds the catalog and tables created without {@code USING}. */
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

    /** The engine a table lives in; a table stored without an engine name lives in the default. */
    public StorageEngine forName(String nameOrNull) {
        StorageEngine e = nameOrNull == null ? defaultEngine() : byName.get(nameOrNull);
        if (e == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "access method \"" + nameOrNull + "\" does not exist");
        }
        return e;
    }

    public Map<String, StorageEngine> all() {
        return Map.copyOf(byName);
    }
}
