package io.shaledb.sql.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shaledb.sql.types.SqlType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Estimates from statistics of sampled populations against the true fractions: uniform, skewed
 * (Zipf) and with NULLs; and PostgreSQL's defaults without statistics.
 */
class SelectivityTest {
    private static final int ROWS = 200_000;

    private static ColumnEstimates estimates(List<Object> population, SqlType type) {
        return Selectivity.column(Distributions.analyze(population, type), type, population.size());
    }

    @Test
    void uniformIntegers() {
        Random random = new Random(3);
        List<Object> pop = Distributions.population(ROWS, i -> random.nextInt(10_000));
        ColumnEstimates c = estimates(pop, SqlType.INTEGER);
        assertThat(c.eq(1234)).isCloseTo(Distributions.fraction(pop, v -> (int) v == 1234), within(0.0005));
        assertThat(c.lt(2500)).isCloseTo(Distributions.fraction(pop, v -> (int) v < 2500), within(0.02));
        assertThat(c.le(2500)).isCloseTo(Distributions.fraction(pop, v -> (int) v <= 2500), within(0.02));
        assertThat(c.gt(9000)).isCloseTo(Distributions.fraction(pop, v -> (int) v > 9000), within(0.02));
        assertThat(c.ge(0)).isCloseTo(1.0, within(0.02));
        assertThat(c.lt(-5)).isLessThan(0.001);
        assertThat(c.gt(20_000)).isLessThan(0.001);
        assertThat(c.between(1000, 2000)).isCloseTo(Distributions.fraction(pop, v -> (int) v >= 1000 && (int) v <= 2000),
                within(0.02));
        assertThat(c.ne(1234)).isCloseTo(1.0, within(0.001));
        assertThat(c.in(List.of(1, 2, 3, 4))).isCloseTo(Distributions.fraction(pop, v -> (int) v >= 1 && (int) v <= 4),
                within(0.001));
        assertThat(c.distinct()).isCloseTo(10_000, within(2_500.0));
    }

    @Test
    void skewedZipfValues() {
        List<Object> pop = Distributions.population(ROWS, Distributions.zipf(5_000, 11));
        ColumnEstimates c = estimates(pop, SqlType.INTEGER);
        // common values come from the MCV list
        for (int v : new int[] {1, 2, 5, 20}) {
            double truth = Distributions.fraction(pop, x -> (int) x == v);
            assertThat(c.eq(v)).as("= %d", v).isCloseTo(truth, within(truth * 0.2 + 0.001));
        }
        // a rare value: the spread of the non-MCV rest, far below the common ones
        double rare = Distributions.fraction(pop, x -> (int) x == 4_000);
        assertThat(c.eq(4_000)).isLessThan(0.001).isCloseTo(rare, within(0.0005));
        double lt10 = Distributions.fraction(pop, x -> (int) x < 10);
        assertThat(c.lt(10)).isCloseTo(lt10, within(0.03));
        double gt1000 = Distributions.fraction(pop, x -> (int) x > 1000);
        assertThat(c.gt(1000)).isCloseTo(gt1000, within(0.03));
        double in = Distributions.fraction(pop, x -> (int) x == 1 || (int) x == 3 || (int) x == 3000);
        assertThat(c.in(List.of(1, 3, 3000))).isCloseTo(in, within(0.02));
    }

    @Test
    void nullsAndTheirTests() {
        Random random = new Random(5);
        List<Object> pop = Distributions.population(ROWS, i -> random.nextInt(10) < 3 ? null : random.nextInt(100));
        ColumnEstimates c = estimates(pop, SqlType.INTEGER);
        double nulls = Distributions.fraction(pop, v -> v == null);
        assertThat(c.isNull()).isCloseTo(nulls, within(0.01));
        assertThat(c.isNotNull()).isCloseTo(1 - nulls, within(0.01));
        assertThat(c.ne(50)).isCloseTo(Distributions.fraction(pop, v -> v != null && (int) v != 50), within(0.01));
        assertThat(c.lt(50)).isCloseTo(Distributions.fraction(pop, v -> v != null && (int) v < 50), within(0.02));
        assertThat(c.eq(null)).isZero();
        assertThat(c.notIn(List.of(1, 2))).isCloseTo(Distributions.fraction(pop, v -> v != null && (int) v > 2), within(0.01));
    }

    @Test
    void booleans() {
        Random random = new Random(9);
        List<Object> pop = Distributions.population(ROWS, i -> random.nextInt(100) < 15);
        ColumnEstimates c = estimates(pop, SqlType.BOOLEAN);
        assertThat(c.isTrue()).isCloseTo(0.15, within(0.01));
        assertThat(c.isFalse()).isCloseTo(0.85, within(0.01));
        ColumnEstimates none = Selectivity.column((ColumnStats) null, SqlType.BOOLEAN, ROWS);
        assertThat(none.isTrue()).isEqualTo(0.5);
        assertThat(none.distinct()).isEqualTo(2);
    }

