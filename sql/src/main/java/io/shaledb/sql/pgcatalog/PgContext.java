package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Table;
import io.shaledb.txn.Transaction;
import java.util.List;

/**
 * What the catalog relations are computed from: the catalog as the statement's transaction sees
 * it, plus what the executor knows that the catalog does not.
 *
 * @param systemRelations every system relation (these and the executor's own system views), for
 *     pg_class and pg_attribute rows of their own
 * @param builtins the built-in scalar functions, for pg_proc
 * @param settings the known parameters, for pg_settings
 * @param defaults a column default's text as {@code pg_get_expr} prints it (table, text as stored)
 * @param memo the statement's memo: what is computed once per statement (the relations, the
 *     functions) and read for every row
 */
public record PgContext(Catalog catalog, Transaction tx, List<Table> systemRelations,
                        java.util.function.Supplier<List<Builtin>> builtins, java.util.function.Supplier<List<Setting>> settings, java.util.function.BiFunction<Table, String, String> defaults,
                        java.util.Map<String, Object> memo) {

    /** A built-in function overload: argument and result type names (SQL or internal spelling); kind f, a or w. */
    public record Builtin(String name, List<String> args, String result, char kind) {}

    /** A run-time parameter: its spelling, value as SHOW prints it, description, and whether SET may change it. */
    public record Setting(String name, String value, String description, boolean readOnly) {}

    /** The database's name (ShaleDB serves one database). */
    public static final String DATABASE = "shaledb";
}
