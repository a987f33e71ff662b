package io.shaledb.sql.stats;

import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * Selectivity estimation for the planner: the fraction of a table's rows a condition keeps, from
 * the column statistics ANALYZE stored, following PostgreSQL's selfuncs.c. Start from
 * {@link #column}; the methods of {@link ColumnEstimates} estimate restrictions on one column,
 * {@link #eqJoin} the join clause {@code a.x = b.y}, {@link #groups} the number of GROUP BY
 * groups. Without statistics every estimate falls back to PostgreSQL's defaults below, so a
 * planner can call these unconditionally.
 *
 * <pre>
 *   TableStats t = statistics.table(tx, table);              // null when never analyzed
 *   ColumnEstimates c = Selectivity.column(t, "status", SqlType.TEXT, rows);
 *   double sel = c.eq("pending") * c.lt(...);                // independent clauses multiply
 *   double join = Selectivity.eqJoin(ordersUser, usersId);   // fraction of the cross product
 * </pre>
 */
public final class Selectivity {
    /** Selectivity of {@code col = const} without statistics. */
    public static final double DEFAULT_EQ_SEL = 0.005;
    /** Selectivity of {@code col < const} (and the other inequalities) without statistics. */
    public static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;
    /** Selectivity of a range {@code lo < col < hi} when the two inequalities had no statistics. */
    public static final double DEFAULT_RANGE_INEQ_SEL = 0.005;
    /** Selectivity of a pattern match ({@code LIKE}) without statistics. */
    public static final double DEFAULT_MATCH_SEL = 0.005;
    /** Selectivity of {@code IS NULL} without statistics. */
    public static final double DEFAULT_UNK_SEL = 0.005;
    /** Selectivity of {@code IS NOT NULL} without statistics. */
    public static final double DEFAULT_NOT_UNK_SEL = 1.0 - DEFAULT_UNK_SEL;
    /** Distinct values assumed for a column without statistics in a table of at least this many rows. */
    public static final double DEFAULT_NUM_DISTINCT = 200;
    /** Selectivity of a plain boolean column or other boolean expression without statistics. */
    public static final double DEFAULT_BOOL_SEL = 0.5;

    private Selectivity() {}

    /**
     * Estimates for column {@code column} of a table whose statistics are {@code table} (null when
     * never analyzed) and that has {@code tuples} rows now (the planner's estimate; &lt;= 0 to use
     * the row count of the last ANALYZE).
     */
    public static ColumnEstimates column(TableStats table, String column, SqlType type, double tuples) {
        ColumnStats s = table == null ? null : table.column(column);
        if (s != null && s.type() != type) {
            s = null; // the column's type changed since ANALYZE
        }
        double rows = tuples > 0 ? tuples : table != null ? table.reltuples() : 0;
        return new ColumnEstimates(s, type, rows);
    }

    /** Estimates from a column's statistics directly ({@code stats} may be null). */
    public static ColumnEstimates column(ColumnStats stats, SqlType type, double tuples) {
        return new ColumnEstimates(stats, type, tuples);
    }

    /**
     * The selectivity of the join clause {@code a = b}: the fraction of the cross product of the
     * two relations that matches (PostgreSQL's eqjoinsel_inner). With MCV lists on both sides the
     * matching MCVs contribute their exact frequency products and the rest is spread evenly over
     * the remaining distinct values; otherwise {@code (1 - nullfrac1)(1 - nullfrac2) / max(nd1, nd2)}.
     */
    public static double eqJoin(ColumnEstimates a, ColumnEstimates b) {
        double nd1 = a.distinct();
        double nd2 = b.distinct();
        ColumnStats s1 = a.stats();
        ColumnStats s2 = b.stats();
        if (s1 != null && s2 != null && !s1.mcvValues().isEmpty() && !s2.mcvValues().isEmpty()) {
            List<Object> v1 = s1.mcvValues();
            List<Object> v2 = s2.mcvValues();
            float[] f1 = s1.mcvFreqs();
            float[] f2 = s2.mcvFreqs();
            boolean[] match1 = new boolean[v1.size()];
            boolean[] match2 = new boolean[v2.size()];
            double matchProd = 0;
            int matches = 0;
            for (int i = 0; i < v1.size(); i++) {
                for (int j = 0; j < v2.size(); j++) {
                    if (!match2[j] && comparable(v1.get(i), v2.get(j)) && Values.compare(v1.get(i), v2.get(j)) == 0) {
                        match1[i] = true;
                        match2[j] = true;
                        matchProd += f1[i] * (double) f2[j];
                        matches++;
                        break;
                    }
                }
            }
            matchProd = clamp(matchProd);
            double matchFreq1 = 0;
            double unmatchFreq1 = 0;
            for (int i = 0; i < f1.length; i++) {
                if (match1[i]) {
                    matchFreq1 += f1[i];
                } else {
                    unmatchFreq1 += f1[i];
                }
            }
            double matchFreq2 = 0;
            double unmatchFreq2 = 0;
            for (int j = 0; j < f2.length; j++) {
                if (match2[j]) {
                    matchFreq2 += f2[j];
                } else {
                    unmatchFreq2 += f2[j];
                }
            }
            matchFreq1 = clamp(matchFreq1);
            unmatchFreq1 = clamp(unmatchFreq1);
            matchFreq2 = clamp(matchFreq2);
            unmatchFreq2 = clamp(unmatchFreq2);
            double other1 = clamp(1.0 - s1.nullFrac() - matchFreq1 - unmatchFreq1);
            double other2 = clamp(1.0 - s2.nullFrac() - matchFreq2 - unmatchFreq2);
            double total1 = matchProd;
            if (nd2 > v2.size()) {
                total1 += unmatchFreq1 * other2 / (nd2 - v2.size());
            }
            if (nd2 > matches) {
                total1 += other1 * (other2 + unmatchFreq2) / (nd2 - matches);
            }
            double total2 = matchProd;
            if (nd1 > v1.size()) {
                total2 += unmatchFreq2 * other1 / (nd1 - v1.size());
            }
            if (nd1 > matches) {
                total2 += other2 * (other1 + unmatchFreq1) / (nd1 - matches);
            }
            return clamp(Math.min(total1, total2));
        }
        double sel = (1.0 - a.nullFrac()) * (1.0 - b.nullFrac());
        return clamp(sel / Math.max(nd1, nd2));
    }

    /**
     * The number of groups GROUP BY {@code columns} (all of one relation with {@code tuples} rows
     * in the table) makes of {@code inputRows} rows that passed the relation's restrictions
     * (PostgreSQL's estimate_num_groups): the product of the columns' distinct counts, clamped to
     * the table (to a tenth of it for several columns, but not below the largest distinct count),
     * scaled down for the restricted fraction, and at most the input rows.
     */
    public static double groups(List<ColumnEstimates> columns, double tuples, double inputRows) {
        if (columns.isEmpty()) {
            return 1;
        }
        double distinct = 1;
        double maxDistinct = 0;
        for (ColumnEstimates c : columns) {
            distinct *= c.distinct();
            maxDistinct = Math.max(maxDistinct, c.distinct());
        }
        if (tuples > 0) {
            // several columns are probably correlated: at most a tenth of the table, but never
            // fewer groups than the most distinct column has
            double clamp = tuples;
            if (columns.size() > 1) {
                clamp = Math.max(tuples * 0.1, Math.min(maxDistinct, tuples));
            }
            distinct = Math.min(distinct, clamp);
            if (inputRows < tuples && distinct > 0) {
                distinct *= 1.0 - Math.pow((tuples - inputRows) / tuples, tuples / distinct);
            }
        }
        return clampRows(Math.min(distinct, Math.max(inputRows, 1)));
    }

    /** PostgreSQL's clamp_row_est: at least one row, a whole number. */
    public static double clampRows(double rows) {
        return rows <= 1.0 ? 1.0 : Math.rint(rows);
    }

    static double clamp(double p) {
        return p < 0 ? 0 : p > 1 ? 1 : p;
    }

    /** Whether two statistic values can be compared (MCVs of columns of different families may not). */
    static boolean comparable(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number && b instanceof Number) {
            return true;
        }
        return a.getClass() == b.getClass();
    }

    /** Joins a list of per-element selectivities of {@code = ANY} as PostgreSQL's scalararraysel does. */
    static double anyOf(List<Double> elementSels) {
        double disjoint = 0;
        double independent = 0;
        for (double s : elementSels) {
            disjoint += s;
            independent = independent + s - independent * s;
        }
        return disjoint >= 0 && disjoint <= 1 ? disjoint : independent;
    }

    static List<Double> each(List<?> values, java.util.function.ToDoubleFunction<Object> sel) {
        List<Double> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(sel.applyAsDouble(v));
        }
        return out;
    }
}
