package io.shaledb.sql.exec.join;

import io.shaledb.sql.plan.Cost;
import io.shaledb.sql.plan.CostModel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the cheapest join tree over a group of relations joined by inner joins (see the package
 * essay): dynamic programming over the connected subsets for up to {@link #DP_LIMIT} relations,
 * greedy pairing beyond, the given order when {@code join_collapse_limit} is 1. Every pair of
 * inputs is costed with each join method ({@link JoinCosts}); the cheapest path per set of
 * relations survives.
 */
public final class JoinSearch {
    /** Relations up to which every connected subset is planned (PostgreSQL's geqo_threshold is 12, its join_collapse_limit 8). */
    public static final int DP_LIMIT = 8;

    /** PostgreSQL's STD_FUZZ_FACTOR: costs closer than 1% are the same cost. */
    private static final double FUZZ = 1.01;

    /** What the search needs to know about the relations it joins. */
    public interface Inputs {
        /** How many relations (indexes 0..count-1, in FROM order). */
        int count();

        /** Reading relation {@code rel} alone, with the filters that concern only it: its cost and rows. */
        Cost base(int rel);

        /**
         * One scan of base relation {@code rel} with the inner sides of {@code clauses} (equalities
         * to the outer row's values) as parameters: its cost and rows when it would seek an index on
         * them, else null.
         */
        Cost probe(int rel, List<Integer> clauses);
    }

    /**
     * A condition over several relations. {@code rels} are the relations it reads; for an equality
     * {@code a = b} whose sides read disjoint relations, {@code left} and {@code right} are those
     * sides' relations (else null) and {@code leftColumn}/{@code rightColumn} tell whether that side
     * is a plain column (an index probe can only seek a column); {@code mergeable} that both sides'
     * values order consistently with their equality (a merge join may walk them);
     * {@code leftDistinct}/{@code rightDistinct} the distinct values of each side (how many rows
     * share a hash bucket). {@code selectivity}: the fraction of pairs it keeps.
     */
    public record Clause(BitSet rels, BitSet left, BitSet right, boolean leftColumn, boolean rightColumn, boolean mergeable,
                         double leftDistinct, double rightDistinct, double selectivity) {
        public boolean equi() {
            return left != null;
        }
    }

    private final Inputs inputs;
    private final List<Clause> clauses;
    private final JoinCosts costs;
    private final JoinSettings settings;
    private final Map<BitSet, Double> rowCache = new HashMap<>();

    public JoinSearch(Inputs inputs, List<Clause> clauses, CostModel model, JoinSettings settings) {
        this.inputs = inputs;
        this.clauses = clauses;
        this.costs = new JoinCosts(model, settings);
        this.settings = settings;
    }

    /** The cheapest join tree over all the relations. */
    public JoinPath best() {
        int n = inputs.count();
        List<JoinPath> bases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BitSet s = new BitSet();
            s.set(i);
            bases.add(new JoinPath.Base(i, s, inputs.base(i)));
        }
        if (n == 1) {
            return bases.getFirst();
        }
        if (settings.collapseLimit() <= 1) {
            return inOrder(bases);
        }
        return n <= DP_LIMIT ? dynamic(bases) : greedy(bases);
    }

    /** Left-deep in the given order (join_collapse_limit = 1); only the inner/outer roles and methods are chosen. */
    private JoinPath inOrder(List<JoinPath> bases) {
        JoinPath plan = bases.getFirst();
        for (int i = 1; i < bases.size(); i++) {
            plan = cheaper(join(plan, bases.get(i)), join(bases.get(i), plan));
        }
        return plan;
    }

    /** Every connected subset, smallest first (as bit masks, so every subset comes after its own subsets). */
    private JoinPath dynamic(List<JoinPath> bases) {
        int n = bases.size();
        JoinPath[] best = new JoinPath[1 << n];
        for (int i = 0; i < n; i++) {
            best[1 << i] = bases.get(i);
        }
        for (int s = 1; s < (1 << n); s++) {
            if (Integer.bitCount(s) < 2) {
                continue;
            }
            BitSet set = bits(s);
            JoinPath found = null;
            // each unordered split once: l holds the lowest relation of s; join() tries both roles
            int low = Integer.lowestOneBit(s);
            for (int l = (s - 1) & s; l > 0; l = (l - 1) & s) {
                if ((l & low) == 0 || best[l] == null || best[s ^ l] == null || !connected(best[l].rels(), best[s ^ l].rels())) {
                    continue;
                }
                found = cheaper(found, cheaper(join(best[l], best[s ^ l]), join(best[s ^ l], best[l])));
            }
            best[s] = found;
            if (found == null && s == (1 << n) - 1) {
                // the relations are not all connected by conditions: join the components by cross products
                return crossComponents(best, n);
            }
            assert found == null || found.rels().equals(set);
        }
        return best[(1 << n) - 1];
    }

    /** The largest planned connected sets covering all relations, joined cheapest-first. */
    private JoinPath crossComponents(JoinPath[] best, int n) {
        List<JoinPath> parts = new ArrayList<>();
        int left = (1 << n) - 1;
        while (left != 0) {
            int pick = Integer.lowestOneBit(left);
            for (int s = left; s > 0; s = (s - 1) & left) {
                if (best[s] != null && Integer.bitCount(s) > Integer.bitCount(pick)) {
                    pick = s;
                }
            }
            parts.add(best[pick]);
            left &= ~pick;
        }
        return greedy(parts);
    }

    /**
     * Repeatedly joins the pair of inputs whose join is cheapest, preferring pairs connected by a
     * condition. The best join of each pair is kept between rounds: after a merge only the pairs
     * with the new input are costed again.
     */
    private JoinPath greedy(List<JoinPath> start) {
        List<JoinPath> parts = new ArrayList<>(start);
        Map<Long, JoinPath> pairs = new HashMap<>();
        Map<Long, Boolean> linked = new HashMap<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            ids.add(i);
        }
        int nextId = parts.size();
        while (parts.size() > 1) {
            JoinPath bestJoin = null;
            int bi = -1;
            int bj = -1;
            for (boolean cross : new boolean[] {false, true}) {
                for (int i = 0; i < parts.size(); i++) {
                    for (int j = i + 1; j < parts.size(); j++) {
                        JoinPath a = parts.get(i);
                        JoinPath b = parts.get(j);
                        long key = ids.get(i) * 65_536L + ids.get(j); // distinct hash codes (a << 32 | b would collide: a ^ b)
                        if (!cross && !linked.computeIfAbsent(key, k -> connected(a.rels(), b.rels()))) {
                            continue;
                        }
                        JoinPath p = pairs.computeIfAbsent(key, k -> cheaper(join(a, b), join(b, a)));
                        if (bestJoin == null || p.cost().total() < bestJoin.cost().total()) {
                            bestJoin = p;
                            bi = i;
                            bj = j;
                        }
                    }
                }
                if (bestJoin != null) {
                    break;
                }
            }
            parts.remove(bj);
            ids.remove(bj);
            parts.set(bi, bestJoin);
            ids.set(bi, nextId++);
        }
        return parts.getFirst();
    }

    /** Whether some condition reads relations of both sets (and nothing outside them). */
    private boolean connected(BitSet a, BitSet b) {
        for (Clause c : clauses) {
            if (c.rels().intersects(a) && c.rels().intersects(b) && withinEither(c.rels(), a, b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean withinEither(BitSet s, BitSet a, BitSet b) {
        for (int x = s.nextSetBit(0); x >= 0; x = s.nextSetBit(x + 1)) {
            if (!a.get(x) && !b.get(x)) {
                return false;
            }
        }
        return true;
    }

    /** The cheapest way to join {@code outer} to {@code inner} in these roles. */
    private JoinPath join(JoinPath outer, JoinPath inner) {
        BitSet all = union(outer.rels(), inner.rels());
        List<Integer> applicable = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        List<Integer> params = new ArrayList<>();
        int mergeKeys = 0;
        double bucket = 1.0;
        for (int i = 0; i < clauses.size(); i++) {
            Clause c = clauses.get(i);
            if (!within(c.rels(), all) || within(c.rels(), outer.rels()) || within(c.rels(), inner.rels())) {
                continue;
            }
            applicable.add(i);
            if (!c.equi()) {
                continue;
            }
            boolean forward = within(c.left(), outer.rels()) && within(c.right(), inner.rels());
            boolean backward = within(c.left(), inner.rels()) && within(c.right(), outer.rels());
            if (forward || backward) {
                keys.add(i);
                mergeKeys += c.mergeable() ? 1 : 0;
                bucket = Math.min(bucket, 1.0 / Math.max(forward ? c.rightDistinct() : c.leftDistinct(), 1));
                if (forward ? c.rightColumn() : c.leftColumn()) {
                    params.add(i);
                }
            }
        }
        double rows = rows(all);
        Cost o = outer.cost();
        Cost in = inner.cost();
        int quals = applicable.size() - keys.size();
        JoinPath best = new JoinPath.Join(JoinPath.Method.NEST_LOOP, outer, inner, applicable, all,
                costs.nestLoop(o, in, keys.size(), quals, rows));
        if (!keys.isEmpty()) {
            best = cheaper(best, new JoinPath.Join(JoinPath.Method.HASH, outer, inner, applicable, all,
                    costs.hash(o, in, keys.size(), quals, rows, bucket)));
        }
        if (mergeKeys > 0) {
            best = cheaper(best, new JoinPath.Join(JoinPath.Method.MERGE, outer, inner, applicable, all,
                    costs.merge(o, in, mergeKeys, applicable.size() - mergeKeys, rows)));
        }
        if (!params.isEmpty() && inner instanceof JoinPath.Base b) {
            Cost probe = inputs.probe(b.rel(), params);
            if (probe != null) {
                best = cheaper(best, new JoinPath.Join(JoinPath.Method.INDEX_NEST_LOOP, outer, inner, applicable, all,
                        costs.indexNestLoop(o, probe, applicable.size() - params.size(), rows)));
            }
        }
        return best;
    }

    /**
     * The rows of joining {@code rels}: the product of their own rows and of the selectivities of the
     * conditions among them (the same for every order, as PostgreSQL's joinrel size).
     */
    double rows(BitSet rels) {
        Double cached = rowCache.get(rels);
        if (cached != null) {
            return cached;
        }
        double rows = 1;
        for (int r = rels.nextSetBit(0); r >= 0; r = rels.nextSetBit(r + 1)) {
            rows *= inputs.base(r).rows();
        }
        for (Clause c : clauses) {
            if (within(c.rels(), rels)) {
                rows *= c.selectivity();
            }
        }
        rows = CostModel.clampRows(rows);
        rowCache.put((BitSet) rels.clone(), rows);
        return rows;
    }

    /**
     * The cheaper path; totals within {@link #FUZZ} of each other count as equal and the earlier
     * first row decides, then the exact total (PostgreSQL's add_path: estimates are not that precise).
     */
    private static JoinPath cheaper(JoinPath a, JoinPath b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        double ta = a.cost().total();
        double tb = b.cost().total();
        if (tb * FUZZ < ta) {
            return b;
        }
        if (ta * FUZZ < tb) {
            return a;
        }
        double sa = a.cost().startup();
        double sb = b.cost().startup();
        if (sb * FUZZ < sa || sa * FUZZ < sb) {
            return sb < sa ? b : a;
        }
        return tb < ta ? b : a;
    }

    private static BitSet bits(int mask) {
        return BitSet.valueOf(new long[] {mask});
    }

    private static BitSet union(BitSet a, BitSet b) {
        BitSet u = (BitSet) a.clone();
        u.or(b);
        return u;
    }

    private static boolean within(BitSet s, BitSet of) {
        for (int b = s.nextSetBit(0); b >= 0; b = s.nextSetBit(b + 1)) {
            if (!of.get(b)) {
                return false;
            }
        }
        return true;
    }
}
