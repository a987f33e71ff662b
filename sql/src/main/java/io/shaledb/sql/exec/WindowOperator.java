package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.WindowSpec;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates window functions: reads all input rows at open, and for each window sorts them by
 * PARTITION BY then ORDER BY, walks each partition and computes every function over that window.
 * Each output row is its input row with the function values appended ({@link Windowing.Ref}
 * reads them); rows come out in the order of the last window's sort.
 *
 * <pre>
 *   partition:  r0  r1  r2  r3  r4  r5        (sorted by ORDER BY)
 *   peers:     [r0] [r1  r2] [r3] [r4  r5]    (equal ORDER BY values: one peer group)
 *   frame of r2, ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING:  r1 r2 r3
 *   frame of r2, default RANGE UNBOUNDED PRECEDING .. CURRENT ROW:  r0 r1 r2 (through the last peer)
 * </pre>
 *
 * Aggregates over a frame that starts at the partition's first row accumulate incrementally; a
 * frame equal to the previous row's reuses its value; other frames are recomputed per row. RANGE
 * offset bounds are found by binary search over the partition's sorted ORDER BY values.
 */
final class WindowOperator implements Operator {

    /** One ORDER BY key of a window. */
    record OrderKey(Bound expr, boolean descending, boolean nullsFirst) {}

    /** PARTITION BY and ORDER BY, bound over the window's input row. */
    record Window(List<Bound> partition, List<OrderKey> order) {}

    /** A frame; offsets are constant expressions (null for UNBOUNDED and CURRENT ROW). */
    record Frame(WindowSpec.Mode mode, WindowSpec.BoundKind startKind, Bound startOffset, WindowSpec.BoundKind endKind,
                 Bound endOffset, WindowSpec.Exclude exclude) {
        static final Frame DEFAULT = new Frame(WindowSpec.Mode.RANGE, WindowSpec.BoundKind.UNBOUNDED_PRECEDING, null,
                WindowSpec.BoundKind.CURRENT_ROW, null, WindowSpec.Exclude.NO_OTHERS);
    }

    /** One window function call: a window function ({@code args}) or an aggregate ({@code aggregate}). */
    record Function(String name, List<Bound> args, Aggregates.Spec aggregate, int window, Frame frame, SqlType type) {}

    private final Operator input;
    private final List<Window> windows;
    private final List<Function> functions;
    private List<Object[]> output;
    private int next;

    WindowOperator(Operator input, List<Window> windows, List<Function> functions) {
        this.input = input;
        this.windows = windows;
        this.functions = functions;
    }

    @Override
    public void open() {
        List<Object[]> rows = new ArrayList<>();
        input.open();
        try {
            for (Object[] row = input.next(); row != null; row = input.next()) {
                Object[] wide = Arrays.copyOf(row, row.length + functions.size());
                rows.add(wide);
            }
        } finally {
            input.close();
        }
        int base = rows.isEmpty() ? 0 : rows.getFirst().length - functions.size();
        Object[][] sorted = rows.toArray(new Object[0][]);
        for (int w = 0; w < windows.size(); w++) {
            computeWindow(w, sorted, base);
        }
        output = Arrays.asList(sorted);
        next = 0;
    }

    @Override
    public Object[] next() {
        return next < output.size() ? output.get(next++) : null;
    }

    @Override
    public void close() {
        output = null;
    }

