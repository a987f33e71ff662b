package io.shaledb.testkit.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds and classifies the dependency cycles of a {@link DependencyGraph}.
 *
 * <p>A history is serializable iff the graph has no cycle, that is iff every strongly connected
 * component (Tarjan) is a single node. Inside each larger component the finder looks for a short
 * witness of each kind, strongest first: a cycle through one closing edge {@code a -> b} is a
 * breadth-first shortest path {@code b ->* a} over the edge types the kind allows.
 *
 * <pre>
 *   G0            closing ww, path ww
 *   G1c           closing wr, path ww|wr
 *   G-single      closing rw, path ww|wr
 *   G-nonadjacent closing rw, path any, no two rw edges in a row (also around the cycle)
 *   G2-item       closing rw, path any
 * </pre>
 *
 * The "no two rw in a row" search runs over states (node, arrived-by-rw), so its shortest walk may
 * pass a node twice; such a walk is cut into simple cycles, one of which keeps the property.
 * Snapshot isolation forbids exactly the cycles without two adjacent rw edges, so the searches for
 * G0, G1c, G-single and G-nonadjacent are exhaustive; only G2-item witnesses are best effort.
 */
final class CycleFinder {

    private static final int NON_RW = DependencyType.WW.bit() | DependencyType.WR.bit();
    /** How many closing edges to try for a witness that adds detail, not a verdict. */
    private static final int BEST_EFFORT_ATTEMPTS = 64;

    private final DependencyGraph g;
    private final int[] seen;
    private final int[] parent;
    private final DependencyType[] arrivedBy;
    private final int[] queue;
    private int head;
    private int tail;
    private int stamp;

    private CycleFinder(DependencyGraph g) {
        this.g = g;
        int states = 2 * g.size();
        this.seen = new int[states];
        this.parent = new int[states];
        this.arrivedBy = new DependencyType[states];
        this.queue = new int[states];
    }

    /** One witness per anomaly kind found in each strongly connected component with a cycle. */
    static List<Anomaly> find(DependencyGraph g) {
        return new CycleFinder(g).findAll();
    }

