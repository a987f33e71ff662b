package io.shaledb.sql.stats;

import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.List;

/**
 * Selectivities of restrictions on one column, from its statistics (or PostgreSQL's defaults when
 * it has none). Obtain one from {@link Selectivity#column}. Every method returns a fraction of
 * the table's rows in [0, 1]; constants are Java values of the column's type (as
 * {@link io.shaledb.sql.types.SqlType} describes them), a null constant matches nothing.
 *
 * <pre>
 *   col = c      c an MCV: its frequency; else the non-MCV, non-null rest spread evenly over the
 *                other distinct values (never above the least common MCV)
 *   col &lt; c      MCVs below c exactly + the histogram's fraction below c (interpolated inside
 *                its bucket) of the non-MCV rest
 *   BETWEEN      (col &gt;= lo) + (col &lt;= hi) - 1 + null_frac (PostgreSQL's range pairing)
 *   LIKE 'p%'    MCVs starting with p + the rest's histogram fraction in [p, p\uffff)
 * </pre>
 */
public final class ColumnEstimates {
    private final ColumnStats stats;
    private final SqlType type;
    private final double tuples;

    ColumnEstimates(ColumnStats stats, SqlType type, double tuples) {
        this.stats = stats;
        this.type = type;
        this.tuples = tuples;
    }

    /** The statistics used, or null when the estimates are defaults. */
    public ColumnStats stats() {
        return stats;
    }

    /** Whether these estimates come from statistics (false: PostgreSQL's defaults). */
    public boolean hasStats() {
        return stats != null;
    }

    /** The fraction of rows that are NULL (0 without statistics). */
    public double nullFrac() {
        return stats == null ? 0 : stats.nullFrac();
    }

    /**
     * The number of distinct non-null values (PostgreSQL's get_variable_numdistinct): from the
     * statistics, 2 for a boolean, the row count for a table smaller than
     * {@link Selectivity#DEFAULT_NUM_DISTINCT}, else that default.
     */
    public double distinct() {
        double nd = stats != null ? stats.nDistinct() : type == SqlType.BOOLEAN ? 2.0 : 0.0;
        if (nd > 0) {
            return Selectivity.clampRows(nd);
        }
        if (tuples <= 0) {
            return Selectivity.DEFAULT_NUM_DISTINCT;
        }
        if (nd < 0) {
            return Selectivity.clampRows(-nd * tuples);
        }
        return tuples < Selectivity.DEFAULT_NUM_DISTINCT ? Selectivity.clampRows(tuples) : Selectivity.DEFAULT_NUM_DISTINCT;
    }

    // ------------------------------------------------------------------ equality

    /** {@code col = value}. */
    public double eq(Object value) {
        if (value == null) {
            return 0;
        }
        if (stats == null) {
            return Selectivity.clamp(1.0 / distinct());
        }
        List<Object> mcv = stats.mcvValues();
        for (int i = 0; i < mcv.size(); i++) {
            if (equal(mcv.get(i), value)) {
                return stats.mcvFreqs()[i];
            }
        }
        double sel = Selectivity.clamp(1.0 - stats.mcvTotal() - stats.nullFrac());
        double otherDistinct = distinct() - mcv.size();
        if (otherDistinct > 1) {
            sel /= otherDistinct;
        }
        if (!mcv.isEmpty()) {
            sel = Math.min(sel, stats.mcvFreqs()[mcv.size() - 1]);
        }
        return sel;
    }

    /** {@code col <> value}: neither equal nor NULL. */
    public double ne(Object value) {
        if (value == null) {
            return 0;
        }
        return Selectivity.clamp(1.0 - eq(value) - nullFrac());
    }

    /** {@code col IN (values)}: the disjoint sum of the equalities (NULL elements match nothing). */
    public double in(List<?> values) {
        return Selectivity.clamp(Selectivity.anyOf(Selectivity.each(values, this::eq)));
    }

