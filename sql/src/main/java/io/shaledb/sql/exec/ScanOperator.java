package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.util.List;

/**
 * The visible rows of a stored table through the statement's transaction ({@code [columns...,
 * xmin, xmax]}). When the filters pushed onto this table pin its whole primary key to constants
 * ({@link PointLookup}), it reads that one key instead of scanning: faster, and a SERIALIZABLE
 * transaction records one key as read rather than the table. A value of an enclosing query's row
 * counts as a constant (it is fixed while the scan runs), so {@code (SELECT ... FROM u WHERE u.id =
 * t.x)} reads one key per outer row.
 */
final class ScanOperator implements Operator {
    private final Executor executor;
    private final Transaction tx;
    private final Table table;
    private Bound pin;
    /** The filters (over the FROM layout) that make up {@link #pin}, for EXPLAIN's Index Cond. */
    private final java.util.List<Bound> pinSources = new java.util.ArrayList<>();
    private VersionScan scan;
    private Version single;
    private boolean singleDone;

    ScanOperator(Executor executor, Transaction tx, Table table) {
        this.executor = executor;
        this.tx = tx;
        this.table = table;
    }

    /** Offers the filters placed on this table (bound over the FROM layout at {@code offset}) for a key lookup. */
    void pinWith(List<Bound> filters, int offset) {
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
        scan = tx.scan(rel, KeyRange.prefix(rel.keyPrefix()), Direction.FORWARD);
    }

    @Override
    public Object[] next() {
        if (scan == null) {
            if (singleDone || single == null) {
                return null;
            }
            singleDone = true;
            return Executor.decode(table, single);
        }
        if (!scan.next()) {
            return null;
        }
        return Executor.decode(table, scan.current());
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
        single = null;
    }
}
