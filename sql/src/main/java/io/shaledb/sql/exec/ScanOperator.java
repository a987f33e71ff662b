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
        for (Bound f : filters) {
            if (f instanceof Bound.Compare c && c.op().equals("=")) {
                Bound l = rebase(c.left(), offset);
                Bound r = rebase(c.right(), offset);
                if (l != null && r != null) {
                    Bound eq = new Bound.Compare("=", l, r);
                    narrow = narrow == null ? eq : new Bound.And(narrow, eq);
                }
            }
        }
        pin = narrow;
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