    private List<Anomaly> findAll() {
        int[] all = g.components(DependencyType.ALL);
        int[] ww = g.components(DependencyType.WW.bit());
        int[] wwWr = g.components(NON_RW);
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int c : all) {
            sizes.merge(c, 1, Integer::sum);
        }
        Map<Integer, List<Integer>> components = new HashMap<>();
        for (int n = 0; n < g.size(); n++) {
            if (sizes.get(all[n]) > 1) {
                components.computeIfAbsent(all[n], c -> new ArrayList<>()).add(n);
            }
        }
        List<Anomaly> found = new ArrayList<>();
        components.values().stream().sorted((x, y) -> Integer.compare(x.getFirst(), y.getFirst()))
                .forEach(nodes -> found.addAll(inComponent(nodes, all, ww, wwWr)));
        return found;
    }

    private List<Anomaly> inComponent(List<Integer> nodes, int[] all, int[] ww, int[] wwWr) {
        int c = all[nodes.getFirst()];
        Set<Anomaly.Kind> kinds = EnumSet.noneOf(Anomaly.Kind.class);
        List<Anomaly> out = new ArrayList<>();
        List<int[]> wwEdges = edges(nodes, all, DependencyType.WW, ww);
        List<int[]> wrEdges = edges(nodes, all, DependencyType.WR, wwWr);
        List<int[]> rwEdges = edges(nodes, all, DependencyType.RW, all);
        // a ww edge inside a component of the ww-only graph closes a G0 cycle, and likewise for G1c
        search(wwEdges.stream().limit(1).toList(), DependencyType.WW, DependencyType.WW.bit(), false, all, c, kinds, out, Anomaly.Kind.G0, 1);
        search(wrEdges.stream().limit(1).toList(), DependencyType.WR, NON_RW, false, all, c, kinds, out, Anomaly.Kind.G1C, 1);
        search(rwEdges, DependencyType.RW, NON_RW, false, all, c, kinds, out, Anomaly.Kind.G_SINGLE, Integer.MAX_VALUE);
        int budget = kinds.isEmpty() ? Integer.MAX_VALUE : BEST_EFFORT_ATTEMPTS;
        search(rwEdges, DependencyType.RW, DependencyType.ALL, true, all, c, kinds, out, Anomaly.Kind.G_NONADJACENT, budget);
        search(rwEdges, DependencyType.RW, DependencyType.ALL, false, all, c, kinds, out, Anomaly.Kind.G2_ITEM, BEST_EFFORT_ATTEMPTS);
        if (out.isEmpty()) {
            // cannot happen: a component of two or more nodes has a cycle, and the searches above cover every kind
            throw new IllegalStateException("no cycle found in a strongly connected component of " + nodes.size() + " transactions");
        }
        return out;
    }

    /** The edges of {@code type} inside component {@code c} whose ends also share a component of {@code sub}. */
    private List<int[]> edges(List<Integer> nodes, int[] all, DependencyType type, int[] sub) {
        List<int[]> result = new ArrayList<>();
        for (int a : nodes) {
            int[] succ = g.successors(a);
            for (int i = 0; i < succ.length; i++) {
                int b = succ[i];
                if ((g.mask(a, i) & type.bit()) != 0 && all[b] == all[a] && sub[b] == sub[a]) {
                    result.add(new int[] {a, b});
                }
            }
        }
        return result;
    }

    /**
     * Tries closing edges until a cycle classified as {@code wanted} turns up (or {@code attempts}
     * run out); any cycle found on the way of a kind not yet reported for this component is kept too.
     */
    private void search(List<int[]> closing, DependencyType closingType, int pathMask, boolean noAdjacentRw, int[] all,
            int c, Set<Anomaly.Kind> kinds, List<Anomaly> out, Anomaly.Kind wanted, int attempts) {
        if (kinds.contains(wanted)) {
            return;
        }
        for (int[] edge : closing) {
            if (attempts-- <= 0) {
                return;
            }
            List<Anomaly.Step> cycle = shortestCycle(edge[0], edge[1], closingType, pathMask, noAdjacentRw, all, c);
            if (cycle == null) {
                continue;
            }
            Anomaly.Kind kind = classify(cycle);
            if (kinds.add(kind)) {
                out.add(new Anomaly(kind, describe(cycle), cycle.stream().map(Anomaly.Step::from).toList(), cycle));
            }
            if (kind == wanted) {
                return;
            }
        }
    }

    /** The cycle {@code a -closing-> b ->* a}, the path shortest over the allowed edges, or null. */
    private List<Anomaly.Step> shortestCycle(int a, int b, DependencyType closing, int pathMask, boolean noAdjacentRw,
            int[] all, int c) {
        stamp++;
        // a state is 2 * node + (1 if it was entered by an rw edge and rw edges may not be adjacent)
        boolean closingRw = noAdjacentRw && closing == DependencyType.RW;
        int start = 2 * b + (closingRw ? 1 : 0);
        head = 0;
        tail = 0;
        seen[start] = stamp;
        queue[tail++] = start;
        while (head < tail) {
            int s = queue[head++];
            int v = s >> 1;
            boolean enteredByRw = (s & 1) == 1;
            int[] succ = g.successors(v);
            for (int i = 0; i < succ.length; i++) {
                int w = succ[i];
                int mask = g.mask(v, i) & pathMask;
                if (mask == 0 || all[w] != c) {
                    continue;
                }
                if ((mask & NON_RW) != 0) {
                    DependencyType t = (mask & DependencyType.WW.bit()) != 0 ? DependencyType.WW : DependencyType.WR;
                    if (visit(2 * w, s, t) && w == a) {
                        return cycle(a, b, closing, 2 * w, start, noAdjacentRw);
                    }
                }
                if ((mask & DependencyType.RW.bit()) != 0 && !(noAdjacentRw && enteredByRw)) {
                    int next = 2 * w + (noAdjacentRw ? 1 : 0);
                    if (visit(next, s, DependencyType.RW) && w == a && !closingRw) {
                        return cycle(a, b, closing, next, start, noAdjacentRw);
                    }
                }
            }
        }
        return null;
    }

    /** Enters state {@code next} from {@code from} unless it was entered before; true if it is new. */
    private boolean visit(int next, int from, DependencyType type) {
        if (seen[next] == stamp) {
            return false;
        }
        seen[next] = stamp;
        parent[next] = from;
        arrivedBy[next] = type;
        queue[tail++] = next;
        return true;
    }

    private List<Anomaly.Step> cycle(int a, int b, DependencyType closing, int end, int start, boolean noAdjacentRw) {
        List<int[]> steps = new ArrayList<>();
        for (int s = end; s != start; s = parent[s]) {
            steps.add(new int[] {parent[s] >> 1, s >> 1, arrivedBy[s].ordinal()});
        }
        steps.add(new int[] {a, b, closing.ordinal()});
        Collections.reverse(steps);
        if (noAdjacentRw) {
            steps = simple(steps);
        }
        return steps.stream().map(st -> {
            DependencyType t = DependencyType.values()[st[2]];
            return new Anomaly.Step(g.txn(st[0]), g.txn(st[1]), t, g.why(st[0], st[1], t));
        }).toList();
    }

    /**
     * Cuts a closed walk that passes a node twice into two closed walks and keeps one with no two
     * adjacent rw edges where they join; one of the two always qualifies, so the property survives.
     */
    static List<int[]> simple(List<int[]> walk) {
        while (true) {
            Map<Integer, Integer> firstFrom = new HashMap<>();
            int i = -1;
            int j = -1;
            for (int k = 0; k < walk.size() && i < 0; k++) {
                Integer earlier = firstFrom.putIfAbsent(walk.get(k)[0], k);
                if (earlier != null) {
                    i = earlier;
                    j = k;
                }
            }
            if (i < 0) {
                return walk;
            }
            List<int[]> inner = new ArrayList<>(walk.subList(i, j));
            List<int[]> outer = new ArrayList<>(walk.subList(j, walk.size()));
            outer.addAll(walk.subList(0, i));
            walk = joinsCleanly(inner) ? inner : outer;
        }
    }

    private static boolean joinsCleanly(List<int[]> cycle) {
        int rw = DependencyType.RW.ordinal();
        return !(cycle.getLast()[2] == rw && cycle.getFirst()[2] == rw);
    }

    /** By the number of rw edges and whether two of them are adjacent (around the cycle, too). */
    static Anomaly.Kind classify(List<Anomaly.Step> cycle) {
        long rw = cycle.stream().filter(s -> s.type() == DependencyType.RW).count();
        if (rw == 0) {
            return cycle.stream().allMatch(s -> s.type() == DependencyType.WW) ? Anomaly.Kind.G0 : Anomaly.Kind.G1C;
        }
        if (rw == 1) {
            return Anomaly.Kind.G_SINGLE;
        }
        for (int i = 0; i < cycle.size(); i++) {
            if (cycle.get(i).type() == DependencyType.RW && cycle.get((i + 1) % cycle.size()).type() == DependencyType.RW) {
                return Anomaly.Kind.G2_ITEM;
            }
        }
        return Anomaly.Kind.G_NONADJACENT;
    }

    private static String describe(List<Anomaly.Step> cycle) {
        return "cycle of " + cycle.size() + " transactions: " + cycle.getFirst().from().name()
                + cycle.stream().map(s -> " -" + s.type() + "-> " + s.to().name()).collect(Collectors.joining());
    }
}
