package io.shaledb.sql.exec;

import io.shaledb.sql.exec.access.AccessChooser;
import io.shaledb.sql.exec.access.AccessPath;
import io.shaledb.sql.exec.access.TableEstimate;
import io.shaledb.sql.exec.join.JoinPath;
import io.shaledb.sql.exec.join.JoinSearch;
import io.shaledb.sql.exec.join.JoinSettings;
import io.shaledb.sql.exec.join.MergeJoin;
import io.shaledb.sql.exec.op.Join;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.Sort;
import io.shaledb.sql.plan.Cost;
import io.shaledb.sql.plan.CostModel;
import io.shaledb.sql.plan.Selectivity;
import io.shaledb.sql.stats.ColumnEstimates;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The join order and methods of one group of inner-joined inputs ({@link JoinPlanner.Group}): the
 * executor's side of {@link io.shaledb.sql.exec.join.JoinSearch}. It describes the group's members
 * to the search (each member's rows and cost with the filters placed on it, the selectivity of each
 * condition over several members, what an index probe of a stored table would cost) and turns the
 * path the search found into operators.
 *
 * <pre>
 *   members + conditions ──► Inputs / Clauses ──► JoinSearch.best() ──► JoinPath ──► operators
 *                                                                       Base  → the member's plan
 *                                                                       HASH  → Join (keys, inner hashed)
 *                                                                       NEST_LOOP → Join (no keys)
 *                                                                       INDEX_NEST_LOOP → IndexNestLoop
 *                                                                       MERGE → MergeJoin over two Sorts
 * </pre>
 *
 * The conditions the joins apply are removed from {@code pending}; what is left (none, normally)
 * the caller filters on top.
 */
final class JoinOrder {
    /** PostgreSQL's default rows of a relation it knows nothing about (a function, a subquery here). */
    private static final double UNKNOWN_ROWS = 1000;

    private final JoinPlanner planner;
    private final List<JoinPlanner.Node> members;
    private final List<BitSet> memberSlots;
    private final List<List<Bound>> pushed;
    private final List<Bound> pending;
    private final int width;
    private final CostModel model = CostModel.current();
    private final Map<Integer, Cost> bases = new HashMap<>();
    private final Map<String, JoinPlanner.Probe> probes = new HashMap<>();
    private final List<JoinSearch.Clause> clauses = new ArrayList<>();
    /** Each stored table's statistics, looked up once per group. */
    private final Map<JoinPlanner.Leaf, TableEstimate> estimates = new java.util.IdentityHashMap<>();

    JoinOrder(JoinPlanner planner, List<JoinPlanner.Node> members, List<BitSet> memberSlots, List<List<Bound>> pushed,
              List<Bound> pending, int width) {
        this.planner = planner;
        this.members = members;
        this.memberSlots = memberSlots;
        this.pushed = pushed;
        this.pending = pending;
        this.width = width;
    }

    /** Searches the cheapest join tree and builds it; removes the conditions it applied from {@code pending}. */
    Operator plan() {
        for (Bound c : pending) {
            clauses.add(clause(c));
        }
        JoinSearch.Inputs inputs = new JoinSearch.Inputs() {
            @Override
            public int count() {
                return members.size();
            }

            @Override
            public Cost base(int rel) {
                return bases.computeIfAbsent(rel, r -> baseCost(members.get(r), pushed.get(r), r));
            }

            @Override
            public Cost probe(int rel, List<Integer> clauseIndexes) {
                String key = rel + ":" + clauseIndexes;
                if (!probes.containsKey(key)) {
                    probes.put(key, prepareProbe(rel, clauseIndexes)); // null too: no index applies
                }
                JoinPlanner.Probe p = probes.get(key);
                if (p == null) {
                    return null;
                }
                var ix = (AccessPath.IndexScan) p.scan().path();
                return new Cost(0, ix.cost(), CostModel.clampRows(ix.rows()), Math.max(1, memberSlots.get(rel).cardinality() * 8));
            }
        };
        JoinPath best = new JoinSearch(inputs, clauses, model, JoinSettings.current()).best();
        List<Bound> applied = new ArrayList<>();
        Operator op = build(best, applied);
        pending.removeIf(c -> applied.stream().anyMatch(a -> a == c));
        return op;
    }

    // ------------------------------------------------------------------ describing the inputs

