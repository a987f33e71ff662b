package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.SqlType;
import java.util.Set;

/**
 * {@code x COLLATE name}. ShaleDB compares text by code point, which is the order of UTF-8 bytes:
 * PostgreSQL's {@code "C"} (and {@code "POSIX"}, {@code ucs_basic}) collation. The database's
 * default collation is that one too, so every collation ShaleDB accepts orders alike and the
 * clause only checks its name and its operand's type (collatable: the string types and
 * {@code name}), as PostgreSQL does, and returns the operand unchanged.
 *
 * <pre>
 *   'a' COLLATE "C"                   accepted, text order by code point
 *   c.relname COLLATE pg_catalog.default   accepted (psql's \d patterns)
 *   1 COLLATE "C"                     42804 collations are not supported by type integer
 *   'a' COLLATE "de_DE"               42704 collation "de_DE" for encoding "UTF8" does not exist
 * </pre>
 */
final class Collations {
    /** The collations that exist, with and without the pg_catalog qualification. */
    private static final Set<String> KNOWN = Set.of("default", "C", "POSIX", "ucs_basic");

    private Collations() {}

    static Bound bind(Binder binder, Expr.Collate c) {
        String name = c.collation().startsWith("pg_catalog.") ? c.collation().substring("pg_catalog.".length()) : c.collation();
        if (!KNOWN.contains(name)) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "collation \"" + c.collation()
                    + "\" for encoding \"UTF8\" does not exist", c.pos() + 1);
        }
        Bound operand = binder.bind(c.operand());
        SqlType t = operand.type();
        if (t != SqlType.UNKNOWN && !collatable(t)) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "collations are not supported by type " + t.sqlName(),
                    c.pos() + 1);
        }
        return operand;
    }

    private static boolean collatable(SqlType t) {
        SqlType base = t.isArray() ? t.elementType() : t;
        return base.isString();
    }
}
