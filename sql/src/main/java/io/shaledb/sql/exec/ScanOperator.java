package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.access.AccessPath;
import io.shaledb.sql.exec.access.ScanRequest;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.rows.IndexEntries;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.BitSet;
import java.util.List;

/**
 * The visible rows of a stored table through the statement's transaction ({@code [columns...,
 * xmin, xmax]}). When the filters pushed onto this table pin its whole primary key to constants
 * ({@link PointLookup}), it reads that one key instead of scanning: faster, and a SERIALIZABLE
 * transaction records one key as read rather than the table. A value of an enclosing query's row
 * counts as a constant (it is fixed while the scan runs), so {@code (SELECT ... FROM u WHERE u.id =
 * t.x)} reads one key per outer row.
 *
 * <p>Otherwise it reads the way {@link AccessPlanning} chose when the filters were placed: the
 * whole table, or an index's key ranges ({@link io.shaledb.sql.exec.access.IndexCond}), each
 * entry followed to its row (a heap fetch) or, for an index-only scan, turned into the row's
 * columns from the entry's stored values alone. Columns an index-only scan does not store are
 * NULL: the chooser takes that path only when the statement reads none of them.
 */
final class ScanOperator implements io.shaledb.sql.exec.op.FreshRows {
    private final Executor executor;
    private final Transaction tx;
    private final Table table;
    private Bound pin;
    /** The filters (over the FROM layout) that make up {@link #pin}, for EXPLAIN's Index Cond. */
    private final java.util.List<Bound> pinSources = new java.util.ArrayList<>();
    private VersionScan scan;
    private Version single;
    private boolean singleDone;
    private AccessPath path = new AccessPath.SeqScan(0, 0);
    private AccessPath.IndexScan index;
    private List<KeyRange> ranges;
    private int nextRange;
    private VersionScan entries;
    private Relation heap;
    private Relation indexRelation;
    private long heapFetches;
    private boolean pointLookup;
    private int offset;
    /** The table's columns the statement reads (null: all): the only ones decoded. */
    private boolean[] wanted;
    /** Leading filters tested on a partly decoded row (null: none); {@link #rest} are the columns decoded after. */
    private io.shaledb.sql.exec.scan.EarlyFilter early;
    private boolean[] rest;
    private long filteredEarly;

    ScanOperator(Executor executor, Transaction tx, Table table) {
        this.executor = executor;
        this.tx = tx;
        this.table = table;
    }

    /** Offers the filters placed on this table (bound over the FROM layout at {@code offset}) for a key lookup. */
    void pinWith(List<Bound> filters, int offset) {
        pinWith(filters, offset, null, List.of(), -1);
    }

    /**
     * Offers the filters for a key lookup and chooses the access path; {@code used} are the
     * table's columns the statement reads (relative to the table, null when unknown), {@code
     * order} the order it wants rows in, {@code limit} how many it takes at most (-1: all).
     */
    void pinWith(List<Bound> filters, int offset, BitSet used, List<ScanRequest.OrderKey> order, double limit) {
        choose(filters, offset, used, order, limit);
        trace();
    }

    /** Chooses the access path as {@link #pinWith} does, without reporting it (a trial the join planner may drop). */
    void choose(List<Bound> filters, int offset, BitSet used, List<ScanRequest.OrderKey> order, double limit) {
        Object[] request = {List.copyOf(filters), offset, used, order, limit};
        if (chosenFor != null && sameRequest(chosenFor, request)) {
            return; // the join planner asked first (for the table's cost); pinWith asks again
        }
        chosenFor = request;
        this.offset = offset;
        this.wanted = wantedColumns(used);
        this.early = io.shaledb.sql.exec.scan.EarlyFilter.of(filters, offset, table.columns().size());
        if (early != null) {
            rest = new boolean[table.columns().size()];
            for (int c = 0; c < rest.length; c++) {
                rest[c] = (wanted == null || wanted[c]) && !early.columns()[c];
            }
        }
        pinFilters(filters, offset);
        pointLookup = pin != null && !readsOuter(pin) && PointLookup.key(table, pin) != null;
        path = pointLookup ? new AccessPath.SeqScan(0, 0) // one key by primary key: nothing is cheaper
                : AccessPlanning.choose(executor, tx, table, filters, offset, used, order, limit);
    }

    /** The arguments of the last {@link #choose}: the same request gets the same path without choosing again. */
    private Object[] chosenFor;

