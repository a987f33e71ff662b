package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code shale_index_check('index')}: verifies, in the calling statement's snapshot, that an
 * index holds exactly the entries its table's visible rows call for — no entry missing, none
 * extra, every payload right — and returns how many it checked; a mismatch is XX002
 * {@code index "…" is inconsistent with table "…"} with the first difference in the DETAIL.
 * PostgreSQL's amcheck ({@code bt_index_check}) plays this part there. Crash and concurrency
 * tests use it through the front door.
 *
 * <pre>
 *   table scan ──► expected entries {key → payload}
 *   index scan ──► actual entries   {key → payload}        equal?  ──► count  |  XX002
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
        Map<ByteBuffer, ByteBuffer> expected = new HashMap<>();
        Relation heap = executor.relation(table);
        try (VersionScan s = tx.scan(heap, KeyRange.prefix(heap.keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                IndexMaintainer.Entry e = key.entry(Executor.decode(table, s.current()), s.current().userKey());
                if (e != null) {
                    expected.put(ByteBuffer.wrap(e.key()), ByteBuffer.wrap(e.payload()));
                }
            }
        }
        long n = 0;
        Set<ByteBuffer> seen = new HashSet<>();
        try (VersionScan s = tx.scan(key.relation(), KeyRange.prefix(key.relation().keyPrefix()), Direction.FORWARD)) {
            while (s.next()) {
                ByteBuffer k = ByteBuffer.wrap(s.current().userKey());
                ByteBuffer want = expected.get(k);
                if (want == null) {
                    throw inconsistent(index, table, "entry " + hex(k) + " has no row");
                }
                if (!want.equals(ByteBuffer.wrap(s.current().payload()))) {
                    throw inconsistent(index, table, "entry " + hex(k) + " does not match its row");
                }
                seen.add(k);
                n++;
            }
        }
        for (ByteBuffer k : expected.keySet()) {
            if (!seen.contains(k)) {
                throw inconsistent(index, table, "no entry " + hex(k) + " for a visible row");
            }
        }
        return n;
    }

    private static SqlException inconsistent(Index index, Table table, String detail) {
        return new SqlException(SqlState.INDEX_CORRUPTED, "index \"" + Catalog.bareName(index.name()) + "\" is inconsistent with table \""
                + Catalog.bareName(table.name()) + "\"", 0, detail + ".", null, null);
    }

    private static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.of().formatHex(a);
    }
}