    /** The join search's view of one condition over several members. */
    private JoinSearch.Clause clause(Bound c) {
        BitSet rels = rels(planner.slotsOf(c));
        if (c instanceof Bound.Compare cmp && cmp.op().equals("=")) {
            BitSet a = SlotUse.of(cmp.left());
            BitSet b = SlotUse.of(cmp.right());
            if (a != null && b != null && !a.isEmpty() && !b.isEmpty()) {
                BitSet la = rels(a);
                BitSet rb = rels(b);
                if (!la.intersects(rb)) {
                    double nl = distinct(cmp.left(), la);
                    double nr = distinct(cmp.right(), rb);
                    return new JoinSearch.Clause(rels, la, rb, cmp.left() instanceof Bound.Slot,
                            cmp.right() instanceof Bound.Slot, mergeable(cmp.left().type(), cmp.right().type()), nl, nr,
                            1.0 / Math.max(nl, nr));
                }
            }
        }
        return new JoinSearch.Clause(rels, null, null, false, false, false, 0, 0, model.selectivity().of(c));
    }

    /** The members whose slots {@code slots} touches. */
    private BitSet rels(BitSet slots) {
        BitSet r = new BitSet();
        for (int i = 0; i < memberSlots.size(); i++) {
            if (slots != null && slots.intersects(memberSlots.get(i))) {
                r.set(i);
            }
        }
        return r;
    }

    /**
     * The distinct values of one side of an equality (PostgreSQL's get_variable_numdistinct): a
     * stored table's column from its statistics (every row for a one-column primary key), else
     * PostgreSQL's default of 200.
     */
    private double distinct(Bound side, BitSet rels) {
        if (side instanceof Bound.Slot s && rels.cardinality() == 1
                && members.get(rels.nextSetBit(0)) instanceof JoinPlanner.Leaf leaf && leaf.scan() != null) {
            int column = s.index() - leaf.offset();
            var table = leaf.table();
            TableEstimate e = estimate(leaf);
            double tuples = Math.max(e.size().tuples(), 1);
            if (table.primaryKeyLength() == 1 && !table.hasHiddenRowId() && table.primaryKeyColumn(0) == column) {
                return tuples;
            }
            ColumnEstimates c = e.column().apply(column);
            return c == null ? Math.min(Selectivity.NUM_DISTINCT, tuples) : Math.max(c.distinct(), 1);
        }
        return Selectivity.NUM_DISTINCT;
    }

    private TableEstimate estimate(JoinPlanner.Leaf leaf) {
        return estimates.computeIfAbsent(leaf, l -> l.scan().estimate());
    }

    /** Whether values of these types order exactly as their equality matches (so a merge join may walk them). */
    private static boolean mergeable(SqlType a, SqlType b) {
        boolean integral = (a == SqlType.SMALLINT || a == SqlType.INTEGER || a == SqlType.BIGINT)
                && (b == SqlType.SMALLINT || b == SqlType.INTEGER || b == SqlType.BIGINT);
        boolean text = (a == SqlType.TEXT || a == SqlType.VARCHAR) && (b == SqlType.TEXT || b == SqlType.VARCHAR);
        boolean same = a == b && switch (a) {
            case BOOLEAN, DATE, TIMESTAMP, TIMESTAMPTZ, NUMERIC, UUID -> true;
            default -> false;
        };
        return integral || text || same;
    }

    /** Reading one member alone with its filters: a stored table's chosen access path, else a guess. */
    private Cost baseCost(JoinPlanner.Node member, List<Bound> filters, int rel) {
        int w = Math.max(1, memberSlots.get(rel).cardinality() * 8);
        if (member instanceof JoinPlanner.Leaf leaf && leaf.scan() != null) {
            ScanOperator trial = leaf.scan(); // assemble() chooses again with the same arguments: remembered
            trial.choose(filters, leaf.offset(), planner.usedBy(leaf), List.of(), -1);
            if (trial.pointLookup()) {
                double c = model.randomPageCost() * 2 + model.cpuIndexTupleCost() + model.cpuTupleCost();
                return new Cost(0, c, 1, w);
            }
            TableEstimate e = estimate(leaf);
            double rows = CostModel.clampRows(AccessChooser.estimateRows(e, leaf.table().columns().size(), filters, leaf.offset()));
            if (trial.path() instanceof AccessPath.IndexScan ix) {
                return new Cost(0, ix.cost(), CostModel.clampRows(ix.rows()), w);
            }
            double tuples = Math.max(e.size().tuples(), 1);
            double cost = model.seqPageCost() * Math.max(e.size().pages(), 1)
                    + (model.cpuTupleCost() + filters.size() * model.cpuOperatorCost()) * tuples;
            return new Cost(0, cost, rows, w);
        }
        if (member instanceof JoinPlanner.Leaf) {
            return new Cost(0, UNKNOWN_ROWS * model.cpuTupleCost(), UNKNOWN_ROWS, w);
        }
        return new Cost(0, UNKNOWN_ROWS * model.cpuTupleCost() * 2, UNKNOWN_ROWS, w); // an outer join kept as written
    }

