package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.op.Filter;
import io.shaledb.sql.exec.op.Join;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.Place;
import io.shaledb.sql.exec.op.Rows;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Turns a FROM clause's join tree and its conjuncts into operators: places each conjunct on the
 * lowest input that fills its slots and orders inner joins by cost ({@link JoinOrder}; see {@link QueryPlanner}'s
 * essay and {@code docs/architecture/query-engine.md}).
 *
 * <pre>
 *   Group(inputs, conjuncts)      inputs joined by inner joins: reordered
 *   OuterJoin(kind, left, right)  kept where written; ON equalities become hash keys
 *   Leaf(operator, offset)        one relation, placed into its slot range
 * </pre>
 */
final class JoinPlanner {

    /** A FROM clause as planned: its namespace, its join tree, the layout width. */
    static final class From {
        final Namespace ns = new Namespace();
        final List<Node> items = new ArrayList<>();
        final List<Bound> conjuncts = new ArrayList<>();
        int width;
        /** The layout slots read above the joins ({@link ColumnUse}); null: unknown (no index-only scans). */
        BitSet used;
        /** The order the statement wants, offered to a lone table's scan; {@link #ordered} tells whether it delivers it. */
        List<io.shaledb.sql.exec.access.ScanRequest.OrderKey> order = List.of();
        /** Rows the statement takes at most (LIMIT + OFFSET), or -1. */
        double limit = -1;
        /** Set by {@link JoinPlanner#assemble}: the rows come out in {@link #order}, no Sort needed. */
        boolean ordered;
    }

    /** A join-tree node before join ordering. */
    sealed interface Node permits Leaf, Group, OuterJoin {}

    /** One relation: its operator of narrow rows, placed at {@code offset}; {@code table} when it is a stored table. */
    record Leaf(Operator narrow, int offset, int width, Table table, ScanOperator scan) implements Node {}

    /** Inputs joined by inner joins, with their conjuncts. */
    record Group(List<Node> members, List<Bound> conjuncts) implements Node {}

    record OuterJoin(Join.Kind kind, Node left, Node right, List<Bound> conjuncts) implements Node {}

    final Runnable tick;
    /** EXPLAIN's hooks ({@link PlanHooks#NONE} otherwise) and the names of the layout's slots for them. */
    final PlanHooks hooks;
    io.shaledb.sql.exec.explain.Namer namer;
    /** The slots read anywhere in the statement (above the joins and in every conjunct), or null. */
    private BitSet used;
    /** The one table of a single-table FROM clause, which is offered the statement's order and limit. */
    private Leaf single;
    private From planned;

    JoinPlanner(Runnable tick) {
        this(tick, PlanHooks.NONE);
    }

    JoinPlanner(Runnable tick, PlanHooks hooks) {
        this.tick = tick;
        this.hooks = hooks;
    }

    /** The operator producing the FROM clause's rows (full layout) filtered by {@code where}'s conjuncts. */
    Operator assemble(From from, List<Bound> where) {
        namer = hooks.on() ? PlanHooks.namer(from.ns) : null;
        List<Bound> conjuncts = new ArrayList<>(where);
        List<Node> members = new ArrayList<>();
        for (Node n : from.items) {
            if (n instanceof Group g) {
                members.addAll(g.members());
                conjuncts.addAll(g.conjuncts());
            } else {
                members.add(n);
            }
        }
        planned = from;
        single = members.size() == 1 && members.getFirst() instanceof Leaf l && l.scan() != null ? l : null;
        used = from.used == null ? null : (BitSet) from.used.clone();
        if (used != null) {
            List<Bound> all = new ArrayList<>(conjuncts);
            members.forEach(m -> collectConjuncts(m, all));
            BitSet s = ColumnUse.of(all);
            if (s == null) {
                used = null;
            } else {
                used.or(s);
            }
        }
        Operator op = assemble(new Group(members, conjuncts), List.of(), from.width);
        from.ordered = single != null && single.scan().path().ordered();
        return op;
    }

    private static void collectConjuncts(Node n, List<Bound> out) {
        switch (n) {
            case Leaf l -> { }
            case Group g -> {
                out.addAll(g.conjuncts());
                g.members().forEach(m -> collectConjuncts(m, out));
            }
            case OuterJoin oj -> {
                out.addAll(oj.conjuncts());
                collectConjuncts(oj.left(), out);
                collectConjuncts(oj.right(), out);
            }
        }
    }

