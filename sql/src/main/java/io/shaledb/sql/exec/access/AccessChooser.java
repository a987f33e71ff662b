package io.shaledb.sql.exec.access;

import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Chooses how to read one table: a sequential scan, or an index scan over one of the candidate
 * indexes, by PostgreSQL's cost formulas ({@link ScanCosts}) and selectivity estimates.
 *
 * <pre>
 *   for each index usable by this snapshot:
 *     partial?      the WHERE conjuncts must imply its predicate           (Implication)
 *     conditions    equalities / IN / IS NULL on leading keys, a range on the next   (IndexCond)
 *     index-only?   every column the statement reads is stored in the entry
 *     order?        the keys after the equality-bound ones match ORDER BY, forward or backward
 *     cost          index pages + entries + heap pages (Mackert-Lohman) + rows;  + a sort if unordered
 *   cheapest wins; with LIMIT an ordered path costs only the fraction of rows it must produce
 * </pre>
 */
public final class AccessChooser {
    private AccessChooser() {}

    /** The cheapest way to read {@code req}'s table through a sequential scan or one of {@code candidates}. */
    public static AccessPath choose(ScanRequest req, List<IndexCandidate> candidates) {
        record Usable(IndexCandidate index, IndexCond cond, boolean only, int direction) {}
        List<Usable> usable = new ArrayList<>();
        for (IndexCandidate c : candidates) {
            if (!Implication.implies(req.filters(), c.predicate(), req.offset(), req.width())) {
                continue;
            }
            IndexCond cond = derive(c, req);
            boolean only = covered(c, req);
            int direction = req.order().isEmpty() ? 0 : ordering(c, cond, req);
            if (cond != null || direction != 0 || only) { // else reading the whole index buys nothing
                usable.add(new Usable(c, cond, only, direction));
            }
        }
        if (usable.isEmpty()) {
            return new AccessPath.SeqScan(0, 0);
        }
        double tuples = Math.max(req.tuples().getAsDouble(), 1);
        int width = rowWidth(req.table().columns());
        double pages = ScanCosts.pages(tuples, width);
        int quals = req.filters().size();
        double rows = Math.max(1, tuples * Estimates.all(req.filters()));
        double sortCost = req.order().isEmpty() ? 0 : ScanCosts.sort(rows);
        double seq = ScanCosts.seqScan(tuples, pages, quals);
        AccessPath best = new AccessPath.SeqScan(seq, rows);
        double bestEffective = effective(seq, sortCost, false, rows, req.limit());
        for (Usable u : usable) {
            IndexCandidate c = u.index();
            IndexCond cond = u.cond();
            double fraction = Estimates.all(Restriction.conjuncts(c.predicate()));
            if (cond != null) {
                fraction *= unique(c, cond) ? 1 / tuples : Estimates.indexConditions(cond);
            }
            // the primary key's "entries" are the rows themselves: no second read per row
            double cost = ScanCosts.indexScan(tuples, pages, fraction, c.primary() ? width : keyWidth(c),
                    cond == null ? 0 : cond.conds().size(), quals, u.only() || c.primary());
            double eff = effective(cost, sortCost, u.direction() != 0, rows, req.limit());
            if (eff < bestEffective) {
                bestEffective = eff;
                best = new AccessPath.IndexScan(cond == null ? full(c) : cond, u.only(), u.direction() < 0,
                        u.direction() != 0, cost, rows, seq);
            }
        }
        return best;
    }

    /** The rows {@code filters} are expected to keep of {@code tuples} (PostgreSQL's default selectivities). */
    public static double estimateRows(double tuples, List<Bound> filters) {
        return Math.max(1, tuples * Estimates.all(filters));
    }

    /** What the path costs the statement: a sort on top when unordered; a prefix of the run when LIMIT stops it early. */
    private static double effective(double cost, double sortCost, boolean ordered, double rows, double limit) {
        if (!ordered) {
            return cost + sortCost;
        }
        return limit >= 0 && limit < rows ? cost * Math.max(limit, 1) / rows : cost;
    }

    /** A scan of all of an index's entries (for its order, or to avoid the heap). */
    private static IndexCond full(IndexCandidate c) {
        return new IndexCond(c, List.of(), null, false, null, false, List.of());
    }

    private static boolean unique(IndexCandidate c, IndexCond cond) {
        return c.index().unique() && !cond.hasRange() && cond.equal().size() == c.keyCount() && cond.singleRange()
                && cond.equal().stream().noneMatch(l -> l.contains(IndexCond.IS_NULL));
    }

