package io.shaledb.testkit.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adya's direct serialization graph of a list-append history: a node per transaction that
 * (possibly) committed, an edge per ww, wr and rw dependency, each with the evidence that implies
 * it.
 *
 * <p>Nodes are the committed transactions plus the unknown-outcome ones whose elements some read
 * saw (so they did commit); the reads of the latter are not trusted, only their writes. Aborted
 * transactions are not nodes: seeing their elements is G1a, reported elsewhere. Nodes are numbered
 * {@code 0..size()-1}; between two nodes there is at most one edge, carrying a bit mask of its types.
 */
final class DependencyGraph {

    private final List<Txn> nodes = new ArrayList<>();
    private final Map<Integer, Integer> nodeOfTxnId = new HashMap<>();
    /** (from << 32 | to) → the evidence per dependency type, null where there is none. */
    private final Map<Long, String[]> edges = new LinkedHashMap<>();
    /** Each element's position in its key's order, among the elements of graph nodes. */
    private final Map<String, Integer> positionInOrder = new HashMap<>();
    private final EnumMap<DependencyType, Integer> counts = new EnumMap<>(DependencyType.class);
    private int[][] successors;
    private int[][] masks;

    private DependencyGraph() {}

    /** Builds the graph from the version orders and the committed transactions' reads. */
    static DependencyGraph build(History history, List<ObservedRead> reads, VersionOrders versions) {
        DependencyGraph g = new DependencyGraph();
        for (Txn t : history.transactions()) {
            if (t.outcome() == Txn.Outcome.COMMITTED) {
                g.addNode(t);
            }
        }
        versions.orders().values().forEach(order -> order.forEach(e -> {
            VersionOrders.Write w = versions.writer(e);
            if (w != null && w.txn().outcome() == Txn.Outcome.UNKNOWN) {
                g.addNode(w.txn());
            }
        }));
        Map<Integer, List<String>> orders = new HashMap<>();
        versions.orders().forEach((key, order) -> orders.put(key, g.addWriteEdges(key, order, versions)));
        for (ObservedRead r : reads) {
            List<String> order = orders.get(r.key());
            if (order != null) {
                g.addReadEdges(r, order, versions);
            }
        }
        g.freeze();
        return g;
    }

    int size() {
        return nodes.size();
    }

    Txn txn(int node) {
        return nodes.get(node);
    }

    /** The nodes {@code node} has an edge to. */
    int[] successors(int node) {
        return successors[node];
    }

    /** The dependency types of the edge to {@code successors(node)[i]}, as {@link DependencyType#bit()}s. */
    int mask(int node, int i) {
        return masks[node][i];
    }

    String why(int from, int to, DependencyType type) {
        return edges.get(pair(from, to))[type.ordinal()];
    }

    int count(DependencyType type) {
        return counts.getOrDefault(type, 0);
    }

    private void addNode(Txn t) {
        if (nodeOfTxnId.putIfAbsent(t.id(), nodes.size()) == null) {
            nodes.add(t);
        }
    }

    private int node(VersionOrders.Write w) {
        return w == null ? -1 : nodeOfTxnId.getOrDefault(w.txn().id(), -1);
    }

    /** ww edges between the writers of consecutive elements; returns the order restricted to graph nodes' elements. */
    private List<String> addWriteEdges(int key, List<String> order, VersionOrders versions) {
        List<String> kept = new ArrayList<>();
        for (String e : order) {
            if (node(versions.writer(e)) >= 0) {
                kept.add(e);
            }
        }
        for (int i = 0; i < kept.size(); i++) {
            positionInOrder.put(kept.get(i), i);
        }
        for (int i = 1; i < kept.size(); i++) {
            VersionOrders.Write a = versions.writer(kept.get(i - 1));
            VersionOrders.Write b = versions.writer(kept.get(i));
            add(node(a), node(b), DependencyType.WW, "key " + key + ": " + a.element() + " by " + a.txn().name()
                    + ", then " + b.element() + " by " + b.txn().name());
        }
        return kept;
    }

    /**
     * wr from the writer of the last element the read saw (ignoring the reader's own), rw to the
     * writer of the element that came next in the version order.
     */
    private void addReadEdges(ObservedRead r, List<String> order, VersionOrders versions) {
        int reader = nodeOfTxnId.get(r.txn().id());
        VersionOrders.Write last = null;
        for (int i = r.observed().size() - 1; i >= 0 && last == null; i--) {
            VersionOrders.Write w = versions.writer(r.observed().get(i));
            if (node(w) >= 0 && node(w) != reader) {
                last = w;
            }
        }
        if (last != null) {
            add(node(last), reader, DependencyType.WR, r.describe() + ": saw " + last.element() + " by " + last.txn().name());
        }
        int next = last == null ? 0 : positionInOrder.get(last.element()) + 1;
        if (next >= order.size()) {
            return;
        }
        VersionOrders.Write following = versions.writer(order.get(next));
        if (node(following) != reader) {
            add(reader, node(following), DependencyType.RW, r.describe() + ": missed " + following.element() + " by "
                    + following.txn().name() + (last == null ? ", the key's first element" : ", the next after " + last.element()));
        }
    }

    private void add(int from, int to, DependencyType type, String why) {
        if (from == to) {
            return;
        }
        String[] reasons = edges.computeIfAbsent(pair(from, to), p -> new String[DependencyType.values().length]);
        if (reasons[type.ordinal()] == null) {
            reasons[type.ordinal()] = why;
            counts.merge(type, 1, Integer::sum);
        }
    }

    private static long pair(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    private void freeze() {
        int[] degree = new int[nodes.size()];
        edges.keySet().forEach(p -> degree[(int) (p >>> 32)]++);
        successors = new int[nodes.size()][];
        masks = new int[nodes.size()][];
        for (int n = 0; n < nodes.size(); n++) {
            successors[n] = new int[degree[n]];
            masks[n] = new int[degree[n]];
        }
        int[] fill = new int[nodes.size()];
        edges.forEach((p, reasons) -> {
            int from = (int) (p >>> 32);
            int mask = 0;
            for (DependencyType t : DependencyType.values()) {
                mask |= reasons[t.ordinal()] == null ? 0 : t.bit();
            }
            successors[from][fill[from]] = (int) (long) p;
            masks[from][fill[from]++] = mask;
        });
    }

    /**
     * Tarjan's strongly connected components over the edges having a type in {@code typeMask},
     * iteratively (histories are long). Returns each node's component number; nodes on no cycle
     * get a component of their own.
     */
    int[] components(int typeMask) {
        int n = nodes.size();
        int[] component = new int[n];
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int stackTop = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int nextIndex = 0;
        int nextComponent = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            index[root] = low[root] = nextIndex++;
            stack[stackTop++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < successors[v].length) {
                    int i = callEdge[depth]++;
                    if ((masks[v][i] & typeMask) == 0) {
                        continue;
                    }
                    int w = successors[v][i];
                    if (index[w] < 0) {
                        index[w] = low[w] = nextIndex++;
                        stack[stackTop++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--stackTop];
                        onStack[w] = false;
                        component[w] = nextComponent;
                    } while (w != v);
                    nextComponent++;
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return component;
    }
}
