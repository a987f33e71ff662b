package io.shaledb.sql.exec.op;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.spill.ExternalMerge;
import io.shaledb.sql.exec.spill.TempFiles;
import io.shaledb.sql.exec.spill.WorkMem;
import io.shaledb.sql.types.SqlType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sort, Join, Distinct and SetOperation at the smallest work_mem (64kB) over inputs that force
 * several runs, batches and partitions give the results of the in-memory path, and leave no
 * temporary file behind, whether they finish, fail or are closed early.
 */
class SpillingOperatorsTest {
    private static final long SMALL = 64 * 1024;
    private static final long LARGE = 1L << 30;

    @TempDir
    Path dir;
    TempFiles files;
    WorkMem small;
    WorkMem large;

    @BeforeEach
    void budgets() {
        files = TempFiles.at(dir);
        small = new WorkMem(SMALL, 2.0, files);
        large = new WorkMem(LARGE, 2.0, files);
    }

    /** An input that makes its rows as it goes (holds none), so that memory tests measure the operator. */
    private static Operator generated(int n, IntFunction<Object[]> row) {
        return new Operator() {
            int i;

            @Override
            public void open() {
                i = 0;
            }

            @Override
            public Object[] next() {
                return i < n ? row.apply(i++) : null;
            }

            @Override
            public void close() {}
        };
    }

    private static List<Object[]> drain(Operator op) {
        List<Object[]> out = new ArrayList<>();
        op.open();
        try {
            for (Object[] r = op.next(); r != null; r = op.next()) {
                out.add(r);
            }
        } finally {
            op.close();
        }
        return out;
    }

    private static List<String> text(List<Object[]> rows) {
        return rows.stream().map(Arrays::deepToString).toList();
    }

    private static List<String> sortedText(List<Object[]> rows) {
        return text(rows).stream().sorted().toList();
    }

    private static final Comparator<Object[]> BY_KEY = (a, b) -> {
        if (a[0] == null || b[0] == null) {
            return a[0] == null ? (b[0] == null ? 0 : 1) : -1; // NULLS LAST
        }
        return Long.compare((Long) a[0], (Long) b[0]);
    };

    private static Object[] sortRow(int i) {
        long key = (i * 7919L) % 1000;
        return new Object[] {i % 97 == 0 ? null : key, (long) i, "payload-" + i};
    }

    // ------------------------------------------------------------------ Sort

    @Test
    void externalSortIsStableAndEqualsTheInMemorySort() {
        int n = 20_000;
        Sort external = new Sort(generated(n, SpillingOperatorsTest::sortRow), BY_KEY, small, null);
        List<Object[]> got = drain(external);
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(sortRow(i));
        }
        expected.sort(BY_KEY); // List.sort is stable: ties keep input order (column 1 ascending)
        assertThat(text(got)).isEqualTo(text(expected));
        assertThat(external.method()).isEqualTo(Sort.Method.EXTERNAL_MERGE);
        assertThat(external.explainLine()).matches("Sort Method: external merge  Disk: \\d+kB");
        assertThat(external.spaceUsedKb()).isGreaterThan(SMALL / 1024);
        assertThat(files.filesOnDisk()).isEmpty();

