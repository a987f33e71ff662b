package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Index;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.access.AccessChooser;
import io.shaledb.sql.exec.access.AccessPath;
import io.shaledb.sql.exec.access.IndexCandidate;
import io.shaledb.sql.exec.access.ScanRequest;
import io.shaledb.sql.exec.access.TableEstimate;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The executor's side of access-path choice ({@link io.shaledb.sql.exec.access}): which indexes
 * a statement may read, what the statistics say about a table, which expressions are fixed during a scan.
 *
 * <p>An index is a candidate only when it has entries, is valid (not a CREATE INDEX CONCURRENTLY
 * in progress or failed) and was built by a transaction the statement's snapshot sees: a
 * snapshot older than the build may see rows whose entries the build never wrote (PostgreSQL's
 * {@code indcheckxmin}).
 */
final class AccessPlanning {
    /**
     * When a test sets this thread's list, each choice is appended to it as
     * {@code "Index Scan using i on t"}, {@code "Index Only Scan using i on t"} or {@code "Seq Scan on t"}
     * (a stand-in for EXPLAIN in the planner's own tests).
     */
    static final ThreadLocal<List<String>> TRACE = new ThreadLocal<>();

    private AccessPlanning() {}

    /** The indexes of {@code table} the statement may read. */
    static List<IndexCandidate> candidates(Executor executor, Transaction tx, Table table) {
        List<IndexCandidate> out = new ArrayList<>();
        if (table.id() < 0) {
            return out;
        }
        for (Index i : executor.catalog().indexes(tx, table.id())) {
            if (!i.hasStorage() || !i.valid() || (i.createXid() != 0 && !tx.sees(i.createXid()))) {
                continue;
            }
            IndexMaintainer.IndexKey k = executor.indexKey(table, i);
            int n = k.keyColumns().length;
            int[] stored = new int[k.storedColumns().length];
            System.arraycopy(k.keySlots(), 0, stored, 0, n);
            System.arraycopy(k.includeSlots(), 0, stored, n, k.includeSlots().length);
            out.add(new IndexCandidate(i, k.keyColumns(), k.orders(), k.keySlots(), k.keyExprs(), k.predicate(),
                    k.storedColumns(), stored, false));
        }
        if (!table.hasHiddenRowId()) {
            out.add(primary(table));
        }
        return out;
    }