    private static boolean sameRequest(Object[] a, Object[] b) {
        List<?> fa = (List<?>) a[0];
        List<?> fb = (List<?>) b[0];
        if (fa.size() != fb.size()) {
            return false;
        }
        for (int i = 0; i < fa.size(); i++) {
            if (fa.get(i) != fb.get(i)) {
                return false; // the same conjuncts, not merely equal ones
            }
        }
        return java.util.Objects.equals(a[1], b[1]) && java.util.Objects.equals(a[2], b[2]) && java.util.Objects.equals(a[3], b[3])
                && java.util.Objects.equals(a[4], b[4]);
    }

    /** {@code used} (relative to the table, system columns after its columns) as one flag per column; null when unknown or all. */
    private boolean[] wantedColumns(BitSet used) {
        if (used == null) {
            return null;
        }
        int n = table.columns().size();
        boolean[] w = new boolean[n];
        boolean all = true;
        for (int c = 0; c < n; c++) {
            w[c] = used.get(c);
            all &= w[c];
        }
        return all ? null : w;
    }

    /** Reports the chosen path to {@link AccessPlanning#TRACE}. */
    void trace() {
        if (pointLookup) {
            AccessPlanning.tracePointLookup(table);
        } else {
            AccessPlanning.trace(path, table);
        }
    }

    /** Whether the filters pin the whole primary key to constants (one row at most). */
    boolean pointLookup() {
        return pointLookup;
    }

    /** A new scan of the same table, to be planned separately (the inner side of an index nested loop). */
    ScanOperator fresh() {
        return new ScanOperator(executor, tx, table);
    }

    Table table() {
        return table;
    }

    /** Where the table's columns start in the layout the filters were bound over (0 until {@link #choose} ran). */
    int offset() {
        return offset;
    }

    /** What the statistics say about this table: its size and its columns' estimates (for the join planner). */
    io.shaledb.sql.exec.access.TableEstimate estimate() {
        return AccessPlanning.estimate(executor, tx, table);
    }

    /** The rows this scan is expected to return under {@code filters}. */
    double estimateRows(List<Bound> filters) {
        return AccessPlanning.estimateRows(executor, tx, this, filters);
    }

    private static boolean readsOuter(Bound b) {
        return switch (b) {
            case Bound.And a -> readsOuter(a.left()) || readsOuter(a.right());
            case Bound.Compare c -> c.left() instanceof Correlation.OuterRef || c.right() instanceof Correlation.OuterRef;
            default -> false;
        };
    }

    /** The access path chosen (a sequential scan until {@link #pinWith} ran). */
    AccessPath path() {
        return path;
    }

    /** Rows the scan's early filter dropped before they were fully decoded (EXPLAIN ANALYZE adds them to Rows Removed by Filter). */
    long rowsFilteredEarly() {
        return filteredEarly;
    }

    /**
     * The row of {@code v}, or null when the early filter rejects it: then only the filter's
     * columns were decoded.
     */
    private Object[] decode(Version v) {
        if (early == null) {
            return Executor.decode(table, v, wanted);
        }
        Object[] row = Executor.decode(table, v, early.columns());
        if (!early.test(row)) {
            filteredEarly++;
            return null;
        }
        io.shaledb.sql.rows.RowCodec.decodeInto(table, v.userKey(), v.payload(), row, rest);
        return row;
    }

    /** Rows this scan read from the table after finding them in an index (0 for index-only scans). */
    long heapFetches() {
        return heapFetches;
    }

    private void pinFilters(List<Bound> filters, int offset) {
        Bound narrow = null;
        pinSources.clear();
        for (Bound f : filters) {
            if (f instanceof Bound.Compare c && c.op().equals("=")) {
                Bound l = rebase(c.left(), offset);
                Bound r = rebase(c.right(), offset);
                if (l != null && r != null) {
                    Bound eq = new Bound.Compare("=", l, r);
                    narrow = narrow == null ? eq : new Bound.And(narrow, eq);
                    pinSources.add(f);
                }
            }
        }
        pin = narrow;
    }

    /**
     * The filters that pin this table's whole primary key, so that the scan reads one key (EXPLAIN
     * shows it as an Index Scan on the primary key with these as Index Cond); empty when it scans.
     */
    List<Bound> keyConditions() {
        if (pin == null || table.hasHiddenRowId() || table.id() < 0) {
            return List.of();
        }
        if (PointLookup.key(table, placeholders(pin)) == null) {
            return List.of();
        }
        return List.copyOf(pinSources);
    }

