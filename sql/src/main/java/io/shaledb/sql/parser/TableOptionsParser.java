package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.Locale;
import java.util.Map;

/**
 * The physical-storage clauses PostgreSQL allows around {@code CREATE TABLE}, which tools such as
 * {@code pgbench -i} emit and ShaleDB accepts without effect:
 *
 * <pre>
 *   CREATE [UNLOGGED] TABLE t (...) [USING engine] [WITH (fillfactor = 100, ...)] [TABLESPACE pg_default]
 *   ... PRIMARY KEY (cols) [WITH (fillfactor = 90)] [USING INDEX TABLESPACE pg_default]      (and UNIQUE)
 * </pre>
 *
 * <p>{@code UNLOGGED} is accepted and the table stays logged (crash-safe): stricter than asked, never
 * weaker. Storage parameters are checked as PostgreSQL checks them (an unknown name is 22023
 * "unrecognized parameter", {@code fillfactor} must lie in 10..100) and then ignored: the B+Tree
 * and LSM engines have no heap pages to leave room in. The only tablespace is {@code pg_default}.
 */
final class TableOptionsParser {

    /** PostgreSQL's table storage parameters, each with its integer bounds (or null: any value). */
    private static final Map<String, int[]> PARAMETERS = Map.ofEntries(
            Map.entry("fillfactor", new int[] {10, 100}),
            Map.entry("toast_tuple_target", new int[] {128, 8160}),
            Map.entry("parallel_workers", new int[] {0, 1024}),
            Map.entry("autovacuum_enabled", new int[0]),
            Map.entry("vacuum_index_cleanup", new int[0]),
            Map.entry("vacuum_truncate", new int[0]),
            Map.entry("user_catalog_table", new int[0]),
            Map.entry("log_autovacuum_min_duration", new int[0]),
            Map.entry("autovacuum_vacuum_threshold", new int[0]),
            Map.entry("autovacuum_vacuum_scale_factor", new int[0]),
            Map.entry("autovacuum_vacuum_insert_threshold", new int[0]),
            Map.entry("autovacuum_vacuum_insert_scale_factor", new int[0]),
            Map.entry("autovacuum_analyze_threshold", new int[0]),
            Map.entry("autovacuum_analyze_scale_factor", new int[0]),
            Map.entry("autovacuum_vacuum_cost_delay", new int[0]),
            Map.entry("autovacuum_vacuum_cost_limit", new int[0]),
            Map.entry("autovacuum_freeze_min_age", new int[0]),
            Map.entry("autovacuum_freeze_max_age", new int[0]),
            Map.entry("autovacuum_freeze_table_age", new int[0]),
            Map.entry("autovacuum_multixact_freeze_min_age", new int[0]),
            Map.entry("autovacuum_multixact_freeze_max_age", new int[0]),
            Map.entry("autovacuum_multixact_freeze_table_age", new int[0]));

    /** A B-tree index's storage parameters (of a PRIMARY KEY or UNIQUE constraint's index). */
    private static final Map<String, int[]> INDEX_PARAMETERS = Map.of(
            "fillfactor", new int[] {10, 100},
            "deduplicate_items", new int[0]);

    private TableOptionsParser() {}

    /** Consumes {@code UNLOGGED} before {@code TABLE}, when present. */
    static void acceptUnlogged(TokenCursor p) {
        if (p.peek().isWord("unlogged") && p.peek(1).isWord("table")) {
            p.next();
        }
    }

    /** Consumes {@code WITH (name [= value], ...)} and {@code TABLESPACE name} after the column list. */
    static void acceptStorageClauses(TokenCursor p) {
        Token t = p.peek();
        if ((t.isWord("partition") && p.peek(1).isWord("by")) || t.isWord("inherits")) {
            // pgbench -i --partitions: declarative partitioning and inheritance are not implemented
            throw TokenCursor.unsupported(t, (t.isWord("inherits") ? "INHERITS" : "PARTITION BY") + " is not supported yet");
        }
        acceptParameters(p, PARAMETERS);
        if (p.peek().isWord("tablespace")) {
            p.next();
            tablespace(p);
        }
    }

    /**
     * Consumes what may follow a PRIMARY KEY or UNIQUE constraint's column list:
     * {@code [WITH (fillfactor = n, ...)] [USING INDEX TABLESPACE name]} ({@code pgbench -i --index-tablespace}).
     */
    static void acceptIndexClauses(TokenCursor p) {
        acceptParameters(p, INDEX_PARAMETERS);
        if (p.peek().isWord("using") && p.peek(1).isWord("index") && p.peek(2).isWord("tablespace")) {
            p.next();
            p.next();
            p.next();
            tablespace(p);
        }
    }

    private static void acceptParameters(TokenCursor p, Map<String, int[]> known) {
        if (p.peek().isWord("with") && p.peek(1).isSymbol("(")) {
            p.next();
            p.next();
            do {
                parameter(p, known);
            } while (p.acceptSymbol(","));
            p.expectSymbol(")");
        }
    }

    /** The name after TABLESPACE: only {@code pg_default} exists. */
    private static void tablespace(TokenCursor p) {
        Token name = p.next();
        if (name.kind() != TokenKind.WORD && name.kind() != TokenKind.QUOTED_IDENT) {
            throw p.syntaxError(name);
        }
        if (!name.text().equals("pg_default")) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "tablespace \"" + name.text() + "\" does not exist");
        }
    }

    private static void parameter(TokenCursor p, Map<String, int[]> known) {
        Token nameToken = p.next();
        if (nameToken.kind() != TokenKind.WORD && nameToken.kind() != TokenKind.QUOTED_IDENT) {
            throw p.syntaxError(nameToken);
        }
        String name = nameToken.text().toLowerCase(Locale.ROOT);
        String value = null;
        if (p.acceptSymbol("=")) {
            Token v = p.next();
            boolean negative = v.isSymbol("-");
            if (negative) {
                v = p.next();
            }
            if (v.kind() != TokenKind.WORD && v.kind() != TokenKind.STRING && v.kind() != TokenKind.INTEGER
                    && v.kind() != TokenKind.DECIMAL) {
                throw p.syntaxError(v);
            }
            value = (negative ? "-" : "") + v.text();
        }
        int[] bounds = known.get(name);
        if (bounds == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
        }
        if (bounds.length == 2) {
            checkInteger(name, value, bounds[0], bounds[1]);
        }
    }

    private static void checkInteger(String name, String value, int min, int max) {
        if (value == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + name + "\" requires a numeric value");
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for integer option \"" + name + "\": " + value);
        }
        if (n < min || n > max) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "value " + value + " out of bounds for option \""
                    + name + "\"", 0, "Valid values are between \"" + min + "\" and \"" + max + "\".", null, null);
        }
    }
}
