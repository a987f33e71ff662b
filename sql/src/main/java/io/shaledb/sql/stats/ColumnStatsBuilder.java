package io.shaledb.sql.stats;

import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Computes one column's {@link ColumnStats} from a sample of its values, the way PostgreSQL's
 * {@code compute_scalar_stats} does for types with an ordering (every ShaleDB type has one:
 * {@link Values#compare}).
 *
 * <pre>
 *   sample (scan order) ──> nulls counted, widths summed, too-wide values (> 1024 bytes) set aside
 *        │
 *        └─> the rest sorted by (value, position) ──> runs of equal values
 *               ├─ runs longer than 1 = "multiples": the longest `target` are MCV candidates
 *               ├─ n_distinct: all once -> -(1 - null_frac); all repeated -> the count seen;
 *               │              else Haas-Stokes  n*d / (n - f1 + f1*n/N); negative when > 10% of rows
 *               ├─ MCVs: the whole list when it covers every value, else those significantly
 *               │        more common than the rest (analyze_mcv_list's Wald interval test)
 *               ├─ histogram: up to target+1 equally spaced bounds of the non-MCV values
 *               └─ correlation: between sorted position and sample position
 * </pre>
 *
 * Deterministic for a given sample, so on tables no bigger than the sample the result equals
 * PostgreSQL's exactly (same MCVs, same bounds, same n_distinct).
 */
public final class ColumnStatsBuilder {
    /** PostgreSQL's WIDTH_THRESHOLD: wider values are left out of MCVs and histograms. */
    static final int WIDTH_THRESHOLD = 1024;

    private ColumnStatsBuilder() {}

    private record Item(Object value, int tupno) {}

    private record Track(int count, int first) {}

    /**
     * The statistics of a column whose sampled values are {@code sample} (NULLs included, in the
     * table's scan order), out of a table of {@code totalRows} rows.
     *
     * @param target the column's statistics target (default_statistics_target): at most this
     *     many MCVs and this many histogram buckets
     */
    public static ColumnStats build(String column, SqlType type, List<Object> sample, double totalRows, int target) {
        int sampleRows = sample.size();
        boolean varWidth = ValueWidths.isVarWidth(type);
        int nullCount = 0;
        int nonNullCount = 0;
        int tooWide = 0;
        double totalWidth = 0;
        List<Item> values = new ArrayList<>(sampleRows);
        for (Object v : sample) {
            if (v == null) {
                nullCount++;
                continue;
            }
            nonNullCount++;
            if (varWidth) {
                int w = ValueWidths.width(type, v);
                totalWidth += w;
                if (w > WIDTH_THRESHOLD) {
                    tooWide++;
                    continue;
                }
            }
            values.add(new Item(v, values.size()));
        }
        if (nonNullCount == 0) {
            // only nulls: assume the column is entirely null
            return new ColumnStats(column, type, 1.0f, varWidth ? 0 : ValueWidths.fixedWidth(type), 0f,
                    List.of(), new float[0], List.of(), null);
        }
        double nullFrac = (double) nullCount / sampleRows;
        int avgWidth = varWidth ? (int) (totalWidth / nonNullCount) : ValueWidths.fixedWidth(type);
        if (values.isEmpty()) {
            // some values, all too wide to compare
            return new ColumnStats(column, type, (float) nullFrac, avgWidth, (float) (-1.0 * (1.0 - nullFrac)),
                    List.of(), new float[0], List.of(), null);
        }
        values.sort((a, b) -> {
            int c = Values.compare(a.value(), b.value());
            return c != 0 ? c : Integer.compare(a.tupno(), b.tupno());
        });

        // runs of equal values; the `target` most repeated are MCV candidates, most frequent first
        int nDistinctSeen = 0;
        int nMultiple = 0;
        List<Track> track = new ArrayList<>();
        int dups = 0;
        for (int i = 0; i < values.size(); i++) {
            dups++;
            if (i == values.size() - 1 || Values.compare(values.get(i).value(), values.get(i + 1).value()) != 0) {
                nDistinctSeen++;
                if (dups > 1) {
                    nMultiple++;
                    if (track.size() < target || dups > track.getLast().count()) {
                        int j = track.size();
                        while (j > 0 && dups > track.get(j - 1).count()) {
                            j--;
                        }
                        track.add(j, new Track(dups, i + 1 - dups));
                        if (track.size() > target) {
                            track.removeLast();
                        }
                    }
                }
                dups = 0;
            }
        }

        double nDistinct = nDistinct(nDistinctSeen, nMultiple, tooWide, sampleRows, nullCount, nullFrac, totalRows);

        int numMcv = target;
        if (track.size() == nDistinctSeen && tooWide == 0 && nDistinct > 0 && track.size() <= numMcv) {
            numMcv = track.size(); // every value seen is repeated and fits: keep them all
        } else {
            numMcv = Math.min(numMcv, track.size());
            if (numMcv > 0) {
                int[] counts = track.stream().mapToInt(Track::count).limit(numMcv).toArray();
                numMcv = significantMcvs(counts, numMcv, nDistinct, nullFrac, sampleRows, totalRows);
            }
        }
        List<Object> mcvValues = new ArrayList<>(numMcv);
        float[] mcvFreqs = new float[numMcv];
        for (int i = 0; i < numMcv; i++) {
            Track t = track.get(i);
            mcvValues.add(values.get(t.first()).value());
            mcvFreqs[i] = (float) ((double) t.count() / sampleRows);
        }

        List<Object> histogram = histogram(values, track.subList(0, numMcv), nDistinctSeen - numMcv, target);
        Float correlation = values.size() > 1 ? (float) correlation(values) : null;
        return new ColumnStats(column, type, (float) nullFrac, avgWidth, (float) nDistinct, mcvValues, mcvFreqs,
                histogram, correlation);
    }

    /**
     * n_distinct from a sample with {@code d} distinct values, {@code multiple} of them seen more
     * than once: Haas and Stokes' Duj1 estimator when some were seen once; negative (a fraction of
     * the rows) when the estimate exceeds a tenth of the table, as PostgreSQL stores it.
     */
    static double nDistinct(int d, int multiple, int tooWide, int sampleRows, int nullCount, double nullFrac,
                            double totalRows) {
        double est;
        if (multiple == 0) {
            est = -1.0 * (1.0 - nullFrac); // every value unique: assume a unique column
        } else if (tooWide == 0 && multiple == d) {
            est = d; // every value repeated: assume these are all there are
        } else {
            int f1 = d - multiple + tooWide;
            int seen = f1 + multiple;
            double n = sampleRows - nullCount;
            double bigN = totalRows * (1.0 - nullFrac);
            double haas = bigN > 0 ? (n * seen) / ((n - f1) + f1 * n / bigN) : 0;
            haas = Math.min(Math.max(haas, seen), bigN);
            est = Math.floor(haas + 0.5);
        }
        if (est > 0.1 * totalRows) {
            est = -(est / totalRows);
        }
        return est;
    }

    /**
     * How many of the candidate MCVs (counts most frequent first) are significantly more common
     * than the values left out: the least common candidate stays only if its count exceeds the
     * non-MCV selectivity times the sample by more than two standard deviations (PostgreSQL's
     * analyze_mcv_list); a sample of the whole table keeps them all.
     */
    static int significantMcvs(int[] counts, int numMcv, double nDistinct, double nullFrac, int sampleRows,
                               double totalRows) {
        if (sampleRows == totalRows || totalRows <= 1.0) {
            return numMcv;
        }
        double distinctInTable = nDistinct < 0 ? -nDistinct * totalRows : nDistinct;
        double sum = 0;
        for (int i = 0; i < numMcv - 1; i++) {
            sum += counts[i];
        }
        while (numMcv > 0) {
            double selec = 1.0 - sum / sampleRows - nullFrac;
            selec = Math.min(Math.max(selec, 0.0), 1.0);
            double otherDistinct = distinctInTable - (numMcv - 1);
            if (otherDistinct > 1) {
                selec /= otherDistinct;
            }
            double bigN = totalRows;
            double n = sampleRows;
            double k = bigN * counts[numMcv - 1] / n;
            double variance = n * k * (bigN - k) * (bigN - n) / (bigN * bigN * (bigN - 1));
            double stddev = Math.sqrt(variance);
            if (counts[numMcv - 1] > selec * sampleRows + 2 * stddev + 0.5) {
                break;
            }
            numMcv--;
            if (numMcv == 0) {
                break;
            }
            sum -= counts[numMcv - 1];
        }
        return numMcv;
    }

    /** Up to target + 1 bounds spread evenly over the sorted values that are not MCVs. */
    private static List<Object> histogram(List<Item> values, List<Track> mcvs, int distinctLeft, int target) {
        int numHist = distinctLeft > target ? target + 1 : distinctLeft;
        if (numHist < 2) {
            return List.of();
        }
        List<Track> byPosition = new ArrayList<>(mcvs);
        byPosition.sort(Comparator.comparingInt(Track::first));
        List<Object> rest = new ArrayList<>(values.size());
        int next = 0;
        for (Track t : byPosition) {
            for (int i = next; i < t.first(); i++) {
                rest.add(values.get(i).value());
            }
            next = t.first() + t.count();
        }
        for (int i = next; i < values.size(); i++) {
            rest.add(values.get(i).value());
        }
        int n = rest.size();
        int delta = (n - 1) / (numHist - 1);
        int deltaFrac = (n - 1) % (numHist - 1);
        int pos = 0;
        int posFrac = 0;
        List<Object> bounds = new ArrayList<>(numHist);
        for (int i = 0; i < numHist; i++) {
            bounds.add(rest.get(pos));
            pos += delta;
            posFrac += deltaFrac;
            if (posFrac >= numHist - 1) {
                pos++;
                posFrac -= numHist - 1;
            }
        }
        return bounds;
    }

    /** Pearson correlation between each value's rank in sorted order and its position in the sample. */
    private static double correlation(List<Item> sorted) {
        double n = sorted.size();
        double xySum = 0;
        for (int i = 0; i < sorted.size(); i++) {
            xySum += (double) i * sorted.get(i).tupno();
        }
        double xSum = (n - 1) * n / 2.0;
        double x2Sum = (n - 1) * n * (2 * n - 1) / 6.0;
        return (n * xySum - xSum * xSum) / (n * x2Sum - xSum * xSum);
    }
}