    /** {@code b} with outer references replaced by a stand-in value of their type, to check a key's shape at plan time. */
    private static Bound placeholders(Bound b) {
        return switch (b) {
            case Bound.And a -> new Bound.And(placeholders(a.left()), placeholders(a.right()));
            case Bound.Compare c -> new Bound.Compare(c.op(), placeholders(c.left()), placeholders(c.right()));
            case Correlation.OuterRef o -> new Bound.Const(switch (o.type()) {
                case INTEGER, DATE -> 0;
                case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> 0L;
                case SMALLINT -> (short) 0;
                case TEXT, VARCHAR -> "";
                case BOOLEAN -> false;
                case NUMERIC -> java.math.BigDecimal.ZERO;
                case UUID -> new java.util.UUID(0, 0);
                default -> null;
            }, o.type());
            default -> b;
        };
    }

    /** A slot moved from the layout to the table's own row, or a constant; null for anything else. */
    private Bound rebase(Bound b, int offset) {
        return switch (b) {
            case Bound.Slot s when s.index() >= offset && s.index() < offset + table.columns().size() ->
                    new Bound.Slot(s.index() - offset, s.type(), s.tableOid(), s.attnum());
            case Bound.Const c -> c;
            case Bound.Negate n when n.operand() instanceof Bound.Const -> n;
            case Bound.Convert c when c.operand() instanceof Bound.Const -> c;
            case Correlation.OuterRef o -> o; // fixed while this scan runs: read at open
            default -> null;
        };
    }

    /** {@code b} with outer references replaced by their current values, so a correlated lookup can pin its key. */
    private static Bound withOuterValues(Bound b) {
        return switch (b) {
            case null -> null;
            case Bound.And a -> new Bound.And(withOuterValues(a.left()), withOuterValues(a.right()));
            case Bound.Compare c -> new Bound.Compare(c.op(), withOuterValues(c.left()), withOuterValues(c.right()));
            case Correlation.OuterRef o -> new Bound.Const(o.eval(null), o.type());
            default -> b;
        };
    }

    @Override
    public void open() {
        close();
        Relation rel = executor.relation(table);
        byte[] key = PointLookup.key(table, withOuterValues(pin));
        if (key != null) {
            single = tx.get(rel, key);
            singleDone = false;
            return;
        }
        singleDone = true;
        if (path instanceof AccessPath.IndexScan ix && (ranges = ix.cond().ranges()) != null) {
            index = ix;
            heap = rel;
            indexRelation = ix.cond().index().primary() ? rel : executor.relation(table, ix.cond().index().index());
            nextRange = 0;
            return;
        }
        scan = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD);
    }

    /** The next row through the index: entries range after range, in key order (reversed when backward). */
    private Object[] nextFromIndex() {
        while (true) {
            if (entries == null) {
                if (nextRange >= ranges.size()) {
                    return null;
                }
                KeyRange r = ranges.get(index.backward() ? ranges.size() - 1 - nextRange : nextRange);
                nextRange++;
                entries = tx.scan(indexRelation, r, index.backward() ? Direction.BACKWARD : Direction.FORWARD);
            }
            if (!entries.next()) {
                entries.close();
                entries = null;
                continue;
            }
            if (index.cond().index().primary()) {
                return Executor.decode(table, entries.current(), wanted); // the table's own rows, in key order
            }
            byte[] payload = entries.current().payload();
            if (index.indexOnly()) {
                // the entry is visible exactly when its row version is: its stored values are the row's
                var c = index.cond().index();
                Object[] values = IndexEntries.values(payload, c.storedColumns());
                Object[] row = new Object[table.columns().size() + Executor.SYSTEM_COLUMNS];
                for (int i = 0; i < values.length; i++) {
                    if (c.storedSlots()[i] >= 0) {
                        row[c.storedSlots()[i]] = values[i];
                    }
                }
                return row;
            }
            heapFetches++;
            Version v = tx.get(heap, IndexEntries.rowKey(payload, table.storageId()));
            Object[] row = v == null ? null : decode(v);
            if (row != null) {
                return row;
            }
        }
    }

    @Override
    public Object[] next() {
        if (index != null) {
            return nextFromIndex();
        }
        if (scan == null) {
            if (singleDone || single == null) {
                return null;
            }
            singleDone = true;
            return Executor.decode(table, single, wanted);
        }
        while (scan.next()) {
            Object[] row = decode(scan.current());
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
        if (entries != null) {
            entries.close();
            entries = null;
        }
        index = null;
        ranges = null;
        single = null;
    }
}