    @Test
    void likePrefixOnStrings() {
        Random random = new Random(13);
        String[] prefixes = {"alpha", "beta", "gamma", "delta", "omega"};
        List<Object> pop = Distributions.population(ROWS,
                i -> prefixes[random.nextInt(prefixes.length)] + "-" + random.nextInt(50_000));
        ColumnEstimates c = estimates(pop, SqlType.TEXT);
        double truth = Distributions.fraction(pop, v -> ((String) v).startsWith("gamma-1"));
        assertThat(c.like("gamma-1%")).isCloseTo(truth, within(0.03));
        assertThat(c.like("zzz%")).isLessThan(0.01);
        assertThat(c.like("beta-42")).isEqualTo(c.eq("beta-42"));
        assertThat(ColumnEstimates.likeMatches("gamma-17", "gamma-1%")).isTrue();
        assertThat(ColumnEstimates.likeMatches("gamma_17", "gamma\\_1_")).isTrue();
        assertThat(ColumnEstimates.likeMatches("gamma-17", "gamma\\_1_")).isFalse();
    }

    @Test
    void equiJoinOfSkewedColumnsWithMcvs() {
        List<Object> a = Distributions.population(50_000, Distributions.zipf(2_000, 21));
        List<Object> b = Distributions.population(80_000, Distributions.zipf(2_000, 22));
        Map<Object, Long> countB = new HashMap<>();
        b.forEach(v -> countB.merge(v, 1L, Long::sum));
        double matches = 0;
        for (Object v : a) {
            matches += countB.getOrDefault(v, 0L);
        }
        double truth = matches / ((double) a.size() * b.size());
        double est = Selectivity.eqJoin(estimates(a, SqlType.INTEGER), estimates(b, SqlType.INTEGER));
        assertThat(est / truth).isBetween(0.8, 1.25);
    }

    @Test
    void equiJoinOfUniqueKeyAndForeignKey() {
        List<Object> users = Distributions.population(10_000, i -> i);
        Random random = new Random(4);
        List<Object> orders = Distributions.population(100_000, i -> random.nextInt(10_000));
        double est = Selectivity.eqJoin(estimates(orders, SqlType.INTEGER), estimates(users, SqlType.INTEGER));
        assertThat(est * orders.size() * users.size()).isCloseTo(orders.size(), within(orders.size() * 0.1));
    }

    @Test
    void groupCounts() {
        Random random = new Random(6);
        List<Object> pop = Distributions.population(ROWS, i -> random.nextInt(300));
        ColumnEstimates c = estimates(pop, SqlType.INTEGER);
        assertThat(Selectivity.groups(List.of(c), ROWS, ROWS)).isEqualTo(300);
        // several columns: the product, but at most a tenth of the table (they are probably correlated)
        assertThat(Selectivity.groups(List.of(c, c), ROWS, ROWS)).isEqualTo(ROWS / 10);
        assertThat(Selectivity.groups(List.of(c, c), 1_000_000, 1_000_000)).isEqualTo(90_000);
        // a restricted input of 100 rows of the table cannot have more than 100 groups
        assertThat(Selectivity.groups(List.of(c), ROWS, 100)).isLessThanOrEqualTo(100).isGreaterThan(70);
    }

    @Test
    void postgresDefaultsWithoutStatistics() {
        ColumnEstimates c = Selectivity.column((TableStats) null, "x", SqlType.INTEGER, 10_000);
        assertThat(c.hasStats()).isFalse();
        assertThat(c.eq(5)).isEqualTo(Selectivity.DEFAULT_EQ_SEL);
        assertThat(c.lt(5)).isEqualTo(Selectivity.DEFAULT_INEQ_SEL);
        assertThat(c.between(1, 5)).isEqualTo(Selectivity.DEFAULT_RANGE_INEQ_SEL);
        assertThat(c.isNull()).isEqualTo(Selectivity.DEFAULT_UNK_SEL);
        assertThat(c.isNotNull()).isEqualTo(Selectivity.DEFAULT_NOT_UNK_SEL);
        assertThat(c.like("ab%")).isEqualTo(Selectivity.DEFAULT_MATCH_SEL);
        assertThat(c.distinct()).isEqualTo(Selectivity.DEFAULT_NUM_DISTINCT);
        assertThat(c.ne(5)).isEqualTo(1 - Selectivity.DEFAULT_EQ_SEL);
        // a table smaller than the default distinct count: every row distinct
        assertThat(Selectivity.column((TableStats) null, "x", SqlType.INTEGER, 50).distinct()).isEqualTo(50);
        // without MCVs on either side: 1 / max(nd1, nd2)
        assertThat(Selectivity.eqJoin(c, c)).isEqualTo(1.0 / 200);
    }

    @Test
    void statisticsOfAChangedColumnTypeAreIgnored() {
        ColumnStats s = ColumnStatsBuilder.build("x", SqlType.INTEGER, List.of(1, 1, 2), 3, 100);
        TableStats t = new TableStats(1, 3, 1, null, null, 1, 0, Map.of("x", s));
        assertThat(Selectivity.column(t, "x", SqlType.INTEGER, 0).hasStats()).isTrue();
        assertThat(Selectivity.column(t, "x", SqlType.TEXT, 0).hasStats()).isFalse();
        assertThat(Selectivity.column(t, "x", SqlType.INTEGER, 0).eq(1)).isCloseTo(2.0 / 3, within(1e-6));
    }
}