    /** The parameterized scan of member {@code rel} by the inner sides of {@code clauseIndexes}, or null when no index applies. */
    private JoinPlanner.Probe prepareProbe(int rel, List<Integer> clauseIndexes) {
        BitSet inner = memberSlots.get(rel);
        BitSet outer = new BitSet();
        outer.set(0, width);
        outer.andNot(inner);
        List<Bound> conds = clauseIndexes.stream().map(pending::get).toList();
        return planner.probe(members.get(rel), pushed.get(rel), outer, inner, conds);
    }

    /** The clauses of join {@code j} its index nested loop seeks by (as {@link JoinSearch} chose them). */
    private List<Integer> params(JoinPath.Join j) {
        List<Integer> params = new ArrayList<>();
        for (int i : j.clauses()) {
            JoinSearch.Clause c = clauses.get(i);
            if (!c.equi()) {
                continue;
            }
            boolean forward = within(c.left(), j.outer().rels()) && within(c.right(), j.inner().rels());
            boolean backward = within(c.left(), j.inner().rels()) && within(c.right(), j.outer().rels());
            if (forward ? c.rightColumn() : backward && c.leftColumn()) {
                params.add(i);
            }
        }
        return params;
    }

    private static boolean within(BitSet s, BitSet of) {
        return JoinPlanner.within(s, of);
    }

    // ------------------------------------------------------------------ building the operators

    private BitSet slots(BitSet rels) {
        BitSet s = new BitSet();
        for (int r = rels.nextSetBit(0); r >= 0; r = rels.nextSetBit(r + 1)) {
            s.or(memberSlots.get(r));
        }
        return s;
    }

    private Operator build(JoinPath path, List<Bound> applied) {
        if (path instanceof JoinPath.Base b) {
            return planner.assemble(members.get(b.rel()), pushed.get(b.rel()), width);
        }
        JoinPath.Join j = (JoinPath.Join) path;
        List<Bound> conds = j.clauses().stream().map(pending::get).toList();
        applied.addAll(conds);
        BitSet ls = slots(j.outer().rels());
        BitSet rs = slots(j.inner().rels());
        Operator outer = build(j.outer(), applied);
        Operator op = null;
        if (j.method() == JoinPath.Method.INDEX_NEST_LOOP && j.inner() instanceof JoinPath.Base b) {
            JoinPlanner.Probe probe = probes.get(b.rel() + ":" + params(j));
            if (probe != null) {
                op = planner.indexNestLoop(outer, probe, pushed.get(b.rel()), rs, conds, width);
            }
        }
        if (op == null) {
            Operator inner = build(j.inner(), applied);
            op = switch (j.method()) {
                case MERGE -> mergeJoin(outer, inner, ls, rs, conds);
                case NEST_LOOP -> planner.join(Join.Kind.INNER, outer, inner, ls, rs, conds, false);
                default -> planner.join(Join.Kind.INNER, outer, inner, ls, rs, conds, true);
            };
        }
        planner.hooks.estimate(op, j.cost());
        return op;
    }

    /** Both inputs sorted on the mergeable equalities, merged; the other conditions checked per pair. */
    private Operator mergeJoin(Operator outer, Operator inner, BitSet ls, BitSet rs, List<Bound> conds) {
        List<Bound> lk = new ArrayList<>();
        List<Bound> rk = new ArrayList<>();
        List<Bound> keyConds = new ArrayList<>();
        Bound residual = null;
        for (Bound c : conds) {
            Bound[] keys = planner.equiKeys(c, ls, rs);
            if (keys != null && mergeable(keys[0].type(), keys[1].type())) {
                lk.add(keys[0]);
                rk.add(keys[1]);
                keyConds.add(new Bound.Compare("=", keys[0], keys[1]));
            } else {
                residual = residual == null ? c : new Bound.And(residual, c);
            }
        }
        if (lk.isEmpty()) {
            return planner.join(Join.Kind.INNER, outer, inner, ls, rs, conds, true);
        }
        Operator l = sorted(outer, lk);
        Operator r = sorted(inner, rk);
        MergeJoin m = new MergeJoin(l, r, lk, rk, residual, rs.stream().toArray(), planner.tick);
        return planner.hooks.mergeJoin(m, l, r, keyConds, residual, planner.namer);
    }

    private Operator sorted(Operator input, List<Bound> keys) {
        Comparator<Object[]> cmp = (a, b) -> {
            for (Bound k : keys) {
                int c = SelectExecutor.compareNullable(k.eval(a), k.eval(b), false, false);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        Sort sort = new Sort(input, cmp, io.shaledb.sql.exec.spill.WorkMem.current(), null, planner.tick);
        return planner.hooks.sort(sort, input, keys.stream().map(k -> new PlanHooks.SortKey(k, false, false)).toList(),
                planner.namer);
    }
}
