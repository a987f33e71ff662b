package io.shaledb.sql.exec.scan;

import io.shaledb.sql.exec.Bound;
import java.util.ArrayList;
import java.util.List;

/**
 * The leading filters of a table scan that can be tested on a partly decoded row: the scan decodes
 * only the columns they read, tests them, and decodes the rest of the row only when they all hold
 * (late materialization). A filtered scan of a big table then builds the strings and numerics of
 * the few rows it keeps, not of every row it reads.
 *
 * <p>The filters stay above the scan as well (the plan and EXPLAIN do not change, and the rows
 * that pass are tested again, which is cheap). That is only right for filters whose evaluation
 * has no effect, so a filter qualifies when it is built from the table's columns, constants and
 * the pure operators below (no function calls: a user function could raise a notice or write);
 * and only the leading run of such filters is taken, in their order, so a row meets exactly the
 * filters (and the errors) it would meet above the scan.
 */
public final class EarlyFilter {
    private final Bound[] conditions;
    private final boolean[] columns;

    private EarlyFilter(Bound[] conditions, boolean[] columns) {
        this.conditions = conditions;
        this.columns = columns;
    }

    /**
     * The early filter of a scan whose table has {@code columnCount} columns starting at slot
     * {@code offset} of the layout {@code filters} were bound over; null when no filter qualifies.
     */
    public static EarlyFilter of(List<Bound> filters, int offset, int columnCount) {
        List<Bound> taken = new ArrayList<>();
        boolean[] columns = new boolean[columnCount];
        for (Bound f : filters) {
            Bound rebased = rebase(f, offset, columnCount, columns);
            if (rebased == null) {
                break;
            }
            taken.add(rebased);
        }
        return taken.isEmpty() ? null : new EarlyFilter(taken.toArray(Bound[]::new), columns);
    }

    /** The table's columns the filters read: those to decode before {@link #test}. */
    public boolean[] columns() {
        return columns;
    }

    /** Whether every filter is true on {@code row} (whose {@link #columns} are decoded). */
    public boolean test(Object[] row) {
        for (Bound c : conditions) {
            if (!Boolean.TRUE.equals(c.eval(row))) {
                return false;
            }
        }
        return true;
    }

    /** {@code b} over the table's own row (marking the columns it reads), or null when it does not qualify. */
    private static Bound rebase(Bound b, int offset, int columnCount, boolean[] read) {
        return switch (b) {
            case Bound.Slot s when s.index() >= offset && s.index() < offset + columnCount -> {
                read[s.index() - offset] = true;
                yield offset == 0 ? s : new Bound.Slot(s.index() - offset, s.type(), s.tableOid(), s.attnum());
            }
            case Bound.Const c -> c;
            case Bound.Compare c -> both(c.left(), c.right(), offset, columnCount, read,
                    (l, r) -> new Bound.Compare(c.op(), l, r));
            case Bound.And a -> both(a.left(), a.right(), offset, columnCount, read, Bound.And::new);
            case Bound.Or o -> both(o.left(), o.right(), offset, columnCount, read, Bound.Or::new);
            case Bound.Not n -> {
                Bound x = rebase(n.operand(), offset, columnCount, read);
                yield x == null ? null : new Bound.Not(x);
            }
            case Bound.IsNull n -> {
                Bound x = rebase(n.operand(), offset, columnCount, read);
                yield x == null ? null : new Bound.IsNull(x, n.negated());
            }
            case Bound.Negate n -> {
                Bound x = rebase(n.operand(), offset, columnCount, read);
                yield x == null ? null : new Bound.Negate(x, n.type());
            }
            case Bound.Convert c -> {
                Bound x = rebase(c.operand(), offset, columnCount, read);
                yield x == null ? null : new Bound.Convert(x, c.from(), c.type(), c.maxLength(), c.assignment());
            }
            case Bound.BinaryOp o -> both(o.left(), o.right(), offset, columnCount, read,
                    (l, r) -> new Bound.BinaryOp(o.op(), l, r, o.type(), o.fn()));
            case Bound.Concat c -> both(c.left(), c.right(), offset, columnCount, read, Bound.Concat::new);
            default -> null;
        };
    }

    private static Bound both(Bound left, Bound right, int offset, int columnCount, boolean[] read,
                              java.util.function.BinaryOperator<Bound> make) {
        Bound l = rebase(left, offset, columnCount, read);
        Bound r = l == null ? null : rebase(right, offset, columnCount, read);
        return r == null ? null : make.apply(l, r);
    }
}