    /**
     * {@code col NOT IN (values)} ({@code <> ALL}): the non-null rows equal to none of the values;
     * nothing when the list holds a NULL.
     */
    public double notIn(List<?> values) {
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            return 0;
        }
        return Selectivity.clamp(1.0 - nullFrac() - in(values));
    }

    // ------------------------------------------------------------------ NULL tests, booleans

    /** {@code col IS NULL}. */
    public double isNull() {
        return stats == null ? Selectivity.DEFAULT_UNK_SEL : stats.nullFrac();
    }

    /** {@code col IS NOT NULL}. */
    public double isNotNull() {
        return stats == null ? Selectivity.DEFAULT_NOT_UNK_SEL : Selectivity.clamp(1.0 - stats.nullFrac());
    }

    /** A boolean column used as a condition ({@code WHERE flag}, {@code flag = true}). */
    public double isTrue() {
        return stats == null ? Selectivity.DEFAULT_BOOL_SEL : eq(Boolean.TRUE);
    }

    /** {@code NOT flag} / {@code flag = false}. */
    public double isFalse() {
        return stats == null ? Selectivity.DEFAULT_BOOL_SEL : eq(Boolean.FALSE);
    }

    // ------------------------------------------------------------------ inequalities

    /** {@code col < value}. */
    public double lt(Object value) {
        return inequality(value, false, false);
    }

    /** {@code col <= value}. */
    public double le(Object value) {
        return inequality(value, false, true);
    }

    /** {@code col > value}. */
    public double gt(Object value) {
        return inequality(value, true, false);
    }

    /** {@code col >= value}. */
    public double ge(Object value) {
        return inequality(value, true, true);
    }

    /** {@code col BETWEEN low AND high} (both inclusive). */
    public double between(Object low, Object high) {
        return range(ge(low), le(high));
    }

    /**
     * Pairs a lower and an upper bound on the column as PostgreSQL's clauselist_selectivity does:
     * {@code lo + hi - 1} plus the NULLs both excluded, a tiny positive value for rounding
     * errors, {@link Selectivity#DEFAULT_RANGE_INEQ_SEL} when either side had no statistics.
     */
    public double range(double lowerSel, double upperSel) {
        if (lowerSel == Selectivity.DEFAULT_INEQ_SEL || upperSel == Selectivity.DEFAULT_INEQ_SEL) {
            return Selectivity.DEFAULT_RANGE_INEQ_SEL;
        }
        double s = lowerSel + upperSel - 1.0 + isNull();
        if (s <= 0) {
            return s < -0.01 ? Selectivity.DEFAULT_RANGE_INEQ_SEL : 1.0e-10;
        }
        return Selectivity.clamp(s);
    }

    private double inequality(Object value, boolean greater, boolean orEqual) {
        if (value == null) {
            return 0;
        }
        if (stats == null) {
            return Selectivity.DEFAULT_INEQ_SEL;
        }
        double mcvSel = 0;
        List<Object> mcv = stats.mcvValues();
        for (int i = 0; i < mcv.size(); i++) {
            if (!Selectivity.comparable(mcv.get(i), value)) {
                continue;
            }
            int c = Values.compare(mcv.get(i), value);
            if (greater ? (c > 0 || orEqual && c == 0) : (c < 0 || orEqual && c == 0)) {
                mcvSel += stats.mcvFreqs()[i];
            }
        }
        double sel = 1.0 - stats.nullFrac() - stats.mcvTotal();
        double hist = histogramFraction(value, greater, orEqual);
        sel *= hist >= 0 ? hist : 0.5; // no histogram: assume half of the non-MCV values qualify
        return Selectivity.clamp(sel + mcvSel);
    }

    /**
     * The fraction of the histogram's population satisfying the inequality, or -1 without a
     * histogram (PostgreSQL's ineq_histogram_selectivity). The bucket holding the value is found,
     * the value's position inside it interpolated, which estimates {@code x <= value}; the
     * first bucket is narrower by one value's share, and {@code <} and {@code >=} subtract that
     * share. Results are kept a hundredth of a bucket away from 0 and 1: histograms are
     * approximate and may be stale.
     */
    private double histogramFraction(Object value, boolean greater, boolean orEqual) {
        List<Object> h = stats.histogram();
        int n = h.size();
        if (n < 2 || !Selectivity.comparable(h.getFirst(), value)) {
            return -1;
        }
        // the first bound for which the operator's probe fails: bounds < value for "<" and ">=",
        // bounds <= value for "<=" and ">"
        boolean strictProbe = greater == orEqual;
        int i = 0;
        while (i < n && (strictProbe ? Values.compare(h.get(i), value) < 0 : Values.compare(h.get(i), value) <= 0)) {
            i++;
        }
        double atMost; // estimate of x <= value
        if (i == 0) {
            atMost = 0;
        } else if (i >= n) {
            atMost = 1;
        } else {
            double eqSel = i == 1 || strictProbe ? nonMcvEquality() : 0;
            double binFrac = 0.5;
            double[] scale = ScalarScale.convert(value, h.get(i - 1), h.get(i));
            if (scale != null) {
                double val = scale[0];
                double low = scale[1];
                double high = scale[2];
                if (high <= low) {
                    binFrac = 0.5;
                } else if (val <= low) {
                    binFrac = 0;
                } else if (val >= high) {
                    binFrac = 1;
                } else {
                    binFrac = (val - low) / (high - low);
                    if (Double.isNaN(binFrac) || binFrac < 0 || binFrac > 1) {
                        binFrac = 0.5;
                    }
                }
            }
            atMost = (i - 1 + binFrac) / (n - 1);
            if (i == 1) {
                atMost += eqSel * (1.0 - binFrac);
            }
            if (strictProbe) {
                atMost -= eqSel; // "<" and ">=" exclude the value itself
            }
        }
        double sel = greater ? 1.0 - atMost : atMost;
        double cutoff = 0.01 / (n - 1);
        return Math.min(Math.max(sel, cutoff), 1.0 - cutoff);
    }

    /** The share of one non-MCV value among the non-MCV values (without the null and MCV scaling). */
    private double nonMcvEquality() {
        double otherDistinct = distinct() - stats.mcvValues().size();
        return otherDistinct > 1 ? 1.0 / otherDistinct : 0;
    }

    // ------------------------------------------------------------------ patterns

    /**
     * {@code col LIKE pattern} (case-sensitive; {@code \} escapes). A pattern with a fixed prefix
     * is estimated as the range of strings with that prefix, times the selectivity of the rest
     * (PostgreSQL's per-character constants: a literal 0.2, {@code _} 0.9; {@code %} keeps
     * everything); MCVs are tested exactly.
     */
    public double like(String pattern) {
        if (pattern == null) {
            return 0;
        }
        StringBuilder prefix = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '%' || c == '_') {
                break;
            }
            if (c == '\\' && i + 1 < pattern.length()) {
                i++;
                c = pattern.charAt(i);
            }
            prefix.append(c);
            i++;
        }
        String rest = pattern.substring(i);
        if (rest.isEmpty()) {
            return eq(prefix.toString()); // no wildcard: an equality
        }
        if (stats == null) {
            return Selectivity.DEFAULT_MATCH_SEL;
        }
        double mcvSel = 0;
        for (int k = 0; k < stats.mcvValues().size(); k++) {
            if (stats.mcvValues().get(k) instanceof String s && likeMatches(s, pattern)) {
                mcvSel += stats.mcvFreqs()[k];
            }
        }
        double restSel = restSelectivity(rest);
        double sel;
        if (prefix.isEmpty()) {
            sel = restSel;
        } else {
            String p = prefix.toString();
            double prefixSel = prefixFraction(p);
            sel = prefixSel * restSel;
        }
        sel *= 1.0 - stats.nullFrac() - stats.mcvTotal();
        return Selectivity.clamp(sel + mcvSel);
    }

    /** The fraction of the non-MCV population starting with {@code p}, from the histogram. */
    private double prefixFraction(String p) {
        double eqSel = nonMcvEquality();
        double ge = histogramFraction(p, true, true);
        double lt = histogramFraction(p + '\uffff', false, false);
        if (ge < 0 || lt < 0) {
            return Math.max(eqSel, Selectivity.DEFAULT_MATCH_SEL);
        }
        double s = ge + lt - 1.0;
        return Math.max(s, eqSel);
    }

    private static double restSelectivity(String rest) {
        double sel = 1.0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '%') {
                continue;
            }
            if (c == '_') {
                sel *= 0.9;
            } else {
                if (c == '\\') {
                    i++;
                }
                sel *= 0.2;
            }
        }
        return Math.min(sel, 1.0);
    }

    /** LIKE semantics for MCV testing: {@code %} any run, {@code _} one character, {@code \} escape. */
    static boolean likeMatches(String s, String pattern) {
        return match(s, 0, pattern, 0);
    }

    private static boolean match(String s, int si, String p, int pi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                for (int k = si; k <= s.length(); k++) {
                    if (match(s, k, p, pi + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c == '_') {
                si = s.offsetByCodePoints(si, 1);
                pi++;
                continue;
            }
            if (c == '\\' && pi + 1 < p.length()) {
                pi++;
                c = p.charAt(pi);
            }
            if (s.charAt(si) != c) {
                return false;
            }
            si++;
            pi++;
        }
        return si == s.length();
    }

    private static boolean equal(Object a, Object b) {
        return Selectivity.comparable(a, b) && Values.compare(a, b) == 0;
    }
}
