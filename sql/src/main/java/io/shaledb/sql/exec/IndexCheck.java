package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.Transaction;
import java.util.List;

/**
 * {@code shale_index_check('index')}: verifies, in the calling statement's snapshot, that an
 * index holds exactly the entries its table's visible rows call for — no entry missing, none
 * extra, every payload right — and returns how many it checked; a mismatch is XX002
 * {@code index "…" is inconsistent with table "…"} with the first difference in the DETAIL.
 * PostgreSQL's amcheck ({@code bt_index_check}) plays this part there. Crash and concurrency
 * tests use it through the front door.
 *
 * <pre>
 *   table scan ──► expected entries {key → payload}   (IndexRangeCheck.expected)
 *   index scan ──► actual entries   {key → payload}   (IndexRangeCheck.actual)   equal?  ──► count  |  XX002
 * </pre>
 */
final class IndexCheck {
    static final String NAME = "shale_index_check";

    private IndexCheck() {}

    static Bound bind(Expr.FunctionCall f, List<Bound> args, QueryPlanner planner) {
        if (args.size() != 1 || !(args.getFirst().type().isString() || args.getFirst().type() == SqlType.UNKNOWN) || planner == null) {
            throw Binder.noFunction(f, args.stream().map(Bound::type).toList());
        }
        Executor executor = planner.executor();
        return new Bound.Volatile(NAME, args, SqlType.BIGINT, v -> check(executor, StatementContext.transaction(), (String) v[0]));
    }

    static long check(Executor executor, Transaction tx, String written) {
        Catalog catalog = executor.catalog();
        Index index = catalog.index(tx, catalog.resolve(tx, written));
        if (index == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "index \"" + written + "\" does not exist");
        }
        Table table = catalog.tableById(tx, index.tableId());
        if (!index.hasStorage()) {
            return 0;
        }
        IndexMaintainer.IndexKey key = executor.indexKey(table, index);
        java.util.TreeMap<byte[], byte[]> actual = IndexRangeCheck.actual(tx, key);
        List<String> problems = new java.util.ArrayList<>();
        IndexRangeCheck.compare(IndexRangeCheck.expected(executor, tx, key), actual, "index", problems);
        if (!problems.isEmpty()) {
            throw inconsistent(index, table, problems.getFirst());
        }
        return actual.size();
    }

    private static SqlException inconsistent(Index index, Table table, String detail) {
        return new SqlException(SqlState.INDEX_CORRUPTED, "index \"" + Catalog.bareName(index.name()) + "\" is inconsistent with table \""
                + Catalog.bareName(table.name()) + "\"", 0, detail + ".", null, null);
    }
}
