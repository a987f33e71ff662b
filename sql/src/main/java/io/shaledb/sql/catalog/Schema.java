package io.shaledb.sql.catalog;

/**
 * A schema (PostgreSQL's namespace): a catalog object of its own key kind, so its name never
 * collides with a relation's. {@code public} is built in and always exists; {@code pg_catalog}
 * is reserved (the system views).
 */
public record Schema(int id, String name) {
    public static final String PUBLIC = "public";
    public static final String PG_CATALOG = "pg_catalog";
}
