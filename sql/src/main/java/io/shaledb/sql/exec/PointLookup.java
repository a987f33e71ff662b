package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises a WHERE clause that pins every primary-key column to a constant
 * ({@code WHERE id = 42 AND ...}), so the statement reads one row by key instead of scanning the
 * table. Besides speed this matters for isolation: a SERIALIZABLE transaction then records one
 * key as read, not the whole table, and conflicts only with writers of that row.
 *
 * <p>Deliberately narrow (the cost-based planner comes later): only {@code column = constant}
 * conjuncts on integer, bigint, text and boolean key columns with no conversion on the column
 * side. The full WHERE clause is still evaluated on the row found.
 */
final class PointLookup {
    private static final Object[] NO_ROW = new Object[0];

    private PointLookup() {}

    /** The user key of the single row {@code where} can match in {@code table}, or null to scan. */
    static byte[] key(Table table, Bound where) {
        if (where == null || table.hasHiddenRowId() || table.id() < 0) {
            return null;
        }
        Object[] row = new Object[table.columns().size()];
        boolean[] pinned = new boolean[row.length];
        List<Bound> conjuncts = new ArrayList<>();
        flatten(where, conjuncts);
        for (Bound b : conjuncts) {
            if (b instanceof Bound.Compare c && c.op().equals("=")) {
                pin(table, c.left(), c.right(), row, pinned);
                pin(table, c.right(), c.left(), row, pinned);
            }
        }
        for (int i = 0; i < table.primaryKeyLength(); i++) {
            if (!pinned[table.primaryKeyColumn(i)]) {
                return null;
            }
        }
        return RowCodec.encodeKey(table, row, 0);
    }

    private static void flatten(Bound b, List<Bound> out) {
        if (b instanceof Bound.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else {
            out.add(b);
        }
    }

    private static void pin(Table table, Bound column, Bound constant, Object[] row, boolean[] pinned) {
        if (!(column instanceof Bound.Slot s) || s.index() >= row.length || !table.isPrimaryKeyColumn(s.index())) {
            return;
        }
        Object v = constantValue(constant);
        SqlType t = table.column(s.index()).type();
        boolean fits = switch (t) {
            case INTEGER, BIGINT -> v instanceof Integer || v instanceof Long;
            case TEXT, VARCHAR -> v instanceof String;
            case BOOLEAN -> v instanceof Boolean;
            // a Slot compared unconverted meets a constant of its own type (Binder converts to the common type)
            case SMALLINT -> v instanceof Short;
            case NUMERIC -> v instanceof java.math.BigDecimal;
            case DATE -> v instanceof Integer;
            case TIME, TIMESTAMP, TIMESTAMPTZ -> v instanceof Long;
            case UUID -> v instanceof java.util.UUID;
            case BYTEA -> v instanceof io.shaledb.sql.types.Bytea;
            default -> false;
        };
        if (fits) {
            row[s.index()] = v;
            pinned[s.index()] = true;
        }
    }

    /** The value of a constant expression, or null when {@code b} is not a plain constant. */
    private static Object constantValue(Bound b) {
        return switch (b) {
            case Bound.Const c -> c.value();
            case Bound.Negate n when n.operand() instanceof Bound.Const -> n.eval(NO_ROW);
            case Bound.Convert c when c.operand() instanceof Bound.Const -> c.eval(NO_ROW);
            default -> null;
        };
    }
}