        Sort inMemory = new Sort(generated(n, SpillingOperatorsTest::sortRow), BY_KEY, large, null);
        assertThat(text(drain(inMemory))).isEqualTo(text(expected));
        assertThat(inMemory.method()).isEqualTo(Sort.Method.QUICKSORT);
        assertThat(inMemory.explainLine()).matches("Sort Method: quicksort  Memory: \\d+kB");
    }

    @Test
    void aBigSortHoldsABoundedNumberOfRowsWhateverTheInputSize() {
        int n = 200_000; // about 100 runs at 64kB: more than one merge pass at fan-in 6
        assertThat(ExternalMerge.fanIn(small)).isEqualTo(ExternalMerge.MIN_FAN_IN);
        Sort sort = new Sort(generated(n, i -> new Object[] {(long) ((i * 104_729L) % n), (long) i}), BY_KEY, small, null);
        sort.open();
        long count = 0;
        long last = -1;
        for (Object[] r = sort.next(); r != null; r = sort.next()) {
            assertThat((Long) r[0]).isGreaterThanOrEqualTo(last);
            last = (Long) r[0];
            count++;
        }
        assertThat(count).isEqualTo(n);
        assertThat(files.filesOnDisk()).isNotEmpty(); // the final merge's runs, until close
        sort.close();
        assertThat(files.filesOnDisk()).isEmpty();
        // the in-memory buffer never exceeded work_mem by more than one row
        assertThat(sort.peakMemoryBytes()).isLessThan(SMALL + 200);
    }

    @Test
    void topNKeepsTheFirstRowsInStableOrder() {
        int n = 20_000;
        for (long bound : new long[] {0, 1, 10, 200}) {
            Sort top = new Sort(generated(n, SpillingOperatorsTest::sortRow), BY_KEY, small, () -> bound);
            List<Object[]> got = drain(top);
            List<Object[]> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add(sortRow(i));
            }
            expected.sort(BY_KEY);
            assertThat(text(got.subList(0, (int) Math.min(bound, got.size()))))
                    .isEqualTo(text(expected.subList(0, (int) bound)));
            assertThat(top.method()).isEqualTo(Sort.Method.TOP_N_HEAPSORT);
            assertThat(top.explainLine()).startsWith("Sort Method: top-N heapsort  Memory: ");
        }
        // fewer than 2n rows: an ordinary quicksort, as in PostgreSQL
        Sort few = new Sort(generated(15, SpillingOperatorsTest::sortRow), BY_KEY, small, () -> 10);
        assertThat(drain(few)).hasSize(15);
        assertThat(few.method()).isEqualTo(Sort.Method.QUICKSORT);
        // n rows that do not fit in work_mem: external sort, still right
        Sort big = new Sort(generated(n, SpillingOperatorsTest::sortRow), BY_KEY, small, () -> 5_000);
        List<Object[]> got = drain(big);
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(sortRow(i));
        }
        expected.sort(BY_KEY);
        assertThat(text(got.subList(0, 5_000))).isEqualTo(text(expected.subList(0, 5_000)));
        assertThat(big.method()).isEqualTo(Sort.Method.EXTERNAL_MERGE);
        assertThat(files.filesOnDisk()).isEmpty();
    }

    @Test
    void aFailingInputLeavesNoRunsBehind() {
        Sort sort = new Sort(generated(50_000, i -> {
            if (i == 40_000) {
                throw new IllegalStateException("input failed at row " + i);
            }
            return sortRow(i);
        }), BY_KEY, small, null);
        assertThatThrownBy(sort::open).hasMessage("input failed at row 40000");
        assertThat(files.filesOnDisk()).isEmpty();
        assertThat(files.liveFiles()).isEmpty();
    }

    @Test
    void aSortCancelledWhileMergingLeavesNoRunsBehind() {
        int[] ticks = {0};
        Sort sort = new Sort(generated(20_000, SpillingOperatorsTest::sortRow), BY_KEY, small, null, () -> {
            if (++ticks[0] == 25_000) { // past the 20 000 run writes: in the merge
                throw new IllegalStateException("canceling statement due to user request");
            }
        });
        assertThatThrownBy(() -> drain(sort)).hasMessageContaining("canceling");
        assertThat(files.filesOnDisk()).isEmpty();
    }

    @Test
    void reopeningASpilledSortStartsAgainWithoutLeakingFiles() {
        Sort sort = new Sort(generated(10_000, SpillingOperatorsTest::sortRow), BY_KEY, small, null);
        sort.open();
        sort.next();
        sort.open(); // a correlated subquery re-opens its plan
        assertThat(drain(sort)).hasSize(10_000);
        assertThat(files.filesOnDisk()).isEmpty();
    }

    // ------------------------------------------------------------------ Join

    private static final int[] RIGHT_SLOTS = {2, 3};

    private static List<Object[]> leftRows(int n, Random rnd) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long key = rnd.nextInt(20) == 0 ? null : (long) rnd.nextInt(n / 2);
            rows.add(new Object[] {key, "l" + i, null, null});
        }
        return rows;
    }

    private static List<Object[]> rightRows(int n, Random rnd) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long key = rnd.nextInt(20) == 0 ? null : (long) rnd.nextInt(n / 2);
            rows.add(new Object[] {null, null, key, "r" + i + "-" + "x".repeat(i % 40)});
        }
        return rows;
    }

    /** A residual condition: the sum of the row numbers' last digits is not divisible by 3. */
    private static final Bound RESIDUAL = new Bound.Extension() {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Object[] row) {
            String l = (String) row[1];
            String r = ((String) row[3]).split("-")[0];
            return (l.charAt(l.length() - 1) + r.charAt(r.length() - 1)) % 3 != 0;
        }
    };

    /** The join by definition: nested loops, NULL keys never equal, unmatched rows padded; SEMI/ANTI emit left rows. */
    private static List<Object[]> model(Join.Kind kind, List<Object[]> left, List<Object[]> right, Bound residual) {
        List<Object[]> out = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (Object[] l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                Object[] r = right.get(j);
                if (l[0] == null || r[2] == null || !l[0].equals(r[2])) {
                    continue;
                }
                Object[] joined = {l[0], l[1], r[2], r[3]};
                if (residual != null && !Boolean.TRUE.equals(residual.eval(joined))) {
                    continue;
                }
                if (kind != Join.Kind.SEMI && kind != Join.Kind.ANTI) {
                    out.add(joined);
                }
                matched = true;
                rightMatched[j] = true;
            }
            if (matched ? kind == Join.Kind.SEMI : kind == Join.Kind.LEFT || kind == Join.Kind.FULL || kind == Join.Kind.ANTI) {
                out.add(l.clone()); // SEMI: once however many matches; ANTI: the left row alone
            }
        }
        if (kind == Join.Kind.RIGHT || kind == Join.Kind.FULL) {
            for (int j = 0; j < right.size(); j++) {
                if (!rightMatched[j]) {
                    out.add(right.get(j).clone());
                }
            }
        }
        return out;
    }

    @Test
    void graceHashJoinGivesEveryJoinKindsResultWithNullKeysAndResiduals() {
        Random rnd = new Random(11);
        List<Object[]> left = leftRows(1_500, rnd);
        List<Object[]> right = rightRows(1_500, rnd);
        for (Join.Kind kind : Join.Kind.values()) {
            for (Bound residual : new Bound[] {null, RESIDUAL}) {
                Join join = new Join(kind, new Rows(() -> left), new Rows(() -> right), List.of(new Bound.Slot(0, SqlType.BIGINT, 0, 0)),
                        List.of(new Bound.Slot(2, SqlType.BIGINT, 0, 0)), residual, RIGHT_SLOTS, () -> { }, small);
                List<Object[]> got = drain(join);
                assertThat(sortedText(got)).as("%s join, residual %s", kind, residual != null)
                        .isEqualTo(sortedText(model(kind, left, right, residual)));
                assertThat(join.batches()).as("%s join batches", kind).isGreaterThan(1);
                assertThat(join.diskBytes()).isPositive();
                assertThat(files.filesOnDisk()).isEmpty();
            }
        }
    }

    @Test
    void aBatchOfOneRepeatedKeyIsJoinedInMemoryInsteadOfSplitForever() {
        List<Object[]> left = new ArrayList<>();
        List<Object[]> right = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            right.add(new Object[] {null, null, i < 2_500 ? 7L : (long) i, "r" + i + "-" + "y".repeat(20)});
        }
        for (int i = 0; i < 50; i++) {
            left.add(new Object[] {i % 2 == 0 ? 7L : (long) (2_500 + i), "l" + i, null, null});
        }
        Join join = new Join(Join.Kind.FULL, new Rows(() -> left), new Rows(() -> right), List.of(new Bound.Slot(0, SqlType.BIGINT, 0, 0)),
                List.of(new Bound.Slot(2, SqlType.BIGINT, 0, 0)), null, RIGHT_SLOTS, () -> { }, small);
        assertThat(sortedText(drain(join))).isEqualTo(sortedText(model(Join.Kind.FULL, left, right, null)));
        assertThat(files.filesOnDisk()).isEmpty();
    }

    @Test
    void closingAJoinHalfWayDeletesItsBatches() {
        Random rnd = new Random(5);
        List<Object[]> left = leftRows(3_000, rnd);
        List<Object[]> right = rightRows(3_000, rnd);
        Join join = new Join(Join.Kind.INNER, new Rows(() -> left), new Rows(() -> right), List.of(new Bound.Slot(0, SqlType.BIGINT, 0, 0)),
                List.of(new Bound.Slot(2, SqlType.BIGINT, 0, 0)), null, RIGHT_SLOTS, () -> { }, small);
        join.open();
        assertThat(join.next()).isNotNull();
        assertThat(files.filesOnDisk()).isNotEmpty();
        join.close();
        assertThat(files.filesOnDisk()).isEmpty();
    }

    @Test
    void aCancelledJoinLeavesNoBatches() {
        Random rnd = new Random(5);
        List<Object[]> left = leftRows(3_000, rnd);
        List<Object[]> right = rightRows(3_000, rnd);
        int[] ticks = {0};
        Join join = new Join(Join.Kind.LEFT, new Rows(() -> left), new Rows(() -> right), List.of(new Bound.Slot(0, SqlType.BIGINT, 0, 0)),
                List.of(new Bound.Slot(2, SqlType.BIGINT, 0, 0)), null, RIGHT_SLOTS, () -> {
                    if (++ticks[0] == 2_000) {
                        throw new IllegalStateException("canceling statement due to user request");
                    }
                }, small);
        assertThatThrownBy(() -> drain(join)).hasMessageContaining("canceling");
        assertThat(files.filesOnDisk()).isEmpty();
    }

    // ------------------------------------------------------------------ Distinct and set operations

    @Test
    void hashedDistinctSpillsAndKeepsOneRowPerKey() {
        int n = 30_000;
        IntFunction<Object[]> row = i -> new Object[] {(long) (i % 7_000), i % 7_000 == 3 ? null : "v" + (i % 7_000)};
        Distinct spilled = new Distinct(generated(n, row), 0, 2, false, small);
        List<Object[]> got = drain(spilled);
        List<Object[]> expected = drain(new Distinct(generated(n, row), 0, 2, false, large));
        assertThat(expected).hasSize(7_000);
        assertThat(sortedText(got)).isEqualTo(sortedText(expected));
        assertThat(spilled.batches()).isGreaterThan(1);
        assertThat(files.filesOnDisk()).isEmpty();
    }

    @Test
    void setOperationsSpillAndCountMultiplicities() {
        Random rnd = new Random(3);
        List<Object[]> left = new ArrayList<>();
        List<Object[]> right = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            left.add(new Object[] {(long) rnd.nextInt(4_000), rnd.nextInt(10) == 0 ? null : "a"});
            right.add(new Object[] {(long) rnd.nextInt(4_000), rnd.nextInt(10) == 0 ? null : "a"});
        }
        for (SetOperation.Kind kind : SetOperation.Kind.values()) {
            for (boolean all : new boolean[] {false, true}) {
                SetOperation spilled = new SetOperation(kind, all, new Rows(() -> left), new Rows(() -> right), small);
                SetOperation inMemory = new SetOperation(kind, all, new Rows(() -> left), new Rows(() -> right), large);
                assertThat(sortedText(drain(spilled))).as("%s %s", kind, all).isEqualTo(sortedText(drain(inMemory)));
                if (!(kind == SetOperation.Kind.UNION && all)) {
                    assertThat(spilled.batches()).as("%s %s batches", kind, all).isGreaterThan(1);
                }
                assertThat(files.filesOnDisk()).isEmpty();
            }
        }
    }
}
