package io.shaledb.sql.plan;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * PostgreSQL's cost model: the unit constants ({@code seq_page_cost}, {@code random_page_cost},
 * {@code cpu_tuple_cost}, {@code cpu_index_tuple_cost}, {@code cpu_operator_cost}, settable per
 * session) and the cost formulas of the plan nodes ShaleDB executes, after PostgreSQL's
 * {@code costsize.c}. EXPLAIN prints these estimates; a cost-based planner compares them.
 *
 * <p>Every formula takes its inputs' {@link Cost}s and returns the node's: startup cost (before the
 * first row), total cost, estimated rows and width. Conditions cost {@code cpu_operator_cost} per
 * operator per row evaluated; what they keep comes from {@link #selectivity()}.
 *
 * <p>The model of the running statement is {@link #current()}: the session installs the one its
 * settings describe around each statement ({@link #with}).
 */
public record CostModel(double seqPageCost, double randomPageCost, double cpuTupleCost, double cpuIndexTupleCost,
                        double cpuOperatorCost, Selectivity selectivity) {

    /** The setting names, as PostgreSQL spells them. */
    public static final List<String> SETTINGS =
            List.of("seq_page_cost", "random_page_cost", "cpu_tuple_cost", "cpu_index_tuple_cost", "cpu_operator_cost");

    /** PostgreSQL's defaults. */
    public static final CostModel DEFAULT = new CostModel(1.0, 4.0, 0.01, 0.005, 0.0025, Selectivity.DEFAULTS);

    /** Rows PostgreSQL assumes a set-returning function returns when it cannot tell (prorows). */
    public static final double DEFAULT_FUNCTION_ROWS = 1000;

    private static final ThreadLocal<CostModel> CURRENT = new ThreadLocal<>();

    /** The model of the statement running on this thread, or {@link #DEFAULT} outside one. */
    public static CostModel current() {
        CostModel m = CURRENT.get();
        return m != null ? m : DEFAULT;
    }

    /** Runs {@code body} with {@code model} as {@link #current()}. */
    public static <T> T with(CostModel model, Supplier<T> body) {
        CostModel previous = CURRENT.get();
        CURRENT.set(model);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** The model that session settings describe ({@code setting} returns a setting's value by name). */
    public static CostModel fromSettings(Function<String, String> setting) {
        return new CostModel(number(setting, "seq_page_cost", DEFAULT.seqPageCost),
                number(setting, "random_page_cost", DEFAULT.randomPageCost),
                number(setting, "cpu_tuple_cost", DEFAULT.cpuTupleCost),
                number(setting, "cpu_index_tuple_cost", DEFAULT.cpuIndexTupleCost),
                number(setting, "cpu_operator_cost", DEFAULT.cpuOperatorCost), Selectivity.DEFAULTS);
    }

    private static double number(Function<String, String> setting, String name, double fallback) {
        String v = setting.apply(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback; // the setting's own check rejects such values at SET
        }
    }

    /** This model with another selectivity estimator (column statistics). */
    public CostModel withSelectivity(Selectivity s) {
        return new CostModel(seqPageCost, randomPageCost, cpuTupleCost, cpuIndexTupleCost, cpuOperatorCost, s);
    }

    /** PostgreSQL's clamp_row_est: at least one row, whole rows. */
    public static double clampRows(double rows) {
        return rows <= 1.0 ? 1.0 : Math.rint(rows);
    }

    // ------------------------------------------------------------------ scans

    /**
     * A sequential scan reading every page and row, evaluating {@code qualOps} operators per row
     * and keeping {@code selectivity} of them.
     */
    public Cost seqScan(TableSize size, int width, double qualOps, double selectivity) {
        double cpu = (cpuTupleCost + qualOps * cpuOperatorCost) * size.tuples();
        return new Cost(0, seqPageCost * size.pages() + cpu, clampRows(size.tuples() * selectivity), width);
    }

    /**
     * An index scan fetching {@code fetched} rows through a B-tree of the table's size: the descent
     * (random pages), one heap page per row, plus the index and heap tuples' CPU cost;
     * {@code qualOps} operators of remaining filters run per fetched row.
     */
    public Cost indexScan(TableSize size, int width, double fetched, double qualOps, double selectivity) {
        double descent = Math.ceil(Math.log(Math.max(size.tuples(), 2)) / Math.log(2)) * cpuOperatorCost;
        double startup = descent + 50 * cpuOperatorCost; // PostgreSQL charges 50 operators per index page descended
        double pages = Math.max(1, Math.min(fetched, size.pages()));
        double run = randomPageCost * (pages + 1) + (cpuIndexTupleCost + cpuTupleCost + qualOps * cpuOperatorCost) * fetched;
        return new Cost(startup, startup + run, clampRows(fetched * selectivity), width);
    }

    /** Rows listed in the query (VALUES): each evaluated and returned. */
    public Cost values(double rows, int width) {
        return new Cost(0, (cpuOperatorCost + cpuTupleCost) * rows, rows, width);
    }

    /** A set-returning function called once, returning {@code rows}. */
    public Cost functionScan(double rows, int width) {
        return new Cost(0, (cpuOperatorCost + cpuTupleCost) * rows, rows, width);
    }

    /** A single computed row ({@code SELECT 1}). */
    public Cost result(int width) {
        return new Cost(0, cpuTupleCost, 1, width);
    }

    /** Rows of a subquery, CTE or view passed on by a scan node over them, with a filter of {@code qualOps}. */
    public Cost subqueryScan(Cost input, double qualOps, double selectivity) {
        double run = (cpuTupleCost + qualOps * cpuOperatorCost) * input.rows();
        return new Cost(input.startup(), input.total() + run, clampRows(input.rows() * selectivity), input.width());
    }

    /** A filter over {@code input}'s rows (a Filter line on the node above). */
    public Cost filter(Cost input, double qualOps, double selectivity) {
        return new Cost(input.startup(), input.total() + qualOps * cpuOperatorCost * input.rows(),
                clampRows(input.rows() * selectivity), input.width());
    }

    // ------------------------------------------------------------------ joins

    /**
     * A hash join: {@code inner} is read into the hash table before the first row (startup), then
     * each outer row probes it with {@code hashClauses} key comparisons; {@code selectivity} of
     * the outer x inner pairs survive, each also paying {@code qualOps} of residual conditions.
     */
    public Cost hashJoin(Cost outer, Cost inner, int hashClauses, double qualOps, double selectivity, int width) {
        double startup = outer.startup() + inner.total() + (cpuOperatorCost * hashClauses + cpuTupleCost) * inner.rows();
        double rows = clampRows(outer.rows() * inner.rows() * selectivity);
        double run = outer.run() + cpuOperatorCost * hashClauses * outer.rows()
                + (cpuTupleCost + qualOps * cpuOperatorCost) * rows;
        return new Cost(startup, startup + run, rows, width);
    }

    /** The Hash node under a hash join: all of its input, before its first row. */
    public Cost hash(Cost input) {
        return new Cost(input.total(), input.total(), input.rows(), input.width());
    }

    /**
     * A nested loop: for each outer row the inner side is rescanned ({@code innerRescan} each time
     * after the first run) and every pair is checked with {@code qualOps} operators.
     */
    public Cost nestedLoop(Cost outer, Cost inner, double innerRescan, double qualOps, double selectivity, int width) {
        double pairs = outer.rows() * inner.rows();
        double startup = outer.startup() + inner.startup();
        double run = outer.run() + inner.run() + Math.max(outer.rows() - 1, 0) * innerRescan
                + (cpuTupleCost + qualOps * cpuOperatorCost) * pairs;
        return new Cost(startup, startup + run, clampRows(pairs * selectivity), width);
    }

    /** A Materialize node: keeps its input's rows so rescans read memory ({@link #rescanMaterialized}). */
    public Cost materialize(Cost input) {
        return new Cost(input.startup(), input.total() + 2 * cpuOperatorCost * input.rows(), input.rows(), input.width());
    }

    /** The cost of reading a materialized input again. */
    public double rescanMaterialized(Cost materialized) {
        return cpuOperatorCost * materialized.rows();
    }

    // ------------------------------------------------------------------ upper nodes

    /** An in-memory sort: n log2 n comparisons (two operators each) before the first row. */
    public Cost sort(Cost input) {
        double n = Math.max(input.rows(), 2);
        double startup = input.total() + 2 * cpuOperatorCost * n * (Math.log(n) / Math.log(2));
        return new Cost(startup, startup + cpuOperatorCost * input.rows(), input.rows(), input.width());
    }

    /** An aggregate without GROUP BY: reads everything, returns one row. */
    public Cost plainAggregate(Cost input, int aggregates, int width) {
        double startup = input.total() + cpuOperatorCost * aggregates * input.rows();
        return new Cost(startup, startup + cpuTupleCost, 1, width);
    }

    /** Hash aggregation into {@code groups} groups by {@code keys} columns. */
    public Cost hashAggregate(Cost input, int keys, int aggregates, double groups, double havingOps, int width) {
        double startup = input.total() + cpuOperatorCost * (keys + aggregates) * input.rows();
        double run = (cpuTupleCost + havingOps * cpuOperatorCost) * groups;
        return new Cost(startup, startup + run, clampRows(groups), width);
    }

    /**
     * Sorted grouping (GroupAggregate) over input already sorted on the keys: a key comparison and
     * the aggregates' transitions per row, a row per group; the first group is ready almost at once.
     */
    public Cost groupAggregate(Cost sortedInput, int keys, int aggregates, double groups, double havingOps, int width) {
        double perRow = cpuOperatorCost * (keys + aggregates) * sortedInput.rows();
        double run = (cpuTupleCost + havingOps * cpuOperatorCost) * groups;
        return new Cost(sortedInput.startup(), sortedInput.total() + perRow + run, clampRows(groups), width);
    }

    /**
     * PostgreSQL's guess at the groups of {@code keys} columns over {@code rows} rows without
     * statistics: {@link Selectivity#NUM_DISTINCT} values per column, never more than the rows.
     */
    public double groups(double rows, int keys) {
        if (keys == 0) {
            return 1;
        }
        return clampRows(Math.min(rows, Math.pow(Selectivity.NUM_DISTINCT, keys)));
    }

    /** Duplicate removal over {@code columns} columns (Unique or HashAggregate for DISTINCT). */
    public Cost distinct(Cost input, int columns) {
        double groups = groups(input.rows(), columns);
        double startup = input.total() + cpuOperatorCost * columns * input.rows();
        return new Cost(startup, startup + cpuTupleCost * groups, groups, input.width());
    }

    /** A WindowAgg computing {@code functions} window functions per row. */
    public Cost windowAgg(Cost input, int functions, int width) {
        double run = (cpuOperatorCost * (functions + 1) + cpuTupleCost) * input.rows();
        return new Cost(input.startup(), input.total() + run, input.rows(), width);
    }

    /** LIMIT / OFFSET: the fraction of the input's run cost needed for the rows taken. */
    public Cost limit(Cost input, double offset, double count) {
        double rows = input.rows();
        double startup = input.startup();
        double total = input.total();
        if (offset > 0 && rows > 0) {
            startup += input.run() * Math.min(offset, rows) / rows;
        }
        double taken = Math.max(Math.min(count, rows - offset), 0);
        if (rows > 0) {
            total = startup + input.run() * taken / rows;
        }
        return new Cost(startup, total, clampRows(taken), input.width());
    }

    /** Append: every input in turn. */
    public Cost append(List<Cost> inputs) {
        double startup = inputs.isEmpty() ? 0 : inputs.getFirst().startup();
        double total = 0;
        double rows = 0;
        int width = 0;
        for (Cost c : inputs) {
            total += c.total();
            rows += c.rows();
            width = Math.max(width, c.width());
        }
        return new Cost(startup, total, rows, width);
    }

    /** A set operation (INTERSECT / EXCEPT) hashing its appended input. */
    public Cost setOp(Cost appended, int columns, double rows) {
        double startup = appended.total() + cpuOperatorCost * columns * appended.rows();
        return new Cost(startup, startup + cpuTupleCost * rows, clampRows(rows), appended.width());
    }

    /** A ModifyTable node (INSERT / UPDATE / DELETE): writes each input row, returns none without RETURNING. */
    public Cost modify(Cost input, int width) {
        return new Cost(input.startup(), input.total(), 0, width);
    }
}