    /** {@code used} restricted to {@code leaf}'s slots, relative to the leaf. */
    BitSet usedBy(Leaf leaf) {
        if (used == null) {
            return null;
        }
        BitSet r = new BitSet();
        for (int b = used.nextSetBit(leaf.offset()); b >= 0 && b < leaf.offset() + leaf.width(); b = used.nextSetBit(b + 1)) {
            r.set(b - leaf.offset());
        }
        return r;
    }

    Operator assemble(Node node, List<Bound> filters, int width) {
        Operator op = switch (node) {
            case Leaf leaf -> {
                if (leaf.scan() != null) {
                    boolean alone = leaf == single;
                    leaf.scan().pinWith(filters, leaf.offset(), usedBy(leaf), alone ? planned.order : List.of(),
                            alone ? planned.limit : -1);
                    hooks.pinned(leaf.narrow(), leaf.scan(), leaf.table(), leaf.scan().keyConditions(), namer);
                }
                yield hooks.same(new Place(leaf.narrow(), leaf.offset(), width), leaf.narrow());
            }
            case OuterJoin oj -> outerJoin(oj, width);
            case Group g -> group(g, width);
        };
        for (Bound f : filters) {
            op = hooks.filter(new Filter(op, f), op, f, namer);
        }
        return op;
    }

    private Operator outerJoin(OuterJoin oj, int width) {
        BitSet ls = slots(oj.left());
        BitSet rs = slots(oj.right());
        List<Bound> leftFilters = new ArrayList<>();
        List<Bound> rightFilters = new ArrayList<>();
        List<Bound> rest = new ArrayList<>();
        for (Bound c : oj.conjuncts()) {
            BitSet s = SlotUse.of(c);
            if (s != null && !s.isEmpty() && within(s, rs) && oj.kind() == Join.Kind.LEFT) {
                rightFilters.add(c);
            } else if (s != null && !s.isEmpty() && within(s, ls) && oj.kind() == Join.Kind.RIGHT) {
                leftFilters.add(c);
            } else {
                rest.add(c);
            }
        }
        Operator l = assemble(oj.left(), leftFilters, width);
        Operator r = assemble(oj.right(), rightFilters, width);
        return join(oj.kind(), l, r, ls, rs, rest);
    }

    private Operator join(Join.Kind kind, Operator l, Operator r, BitSet ls, BitSet rs, List<Bound> conds) {
        return join(kind, l, r, ls, rs, conds, true);
    }

    /** A {@link Join} of {@code l} and {@code r}; {@code hashKeys} false makes it a nested loop checking every condition per pair. */
    Operator join(Join.Kind kind, Operator l, Operator r, BitSet ls, BitSet rs, List<Bound> conds, boolean hashKeys) {
        List<Bound> lk = new ArrayList<>();
        List<Bound> rk = new ArrayList<>();
        Bound residual = null;
        for (Bound c : conds) {
            Bound[] keys = hashKeys ? equiKeys(c, ls, rs) : null;
            if (keys != null) {
                lk.add(keys[0]);
                rk.add(keys[1]);
            } else {
                residual = residual == null ? c : new Bound.And(residual, c);
            }
        }
        if (kind == Join.Kind.FULL && residual != null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
        }
        Join j = new Join(kind, l, r, lk, rk, residual, rs.stream().toArray(), tick);
        return hooks.join(j, kind, l, r, lk, rk, residual, namer);
    }

