package io.shaledb.sql.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PostgreSQL's compute_scalar_stats rules on samples of known distributions. */
class ColumnStatsBuilderTest {

    @Test
    void uniqueSortedColumnHasNoMcvsAFullHistogramAndCorrelationOne() {
        List<Object> values = Distributions.population(1000, i -> i + 1);
        ColumnStats s = ColumnStatsBuilder.build("id", SqlType.INTEGER, values, 1000, 100);
        assertThat(s.nDistinct()).isEqualTo(-1f);
        assertThat(s.nullFrac()).isZero();
        assertThat(s.avgWidth()).isEqualTo(4);
        assertThat(s.mcvValues()).isEmpty();
        assertThat(s.histogram()).hasSize(101).startsWith(1).endsWith(1000);
        assertThat(s.correlation()).isEqualTo(1f);
    }

    @Test
    void reversedOrderCorrelatesMinusOne() {
        List<Object> values = Distributions.population(500, i -> 500 - i);
        assertThat(ColumnStatsBuilder.build("c", SqlType.INTEGER, values, 500, 100).correlation()).isEqualTo(-1f);
    }

    @Test
    void fewRepeatedValuesAreAllMcvsWithExactFrequencies() {
        List<Object> values = Distributions.population(100, i -> i % 4 == 0 ? "a" : i % 4 == 1 ? "b" : "c");
        ColumnStats s = ColumnStatsBuilder.build("c", SqlType.TEXT, values, 100, 100);
        assertThat(s.nDistinct()).isEqualTo(3f);
        assertThat(s.mcvValues()).containsExactly("c", "a", "b"); // most common first, ties in value order
        assertThat(s.mcvFreqs()).containsExactly(0.5f, 0.25f, 0.25f);
        assertThat(s.histogram()).isEmpty();
        assertThat(s.avgWidth()).isEqualTo(2); // one byte of text, one of varlena header
    }

    @Test
    void nullsAreCountedAndLeftOutOfEverythingElse() {
        List<Object> values = Distributions.population(200, i -> i % 5 == 0 ? null : i % 10);
        ColumnStats s = ColumnStatsBuilder.build("c", SqlType.INTEGER, values, 200, 100);
        assertThat(s.nullFrac()).isEqualTo(0.2f);
        assertThat(s.mcvValues()).doesNotContainNull().hasSize(8);
        assertThat(s.mcvTotal() + s.nullFrac()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void allNullColumn() {
        List<Object> values = new ArrayList<>();
        values.add(null);
        values.add(null);
        ColumnStats s = ColumnStatsBuilder.build("c", SqlType.TEXT, values, 2, 100);
        assertThat(s.nullFrac()).isEqualTo(1f);
        assertThat(s.avgWidth()).isZero();
        assertThat(s.nDistinct()).isZero();
    }

    @Test
    void tooWideValuesStayOutOfMcvsAndHistogram() {
        String wide = "x".repeat(2000);
        List<Object> values = Distributions.population(10, i -> i < 5 ? wide : "s" + (i % 2));
        ColumnStats s = ColumnStatsBuilder.build("c", SqlType.TEXT, values, 10, 100);
        assertThat(s.mcvValues()).doesNotContain(wide);
        assertThat(s.histogram()).doesNotContain(wide);
        assertThat(s.avgWidth()).isGreaterThan(900);
    }

    @Test
    void haasStokesEstimatesDistinctValuesOfALargeTableFromASample() {
        // 300,000 rows, 20,000 distinct values uniformly: the sample of 30,000 sees most values once or twice
        Random random = new Random(7);
        List<Object> population = Distributions.population(300_000, i -> random.nextInt(20_000));
        long truth = new HashSet<>(population).size();
        ColumnStats s = Distributions.analyze(population, SqlType.INTEGER);
        double estimate = s.distinctIn(population.size());
        assertThat(estimate / truth).isBetween(0.6, 1.4);
    }

    @Test
    void aColumnGrowingWithTheTableIsStoredAsAFraction() {
        List<Object> population = Distributions.population(100_000, i -> i / 2);
        ColumnStats s = Distributions.analyze(population, SqlType.INTEGER);
        assertThat(s.nDistinct()).isNegative();
        assertThat(s.distinctIn(100_000)).isCloseTo(50_000, within(20_000.0));
    }

    @Test
    void mcvListOfASkewedSampleKeepsOnlySignificantlyCommonValues() {
        List<Object> population = Distributions.population(200_000, Distributions.zipf(10_000, 1));
        ColumnStats s = Distributions.analyze(population, SqlType.INTEGER);
        assertThat(s.mcvValues()).isNotEmpty().hasSizeLessThanOrEqualTo(100);
        assertThat(s.mcvValues().getFirst()).isEqualTo(1);
        // frequencies of the top values within a few percent (absolute) of the truth
        for (int k = 0; k < 5; k++) {
            Object v = s.mcvValues().get(k);
            double truth = Distributions.fraction(population, x -> x.equals(v));
            assertThat((double) s.mcvFreqs()[k]).isCloseTo(truth, within(0.01));
        }
        // the histogram holds no MCV
        assertThat(s.histogram()).doesNotContainAnyElementsOf(s.mcvValues());
    }

    @Test
    void numericWidthsFollowPostgresBase10000Digits() {
        assertThat(ValueWidths.numericDigits(new java.math.BigDecimal("0"))).isZero();
        assertThat(ValueWidths.numericDigits(new java.math.BigDecimal("1"))).isEqualTo(1);
        assertThat(ValueWidths.numericDigits(new java.math.BigDecimal("1.5"))).isEqualTo(2);
        assertThat(ValueWidths.numericDigits(new java.math.BigDecimal("100000"))).isEqualTo(1);
        assertThat(ValueWidths.numericDigits(new java.math.BigDecimal("12345.678"))).isEqualTo(3);
        assertThat(ValueWidths.width(SqlType.NUMERIC, new java.math.BigDecimal("3"))).isEqualTo(5);
        assertThat(ValueWidths.width(SqlType.INT4_ARRAY, List.of(0))).isEqualTo(25); // as PostgreSQL's int[] {0}
    }

    @Test
    void pageCountFollowsHeapTupleSizes() {
        ValueWidths.PageCounter pages = new ValueWidths.PageCounter(List.of(SqlType.INTEGER, SqlType.INTEGER));
        for (int i = 0; i < 10_000; i++) {
            pages.add(new Object[] {i, i});
        }
        // PostgreSQL: 32-byte tuples + 4-byte line pointers, 226 per page -> 45 pages
        assertThat(pages.pages()).isEqualTo(45);
    }
}
