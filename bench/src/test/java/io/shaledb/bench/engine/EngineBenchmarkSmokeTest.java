package io.shaledb.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark bodies work on every store, on a tiny data set, called directly (no JMH run: the
 * default build never benchmarks).
 */
class EngineBenchmarkSmokeTest {

    private static final int KEYS = 2_000;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void workloadsRunAndSeeTheData(StoreKind kind) throws Exception {
        EngineBenchmark b = new EngineBenchmark();
        b.store = kind.label();
        b.keys = KEYS;
        b.cacheMb = 16;
        b.durability = "relaxed";
        b.dir = tmp.toString();
        b.setUp();
        try {
            for (int i = 0; i < 200; i++) {
                assertThat(b.pointGet()).hasSize(Dataset.VALUE_BYTES);
                assertThat(b.rangeScan100())
                        .isEqualTo((long) EngineBenchmark.SCAN_ROWS * (Dataset.KEY_BYTES + Dataset.VALUE_BYTES));
                b.randomPut();
                b.sequentialPut();
            }
        } finally {
            b.tearDown();
        }
        assertThat(tmp).isEmptyDirectory();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void durablePut(StoreKind kind) throws Exception {
        EngineBenchmark b = new EngineBenchmark();
        b.store = kind.label();
        b.keys = 100;
        b.cacheMb = 16;
        b.durability = "durable";
        b.dir = tmp.toString();
        b.setUp();
        try {
            for (int i = 0; i < 20; i++) {
                b.randomPut();
            }
            assertThat(b.pointGet()).hasSize(Dataset.VALUE_BYTES);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void keysSortAsTheirIndexes() {
        byte[] previous = Dataset.key(0);
        for (long i = 1; i < 10_000; i += 7) {
            byte[] k = Dataset.key(i);
            assertThat(java.util.Arrays.compareUnsigned(previous, k)).isNegative();
            assertThat(Dataset.index(k)).isEqualTo(i);
            previous = k;
        }
    }

    @Test
    void tableShowsScoresAndRatios() {
        EngineSuite.Config config = new EngineSuite.Config(List.of(StoreKind.values()),
                List.of(Workload.POINT_GET, Workload.DURABLE_PUT), 10, 10, 16, 1, 1, 1, 1, "1g", tmp);
        Map<Workload, Map<StoreKind, EngineSuite.Score>> scores = new LinkedHashMap<>();
        Map<StoreKind, EngineSuite.Score> get = new EnumMap<>(StoreKind.class);
        get.put(StoreKind.SHALEDB_BTREE, new EngineSuite.Score(200_000, 2_000));
        get.put(StoreKind.H2_MVSTORE, new EngineSuite.Score(100_000, Double.NaN));
        get.put(StoreKind.SQLITE, new EngineSuite.Score(400_000, 40_000));
        scores.put(Workload.POINT_GET, get);
        Map<StoreKind, EngineSuite.Score> durable = new EnumMap<>(StoreKind.class);
        durable.put(StoreKind.SQLITE, new EngineSuite.Score(3_000, 30));
        scores.put(Workload.DURABLE_PUT, durable);

        String table = EngineSuite.table(new EngineSuite.Results(config, scores));

        assertThat(table).contains("| point get (warm)")
                .contains("200,000 ±1%").contains("100,000 |").contains("2.00×").contains("0.50×")
                .contains("shaledb ÷ h2-mvstore").contains("n/a");
        assertThat(EngineSuite.durabilityTable(config)).contains("synchronous=FULL");
    }
}