    private void computeWindow(int w, Object[][] rows, int base) {
        Window window = windows.get(w);
        int n = rows.length;
        Object[][] partKeys = new Object[n][];
        Object[][] orderKeys = new Object[n][];
        for (int i = 0; i < n; i++) {
            partKeys[i] = evalAll(window.partition(), rows[i]);
            Object[] k = new Object[window.order().size()];
            for (int j = 0; j < k.length; j++) {
                k[j] = window.order().get(j).expr().eval(rows[i]);
            }
            orderKeys[i] = k;
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = compareKeys(partKeys[a], partKeys[b]);
            return c != 0 ? c : compareOrder(window, orderKeys[a], orderKeys[b]);
        });
        Object[][] copy = rows.clone();
        for (int i = 0; i < n; i++) {
            rows[i] = copy[idx[i]];
        }
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && compareKeys(partKeys[idx[start]], partKeys[idx[end]]) == 0) {
                end++;
            }
            Object[][] part = Arrays.copyOfRange(rows, start, end);
            Object[][] keys = new Object[end - start][];
            for (int i = start; i < end; i++) {
                keys[i - start] = orderKeys[idx[i]];
            }
            Partition p = new Partition(window, part, keys);
            for (int f = 0; f < functions.size(); f++) {
                if (functions.get(f).window() == w) {
                    p.compute(functions.get(f), base + f);
                }
            }
            start = end;
        }
    }

    private static Object[] evalAll(List<Bound> exprs, Object[] row) {
        Object[] v = new Object[exprs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = exprs.get(i).eval(row);
        }
        return v;
    }

    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = SelectExecutor.compareNullable(a[i], b[i], false, false);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareOrder(Window w, Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            OrderKey k = w.order().get(i);
            int c = SelectExecutor.compareNullable(a[i], b[i], k.descending(), k.nullsFirst());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** One partition in window order, with its peer groups. */
    private static final class Partition {
        private final Window window;
        private final Object[][] rows;
        private final Object[][] keys;
        /** Peer group of each row, and each group's first and last row. */
        private final int[] group;
        private final int[] groupStart;
        private final int[] groupEnd;

        Partition(Window window, Object[][] rows, Object[][] keys) {
            this.window = window;
            this.rows = rows;
            this.keys = keys;
            int m = rows.length;
            group = new int[m];
            List<Integer> starts = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                boolean newGroup = i == 0 || compareOrder(window, keys[i - 1], keys[i]) != 0;
                if (newGroup) {
                    starts.add(i);
                }
                group[i] = starts.size() - 1;
            }
            groupStart = starts.stream().mapToInt(Integer::intValue).toArray();
            groupEnd = new int[groupStart.length];
            for (int g = 0; g < groupStart.length; g++) {
                groupEnd[g] = g + 1 < groupStart.length ? groupStart[g + 1] - 1 : m - 1;
            }
        }

        void compute(Function f, int slot) {
            int m = rows.length;
            switch (f.name()) {
                case "row_number" -> {
                    for (int i = 0; i < m; i++) {
                        rows[i][slot] = (long) (i + 1);
                    }
                }
                case "rank" -> {
                    for (int i = 0; i < m; i++) {
                        rows[i][slot] = (long) (groupStart[group[i]] + 1);
                    }
                }
                case "dense_rank" -> {
                    for (int i = 0; i < m; i++) {
                        rows[i][slot] = (long) (group[i] + 1);
                    }
                }
                case "percent_rank" -> {
                    for (int i = 0; i < m; i++) {
                        rows[i][slot] = m > 1 ? (double) groupStart[group[i]] / (m - 1) : 0.0;
                    }
                }
                case "cume_dist" -> {
                    for (int i = 0; i < m; i++) {
                        rows[i][slot] = (double) (groupEnd[group[i]] + 1) / m;
                    }
                }
                case "ntile" -> ntile(f, slot);
                case "lag", "lead" -> shift(f, slot, f.name().equals("lag") ? -1 : 1);
                case "first_value", "last_value", "nth_value" -> frameValue(f, slot);
                default -> aggregate(f, slot);
            }
        }

        private void ntile(Function f, int slot) {
            int m = rows.length;
            Object arg = f.args().getFirst().eval(rows[0]);
            if (arg == null) {
                for (Object[] r : rows) {
                    r[slot] = null;
                }
                return;
            }
            long buckets = ((Number) arg).longValue();
            if (buckets <= 0) {
                throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_NTILE, "argument of ntile must be greater than zero");
            }
            long size = m / buckets;
            long extra = m % buckets;
            int i = 0;
            for (int b = 1; i < m; b++) {
                long count = size + (b <= extra ? 1 : 0);
                for (long k = 0; k < count && i < m; k++) {
                    rows[i++][slot] = b;
                }
            }
        }

        private void shift(Function f, int slot, int direction) {
            int m = rows.length;
            for (int i = 0; i < m; i++) {
                long offset = 1;
                if (f.args().size() > 1) {
                    Object o = f.args().get(1).eval(rows[i]);
                    if (o == null) {
                        rows[i][slot] = null;
                        continue;
                    }
                    offset = ((Number) o).longValue();
                }
                long target = i + direction * offset;
                if (target >= 0 && target < m) {
                    rows[i][slot] = f.args().getFirst().eval(rows[(int) target]);
                } else {
                    rows[i][slot] = f.args().size() > 2 ? f.args().get(2).eval(rows[i]) : null;
                }
            }
        }

        private void frameValue(Function f, int slot) {
            for (int i = 0; i < rows.length; i++) {
                int[] frame = frameRows(f.frame(), i);
                int pick;
                if (f.name().equals("first_value")) {
                    pick = frame.length > 0 ? frame[0] : -1;
                } else if (f.name().equals("last_value")) {
                    pick = frame.length > 0 ? frame[frame.length - 1] : -1;
                } else {
                    Object nth = f.args().get(1).eval(rows[i]);
                    if (nth == null) {
                        rows[i][slot] = null;
                        continue;
                    }
                    long k = ((Number) nth).longValue();
                    if (k <= 0) {
                        throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_NTH_VALUE,
                                "argument of nth_value must be greater than zero");
                    }
                    pick = k <= frame.length ? frame[(int) k - 1] : -1;
                }
                rows[i][slot] = pick < 0 ? null : f.args().getFirst().eval(rows[pick]);
            }
        }

        private void aggregate(Function f, int slot) {
            Frame frame = f.frame();
            boolean growing = frame.startKind() == WindowSpec.BoundKind.UNBOUNDED_PRECEDING
                    && frame.exclude() == WindowSpec.Exclude.NO_OTHERS;
            Aggregates.Accumulator running = growing ? f.aggregate().newAccumulator() : null;
            int fed = 0;
            int lastStart = -1;
            int lastEnd = -2;
            Object last = null;
            for (int i = 0; i < rows.length; i++) {
                int[] bounds = frameBounds(frame, i);
                int s = bounds[0];
                int e = bounds[1];
                if (frame.exclude() == WindowSpec.Exclude.NO_OTHERS && s == lastStart && e == lastEnd) {
                    rows[i][slot] = last;
                    continue;
                }
                if (growing) {
                    for (; fed <= e; fed++) {
                        f.aggregate().feed(running, rows[fed]);
                    }
                    last = running.result();
                } else {
                    Aggregates.Accumulator acc = f.aggregate().newAccumulator();
                    for (int r : frameRows(frame, i)) {
                        f.aggregate().feed(acc, rows[r]);
                    }
                    last = acc.result();
                }
                lastStart = s;
                lastEnd = e;
                rows[i][slot] = last;
            }
        }

        /** The rows of row {@code i}'s frame in order, after EXCLUDE. */
        private int[] frameRows(Frame frame, int i) {
            int[] b = frameBounds(frame, i);
            List<Integer> out = new ArrayList<>();
            for (int r = b[0]; r <= b[1]; r++) {
                boolean excluded = switch (frame.exclude()) {
                    case NO_OTHERS -> false;
                    case CURRENT_ROW -> r == i;
                    case GROUP -> group[r] == group[i];
                    case TIES -> group[r] == group[i] && r != i;
                };
                if (!excluded) {
                    out.add(r);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The first and last row of row {@code i}'s frame before EXCLUDE (first > last when empty). */
        private int[] frameBounds(Frame frame, int i) {
            int m = rows.length;
            int s = bound(frame, frame.startKind(), frame.startOffset(), i, true);
            int e = bound(frame, frame.endKind(), frame.endOffset(), i, false);
            return new int[] {Math.max(s, 0), Math.min(e, m - 1)};
        }

        private int bound(Frame frame, WindowSpec.BoundKind kind, Bound offsetExpr, int i, boolean start) {
            int m = rows.length;
            switch (kind) {
                case UNBOUNDED_PRECEDING -> {
                    return 0;
                }
                case UNBOUNDED_FOLLOWING -> {
                    return m - 1;
                }
                case CURRENT_ROW -> {
                    if (frame.mode() == WindowSpec.Mode.ROWS) {
                        return i;
                    }
                    return start ? groupStart[group[i]] : groupEnd[group[i]];
                }
                default -> {
                    // n PRECEDING / n FOLLOWING
                }
            }
            boolean preceding = kind == WindowSpec.BoundKind.PRECEDING;
            Object offset = offsetExpr.eval(rows[i]);
            String which = start ? "starting" : "ending";
            if (offset == null) {
                throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "frame " + which + " offset must not be null");
            }
            if (frame.mode() == WindowSpec.Mode.RANGE) {
                return rangeBound(offset, preceding, i, start);
            }
            long n = ((Number) offset).longValue();
            if (n < 0) {
                throw new SqlException(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE, "frame " + which + " offset must not be negative");
            }
            if (frame.mode() == WindowSpec.Mode.ROWS) {
                long r = preceding ? i - n : i + n;
                return (int) Math.max(-1, Math.min(m, r));
            }
            long g = preceding ? group[i] - n : group[i] + n;
            if (g < 0) {
                return start ? 0 : -1;
            }
            if (g >= groupStart.length) {
                return start ? m : m - 1;
            }
            return start ? groupStart[(int) g] : groupEnd[(int) g];
        }

        /**
         * RANGE n PRECEDING/FOLLOWING over the single ORDER BY column: the first (start) or last
         * (end) row whose value lies within n of the current row's, in the sort direction. A NULL
         * current row's offset bounds are its peers; NULL rows of other rows' frames are included
         * when the frame reaches past the values to where they sort (as in PostgreSQL).
         */
        private int rangeBound(Object offset, boolean preceding, int i, boolean start) {
            int m = rows.length;
            if (signum(offset) < 0) {
                throw new SqlException(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE,
                        "invalid preceding or following size in window function");
            }
            OrderKey key = window.order().getFirst();
            Object current = keys[i][0];
            if (current == null) {
                return start ? groupStart[group[i]] : groupEnd[group[i]];
            }
            // the limit value in sort order: preceding moves against the sort direction
            boolean subtract = preceding != key.descending();
            Object limit = add(current, offset, subtract);
            // The non-null keys are one sorted run: binary search for the bound.
            int lo = 0;
            int hi = m - 1;
            while (lo < m && keys[lo][0] == null) {
                lo++;
            }
            while (hi >= 0 && keys[hi][0] == null) {
                hi--;
            }
            // NULLs sort before or after every value, so the frame runs into them positionally.
            if (start) { // first row of [lo, hi] within the limit, else the row after hi
                int a = lo;
                int b = hi + 1;
                while (a < b) {
                    int mid = (a + b) >>> 1;
                    if (withinFromStart(keys[mid][0], limit, key.descending())) {
                        b = mid;
                    } else {
                        a = mid + 1;
                    }
                }
                return a;
            }
            int a = lo - 1; // last row of [lo, hi] within the limit, else the row before lo
            int b = hi;
            while (a < b) {
                int mid = (a + b + 1) >>> 1;
                if (withinFromEnd(keys[mid][0], limit, key.descending())) {
                    a = mid;
                } else {
                    b = mid - 1;
                }
            }
            return a;
        }

        /** A start bound: the first row at or after the limit in sort order. */
        private static boolean withinFromStart(Object v, Object limit, boolean descending) {
            int c = compareNumbers(v, limit);
            return descending ? c <= 0 : c >= 0;
        }

        /** An end bound: the last row at or before the limit in sort order. */
        private static boolean withinFromEnd(Object v, Object limit, boolean descending) {
            int c = compareNumbers(v, limit);
            return descending ? c >= 0 : c <= 0;
        }
    }

    private static int signum(Object n) {
        return switch (n) {
            case BigDecimal d -> d.signum();
            case Double d -> d < 0 ? -1 : d > 0 ? 1 : 0;
            case Float d -> d < 0 ? -1 : d > 0 ? 1 : 0;
            default -> Long.signum(((Number) n).longValue());
        };
    }

    /** {@code a ± b} without overflow (exact for integers and numerics, double otherwise). */
    private static Object add(Object a, Object b, boolean subtract) {
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return subtract ? x - y : x + y;
        }
        BigDecimal x = a instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) a).longValue());
        BigDecimal y = b instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) b).longValue());
        return subtract ? x.subtract(y) : x.add(y);
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        BigDecimal x = a instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) a).longValue());
        BigDecimal y = b instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) b).longValue());
        return x.compareTo(y);
    }
}