    /** The conditions {@code req}'s conjuncts put on {@code c}'s leading keys, or null when none. */
    static IndexCond derive(IndexCandidate c, ScanRequest req) {
        List<List<Bound>> equal = new ArrayList<>();
        List<Bound> conds = new ArrayList<>();
        for (int k = 0; k < c.keyCount(); k++) {
            SqlType type = c.keyColumns()[k].type();
            if (!IndexCond.orderedType(type)) {
                break;
            }
            int key = k;
            Restriction eq = null;
            Restriction lo = null;
            Restriction hi = null;
            for (Bound f : req.filters()) {
                Restriction r = Restriction.of(f, e -> matchesKey(e, c, key, req),
                        b -> IndexCond.comparable(type, b.type()) && req.constant().test(b));
                if (r == null) {
                    continue;
                }
                if (r.equality() && eq == null) {
                    eq = r;
                } else if (r.lower() && lo == null) {
                    lo = r;
                } else if (r.upper() && hi == null) {
                    hi = r;
                }
            }
            if (eq != null) {
                equal.add(List.copyOf(eq.values()));
                conds.add(eq.conjunct());
                continue;
            }
            if (lo != null || hi != null) {
                if (lo != null) {
                    conds.add(lo.conjunct());
                }
                if (hi != null) {
                    conds.add(hi.conjunct());
                }
                return new IndexCond(c, List.copyOf(equal), lo == null ? null : lo.values().getFirst(),
                        lo != null && lo.inclusive(), hi == null ? null : hi.values().getFirst(), hi != null && hi.inclusive(),
                        List.copyOf(conds));
            }
            break;
        }
        return conds.isEmpty() ? null : new IndexCond(c, List.copyOf(equal), null, false, null, false, List.copyOf(conds));
    }

    private static boolean matchesKey(Bound e, IndexCandidate c, int k, ScanRequest req) {
        int slot = c.keySlots()[k];
        if (slot >= 0) {
            return Shapes.column(e, req.offset(), req.table().columns().size()) == slot;
        }
        return Shapes.same(e, c.keyExprs()[k], req.offset());
    }

    /** Whether every column the statement reads of the table is stored in {@code c}'s entries. */
    private static boolean covered(IndexCandidate c, ScanRequest req) {
        BitSet used = req.used();
        if (used == null || c.primary()) {
            return false;
        }
        for (int b = used.nextSetBit(0); b >= 0; b = used.nextSetBit(b + 1)) {
            boolean stored = false;
            for (int s : c.storedSlots()) {
                stored |= s == b;
            }
            if (!stored) {
                return false;
            }
        }
        return true;
    }

    /**
     * 1 when reading {@code c} forward yields the requested order, -1 when reading it backward
     * does, 0 when neither: the ORDER BY keys must be the index keys in sequence, skipping keys
     * an equality pins to one value, all in the index's direction or all opposite (NULL
     * placement included).
     */
    static int ordering(IndexCandidate c, IndexCond cond, ScanRequest req) {
        int direction = 0;
        int k = 0;
        for (ScanRequest.OrderKey o : req.order()) {
            while (true) {
                if (k >= c.keyCount() || !IndexCond.orderedType(c.keyColumns()[k].type())) {
                    return 0;
                }
                boolean pinned = cond != null && k < cond.equal().size() && cond.equal().get(k).size() == 1;
                if (matchesKey(o.expr(), c, k, req)) {
                    if (!pinned) {
                        boolean desc = c.orders()[k].descending();
                        boolean nullsFirst = c.orders()[k].nullsFirst();
                        int d = o.descending() == desc && o.nullsFirst() == nullsFirst ? 1
                                : o.descending() != desc && o.nullsFirst() != nullsFirst ? -1 : 0;
                        if (d == 0 || (direction != 0 && d != direction)) {
                            return 0;
                        }
                        direction = d;
                    }
                    k++;
                    break;
                }
                if (!pinned) {
                    return 0;
                }
                k++;
            }
        }
        return direction == 0 ? 1 : direction;
    }

    private static int rowWidth(List<Column> columns) {
        int w = 0;
        for (Column c : columns) {
            w += typeWidth(c.type());
        }
        return w;
    }

    private static int keyWidth(IndexCandidate c) {
        int w = 0;
        for (Column col : c.storedColumns()) {
            w += typeWidth(col.type());
        }
        return w;
    }

    /** PostgreSQL's average widths: the fixed sizes, 32 bytes for variable-length values. */
    static int typeWidth(SqlType t) {
        return switch (t) {
            case BOOLEAN -> 1;
            case SMALLINT -> 2;
            case INTEGER, DATE, REAL -> 4;
            case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
            case UUID, INTERVAL -> 16;
            default -> 32;
        };
    }
}
