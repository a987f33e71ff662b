package io.shaledb.sql.stats;

import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/** Test populations of known distribution, sampled as ANALYZE samples them. */
final class Distributions {
    private Distributions() {}

    /** {@code n} values made by {@code value(i)}, in order. */
    static List<Object> population(int n, IntFunction<Object> value) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(value.apply(i));
        }
        return out;
    }

    /** A Zipf(s = 1) draw over 1..n values: value k has probability proportional to 1/k. */
    static IntFunction<Object> zipf(int distinct, long seed) {
        double[] cumulative = new double[distinct];
        double sum = 0;
        for (int k = 1; k <= distinct; k++) {
            sum += 1.0 / k;
            cumulative[k - 1] = sum;
        }
        double total = sum;
        Random random = new Random(seed);
        return i -> {
            double u = random.nextDouble() * total;
            int lo = 0;
            int hi = distinct - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo + 1;
        };
    }

    /** A uniform random sample of {@code size} values of {@code population}, kept in population order. */
    static List<Object> sample(List<Object> population, int size, long seed) {
        if (population.size() <= size) {
            return population;
        }
        Random random = new Random(seed);
        boolean[] take = new boolean[population.size()];
        int chosen = 0;
        while (chosen < size) {
            int i = random.nextInt(population.size());
            if (!take[i]) {
                take[i] = true;
                chosen++;
            }
        }
        List<Object> out = new ArrayList<>(size);
        for (int i = 0; i < take.length; i++) {
            if (take[i]) {
                out.add(population.get(i));
            }
        }
        return out;
    }

    /** ANALYZE's statistics (target 100, so a sample of 30000) of an integer population. */
    static ColumnStats analyze(List<Object> population, SqlType type) {
        return ColumnStatsBuilder.build("c", type, sample(population, 30_000, 42), population.size(), 100);
    }

    /** How many values of {@code population} satisfy {@code p}, as a fraction. */
    static double fraction(List<Object> population, java.util.function.Predicate<Object> p) {
        long n = population.stream().filter(p).count();
        return (double) n / population.size();
    }
}