    /** {left key, right key} when {@code c} is {@code l = r} with each side over one input, else null. */
    Bound[] equiKeys(Bound c, BitSet ls, BitSet rs) {
        if (!(c instanceof Bound.Compare cmp) || !cmp.op().equals("=")) {
            return null;
        }
        BitSet a = slotsOf(cmp.left());
        BitSet b = slotsOf(cmp.right());
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return null;
        }
        if (within(a, ls) && within(b, rs)) {
            return new Bound[] {cmp.left(), cmp.right()};
        }
        if (within(a, rs) && within(b, ls)) {
            return new Bound[] {cmp.right(), cmp.left()};
        }
        return null;
    }

    /** Slot sets of conjuncts, computed once per conjunct (join ordering asks many times). */
    private final Map<Bound, BitSet> slotCache = new java.util.IdentityHashMap<>();

    BitSet slotsOf(Bound c) {
        if (slotCache.containsKey(c)) {
            return slotCache.get(c);
        }
        BitSet s = SlotUse.of(c);
        slotCache.put(c, s);
        return s;
    }

    private Operator group(Group g, int width) {
        int n = g.members().size();
        List<BitSet> memberSlots = new ArrayList<>();
        List<List<Bound>> pushed = new ArrayList<>();
        for (Node m : g.members()) {
            memberSlots.add(slots(m));
            pushed.add(new ArrayList<>());
        }
        List<Bound> pending = new ArrayList<>();
        List<Bound> top = new ArrayList<>();
        for (Bound c : g.conjuncts()) {
            BitSet s = slotsOf(c);
            if (s == null) {
                top.add(c);
                continue;
            }
            int home = -1;
            for (int i = 0; i < n; i++) {
                if (within(s, memberSlots.get(i))) {
                    home = i;
                    break;
                }
            }
            if (home >= 0) {
                pushed.get(home).add(c);
            } else {
                pending.add(c);
            }
        }
        if (n == 0) {
            Operator op = hooks.result(new Rows(() -> List.<Object[]>of(new Object[width])));
            for (Bound c : pending) {
                op = hooks.filter(new Filter(op, c), op, c, namer);
            }
            for (Bound c : top) {
                op = hooks.filter(new Filter(op, c), op, c, namer);
            }
            return op;
        }
        Operator op = n == 1 ? assemble(g.members().getFirst(), pushed.getFirst(), width)
                : new JoinOrder(this, g.members(), memberSlots, pushed, pending, width).plan();
        for (Bound c : pending) {
            op = hooks.filter(new Filter(op, c), op, c, namer);
        }
        for (Bound c : top) {
            op = hooks.filter(new Filter(op, c), op, c, namer);
        }
        return op;
    }

    /** A stored table's scan parameterized by the outer row (an index nested loop's inner side): the scan, the holder, its parameters. */
    record Probe(Leaf leaf, ScanOperator scan, Correlation.Holder holder, List<Bound> params) {}

    /**
     * The scan of the stored table {@code member} with the join's equalities {@code inner.k =
     * OuterRef(outer.x)} as parameters, when it would seek an index (or the primary key) on them;
     * else null.
     */
    Probe probe(Node member, List<Bound> filters, BitSet outerSlots, BitSet innerSlots, List<Bound> conds) {
        if (!(member instanceof Leaf leaf) || leaf.scan() == null || conds.isEmpty()) {
            return null;
        }
        Correlation.Holder holder = new Correlation.Holder();
        List<Bound> params = new ArrayList<>();
        for (Bound c : conds) {
            Bound[] keys = equiKeys(c, outerSlots, innerSlots);
            if (keys != null && keys[1] instanceof Bound.Slot) {
                params.add(new Bound.Compare("=", keys[1], new Correlation.OuterRef(holder, keys[0])));
            }
        }
        if (params.isEmpty()) {
            return null;
        }
        ScanOperator scan = leaf.scan().fresh();
        List<Bound> all = new ArrayList<>(filters);
        all.addAll(params);
        scan.choose(all, leaf.offset(), usedBy(leaf), List.of(), -1);
        if (!(scan.path() instanceof io.shaledb.sql.exec.access.AccessPath.IndexScan ix)
                || ix.cond().conds().stream().noneMatch(c -> params.stream().anyMatch(p -> p == c))) {
            return null;
        }
        return new Probe(leaf, scan, holder, params);
    }

    /**
     * {@code outer} joined to {@code probe}'s table by an index nested loop: per outer row the
     * parameterized scan runs again; all of {@code conds} are checked on each joined row.
     */
    Operator indexNestLoop(Operator outer, Probe probe, List<Bound> filters, BitSet innerSlots, List<Bound> conds, int width) {
        Leaf leaf = probe.leaf();
        ScanOperator scan = probe.scan();
        scan.trace();
        List<String> trace = AccessPlanning.TRACE.get();
        if (trace != null) {
            trace.add("Nested Loop");
        }
        Operator inner = hooks.parameterizedScan(new Place(scan, leaf.offset(), width), leaf.narrow(), scan, leaf.table(), namer);
        for (Bound f : filters) {
            inner = hooks.filter(new Filter(inner, f), inner, f, namer);
        }
        Bound condition = null;
        for (Bound c : conds) {
            condition = condition == null ? c : new Bound.And(condition, c);
        }
        return hooks.indexNestLoop(new IndexNestLoop(outer, inner, probe.holder(), condition, innerSlots.stream().toArray(), tick),
                outer, inner);
    }

    static boolean within(BitSet s, BitSet of) {
        BitSet x = (BitSet) s.clone();
        x.andNot(of);
        return x.isEmpty();
    }

    static BitSet slots(Node n) {
        BitSet s = new BitSet();
        switch (n) {
            case Leaf l -> s.set(l.offset(), l.offset() + l.width());
            case Group g -> g.members().forEach(m -> s.or(slots(m)));
            case OuterJoin oj -> {
                s.or(slots(oj.left()));
                s.or(slots(oj.right()));
            }
        }
        return s;
    }
}
