package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.parser.Parser;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.rows.IndexEntries;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link io.shaledb.sql.constraint} needs from the executor — binding a CHECK expression,
 * a table's transactional relation, decoding rows, a column's default, PostgreSQL's row text —
 * exposed without widening the executor's package-private classes.
 */
public final class ConstraintAccess {
    private final Executor executor;

    public ConstraintAccess(Executor executor) {
        this.executor = executor;
    }

    public Catalog catalog() {
        return executor.catalog();
    }

    /** The transactional view of {@code table}'s rows. */
    public Relation relation(Table table) {
        return executor.relation(table);
    }

    /** The table's columns of version {@code v} (without system columns' values being meaningful to callers). */
    public Object[] decode(Table table, Version v) {
        return Arrays.copyOf(Executor.decode(table, v), table.columns().size());
    }

    /**
     * Binds the CHECK expression {@code sql} over {@code table}'s columns: 42703 for an unknown
     * column, 42804 when it is not boolean ("argument of CHECK must be type boolean, not type ...").
     */
    public static Bound bindCheck(Table table, String sql) {
        Binder.Scope scope = new Binder.Scope(table, new Statement.TableRef(table.name(), null, 0));
        Bound b = new Binder(scope, "check constraints").bind(Parser.parseExpression(sql));
        if (b.type() != SqlType.BOOLEAN && b.type() != SqlType.UNKNOWN) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "argument of CHECK must be type boolean, not type " + b.type().sqlName());
        }
        return b;
    }

    /** Evaluates a bound CHECK over a row of its table's columns: TRUE, FALSE or null. */
    public static Object evalCheck(Bound check, Object[] row) {
        return check.eval(Arrays.copyOf(row, row.length + Executor.SYSTEM_COLUMNS));
    }

    /** The value {@code column}'s DEFAULT gives now (null without one): ON DELETE SET DEFAULT. */
    public static Object defaultValue(Column column) {
        Bound b = ColumnDefaults.bind(column);
        return b == null ? null : b.eval(new Object[0]);
    }

    /**
     * The versions {@code tx} sees of {@code table}'s rows that an index says have {@code columns}
     * equal to {@code key} (values of those columns' types, none NULL), read through an index
     * whose leading key columns are exactly {@code columns}; null when no index can serve (the
     * caller scans). The caller re-checks the rows' values.
     */
    public List<Version> findByIndex(Transaction tx, Table table, List<String> columns, Object[] key) {
        for (Index i : catalog().indexes(tx, table.id())) {
            if (!i.hasStorage() || !i.valid() || i.predicate() != null || i.columns().size() < columns.size()
                    || !tx.sees(i.createXid())) {
                continue;
            }
            Object[] values = new Object[columns.size()];
            boolean usable = true;
            for (int k = 0; k < values.length && usable; k++) {
                Index.Key ik = i.columns().get(k);
                int at = ik.isExpression() ? -1 : columns.indexOf(ik.column());
                usable = at >= 0;
                values[k] = usable ? key[at] : null;
            }
            if (!usable) {
                continue;
            }
            IndexMaintainer.IndexKey bound = executor.indexKey(table, i);
            byte[] prefix = IndexEntries.prefixKey(i.storageId(), bound.keyColumns(), bound.orders(), values, values.length);
            Relation heap = executor.relation(table);
            List<Version> out = new ArrayList<>();
            Set<ByteBuffer> seen = new HashSet<>();
            try (VersionScan s = tx.scan(executor.relation(table, i), KeyRange.prefix(prefix), Direction.FORWARD)) {
                while (s.next()) {
                    byte[] rowKey = bound.rowKey(s.current().payload());
                    if (seen.add(ByteBuffer.wrap(rowKey))) {
                        Version v = tx.get(heap, rowKey);
                        if (v != null) {
                            out.add(v);
                        }
                    }
                }
            }
            return out;
        }
        return null;
    }

    /** A row as PostgreSQL prints it in "Failing row contains (...)". */
    public static String rowText(Table table, Object[] row) {
        return Executor.rowText(table, row);
    }
}
