package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.parser.Parser;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TEMPORARY enforcement of UNIQUE indexes until issue 7 maintains index data: one statement's
 * writes to a table are checked against the table's other visible rows (scanned once per
 * statement and index, into a hash set of keys) and against each other. Rows with a NULL key
 * column, and rows outside a partial index's WHERE, never conflict. Not safe against concurrent
 * writers of the same key in two open transactions (a real index's key lock is needed for that).
 */
final class UniqueChecks {
    private record Check(Index index, int[] columns, Bound predicate, Set<List<Object>> seen) {}

    private final Table table;
    private final List<Check> checks = new ArrayList<>();

    private UniqueChecks(Table table) {
        this.table = table;
    }

    /** The unique indexes of {@code table} for one statement of {@code tx} (empty when it has none). */
    static UniqueChecks of(Catalog catalog, Transaction tx, Table table) {
        UniqueChecks u = new UniqueChecks(table);
        for (Index i : catalog.indexes(tx, table.id())) {
            if (i.unique()) {
                u.checks.add(new Check(i, columns(table, i), predicate(table, i), null));
            }
        }
        return u;
    }

    boolean isEmpty() {
        return checks.isEmpty();
    }

    static int[] columns(Table table, Index i) {
        return i.columns().stream().mapToInt(k -> table.columnIndex(k.column())).toArray();
    }

    static Bound predicate(Table table, Index i) {
        if (i.predicate() == null) {
            return null;
        }
        Binder.Scope scope = new Binder.Scope(table, new Statement.TableRef(table.name(), null, 0));
        return new Binder(scope, "index predicate").bindCondition(Parser.parseExpression(i.predicate()), "WHERE");
    }

    /**
     * Checks {@code rows} (new row values) of a statement that replaced the rows under
     * {@code replacedKeys} (empty for INSERT) and records them for the statement's later rows.
     */
    void check(Transaction tx, Relation rel, List<Object[]> rows, Set<ByteBuffer> replacedKeys) {
        for (int c = 0; c < checks.size(); c++) {
            Check check = checks.get(c);
            if (check.seen() == null) {
                check = new Check(check.index(), check.columns(), check.predicate(), existing(tx, rel, check, replacedKeys));
                checks.set(c, check);
            }
            for (Object[] row : rows) {
                List<Object> key = key(check, row);
                if (key != null && !check.seen().add(key)) {
                    throw new SqlException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                            + io.shaledb.sql.catalog.Catalog.bareName(check.index().name()) + "\"", 0, "Key " + describe(table, check, key) + " already exists.", null, null);
                }
            }
        }
    }

    /** The keys of the visible rows, except the ones this statement replaces. */
    private Set<List<Object>> existing(Transaction tx, Relation rel, Check check, Set<ByteBuffer> replacedKeys) {
        Set<List<Object>> keys = new HashSet<>();
        try (VersionScan s = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                if (replacedKeys.contains(ByteBuffer.wrap(s.current().userKey()))) {
                    continue;
                }
                List<Object> key = key(check, Executor.decode(table, s.current()));
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** The index key of {@code row}, or null when the row cannot conflict (a NULL, or outside the predicate). */
    private static List<Object> key(Check check, Object[] row) {
        Object[] key = new Object[check.columns().length];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[check.columns()[i]];
            if (key[i] == null) {
                return null;
            }
        }
        if (check.predicate() != null && !Boolean.TRUE.equals(check.predicate().eval(Arrays.copyOf(row, row.length + Executor.SYSTEM_COLUMNS)))) {
            return null;
        }
        return Arrays.asList(key);
    }

    /** {@code (a, b)=(1, x)} as in PostgreSQL's detail. */
    static String describe(Table table, Index index, int[] columns, List<Object> key) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            cols.append(i > 0 ? ", " : "").append(index.columns().get(i).column());
            vals.append(i > 0 ? ", " : "").append(table.column(columns[i]).type().toText(key.get(i)));
        }
        return "(" + cols + ")=(" + vals + ")";
    }

    private static String describe(Table table, Check check, List<Object> key) {
        return describe(table, check.index(), check.columns(), key);
    }
}