    /**
     * The table's rows as an index on its primary key: their keys are the same order-preserving
     * tuple ({@code RowCodec.encodeKey}) an index entry's key is, in the table's key space.
     */
    private static IndexCandidate primary(Table table) {
        int n = table.primaryKeyLength();
        io.shaledb.sql.catalog.Column[] cols = new io.shaledb.sql.catalog.Column[n];
        io.shaledb.common.encoding.SortOrder[] orders = new io.shaledb.common.encoding.SortOrder[n];
        int[] slots = new int[n];
        List<Index.Key> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots[i] = table.primaryKeyColumn(i);
            cols[i] = table.column(slots[i]);
            orders[i] = io.shaledb.common.encoding.SortOrder.ASC;
            keys.add(new Index.Key(cols[i].name(), false, false));
        }
        Index pkey = new Index(-1, table.primaryKeyName(), table.id(), true, "btree", keys, null, table.storageId(), List.of(),
                true, 0);
        return new IndexCandidate(pkey, cols, orders, slots, new Bound[n], null, new io.shaledb.sql.catalog.Column[0],
                new int[0], true);
    }

    /**
     * What the planner assumes about {@code table} as {@code tx} sees it: its size and its
     * columns' estimates from the statistics ({@link io.shaledb.sql.stats.Statistics#size},
     * {@link io.shaledb.sql.stats.Statistics#column}; PostgreSQL's defaults when never analyzed).
     */
    static TableEstimate estimate(Executor executor, Transaction tx, Table table) {
        io.shaledb.sql.stats.Statistics stats = executor.statistics();
        return new TableEstimate(stats.size(tx, table), c -> stats.column(tx, table, table.column(c).name()));
    }

    /** Whether {@code b} has one value for the whole of a scan: no column of this level, subquery or volatile function. */
    static boolean constant(Bound b) {
        BitSet s = SlotUse.of(b);
        return s != null && s.isEmpty() && !isVolatile(b);
    }

    private static boolean isVolatile(Object o) {
        switch (o) {
            case Bound.Volatile v -> {
                return true;
            }
            case Bound.Call c when !Functions.isImmutable(c.name()) -> {
                return true;
            }
            case Correlation.OuterRef r -> {
                return false;
            }
            case Bound b when b.getClass().isRecord() -> {
                for (java.lang.reflect.Method c : io.shaledb.sql.exec.reuse.RecordAccessors.of(b.getClass())) {
                    try {
                        if (isVolatile(c.invoke(b))) {
                            return true;
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c + " of " + b.getClass(), e);
                    }
                }
                return false;
            }
            case List<?> list -> {
                for (Object x : list) {
                    if (isVolatile(x)) {
                        return true;
                    }
                }
                return false;
            }
            case Bound b -> {
                return true; // an expression node this walk cannot see into
            }
            case null, default -> {
                return false;
            }
        }
    }

    /**
     * The rows a scan of {@code table} with {@code filters} is expected to return (for the join
     * planner's choice of an index nested loop).
     */
    static double estimateRows(Executor executor, Transaction tx, ScanOperator scan, List<Bound> filters) {
        if (scan.pointLookup()) {
            return 1;
        }
        if (scan.path().rows() > 0) {
            return scan.path().rows();
        }
        return AccessChooser.estimateRows(estimate(executor, tx, scan.table()), scan.table().columns().size(), filters,
                scan.offset());
    }

    /**
     * Reads the rows of {@code table} that {@code where} (over the table's own row) may match
     * through an index, when one is cheaper than reading the table: the target rows of a
     * single-table UPDATE, DELETE or SELECT ... FOR UPDATE. Feeds each row with its version until
     * {@code visitor} returns false; returns false without reading anything when the table should
     * be scanned instead. The caller still evaluates {@code where}.
     */
    static boolean scanByIndex(Executor executor, Transaction tx, Table table, Bound where,
                               java.util.function.BiPredicate<io.shaledb.txn.Version, Object[]> visitor) {
        if (where == null || table.id() < 0) {
            return false;
        }
        List<Bound> filters = new ArrayList<>();
        QueryPlanner.flatten(where, filters);
        AccessPath path = choose(executor, tx, table, filters, 0, null, List.of(), -1);
        trace(path, table);
        if (!(path instanceof AccessPath.IndexScan ix) || ix.indexOnly()) {
            return false;
        }
        List<KeyRange> ranges = ix.cond().ranges();
        if (ranges == null) {
            return false;
        }
        Relation heap = executor.relation(table);
        Relation rel = ix.cond().index().primary() ? heap : executor.relation(table, ix.cond().index().index());
        for (KeyRange r : ranges) {
            try (VersionScan s = tx.scan(rel, r, Direction.FORWARD)) {
                while (s.next()) {
                    io.shaledb.txn.Version v = ix.cond().index().primary() ? s.current()
                            : tx.get(heap, io.shaledb.sql.rows.IndexEntries.rowKey(s.current().payload(), table.storageId()));
                    if (v != null && !visitor.test(v, Executor.decode(table, v))) {
                        return true;
                    }
                }
            }
        }
        return true;
    }

    /** The chosen way to read {@code table}, or a sequential scan when no index applies. */
    static AccessPath choose(Executor executor, Transaction tx, Table table, List<Bound> filters, int offset, BitSet used,
                             List<ScanRequest.OrderKey> order, double limit) {
        List<IndexCandidate> candidates = candidates(executor, tx, table);
        AccessPath path = new AccessPath.SeqScan(0, 0);
        if (!candidates.isEmpty()) {
            ScanRequest req = new ScanRequest(table, offset, filters, used, order, limit, AccessPlanning::constant,
                    () -> estimate(executor, tx, table));
            path = AccessChooser.choose(req, candidates);
        }
        return path;
    }

    static void tracePointLookup(Table table) {
        List<String> trace = TRACE.get();
        if (trace != null) {
            trace.add("Index Scan using " + table.primaryKeyName() + " on " + io.shaledb.sql.catalog.Catalog.bareName(table.name()));
        }
    }

    static void trace(AccessPath path, Table table) {
        List<String> trace = TRACE.get();
        if (trace != null) {
            String on = " on " + io.shaledb.sql.catalog.Catalog.bareName(table.name());
            trace.add(path instanceof AccessPath.IndexScan ix
                    ? ix.nodeName() + (ix.backward() ? " Backward" : "") + " using "
                            + io.shaledb.sql.catalog.Catalog.bareName(ix.cond().index().name()) + on
                    : "Seq Scan" + on);
        }
    }
}
