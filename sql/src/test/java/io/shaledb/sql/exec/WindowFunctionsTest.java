package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Window frames against a naive model that applies the frame definitions literally: for every row,
 * the frame is the set of partition rows whose position (ROWS), ORDER BY value (RANGE) or peer
 * group (GROUPS) lies within the bounds, minus the EXCLUDE set. Order-independent aggregates
 * (sum, count) are compared for every mode; first_value for ROWS over a total order.
 */
class WindowFunctionsTest {

    private record Row(int id, int p, int o, Integer v) {}

    private static final String[] EXCLUDES = {"", " EXCLUDE CURRENT ROW", " EXCLUDE GROUP", " EXCLUDE TIES", " EXCLUDE NO OTHERS"};

    @Property(tries = 40)
    void framesMatchTheNaiveModel(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>();
        int n = rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            rows.add(new Row(i, rnd.nextInt(3), rnd.nextInt(6), rnd.nextInt(5) == 0 ? null : rnd.nextInt(20) - 5));
        }
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        s.execute("CREATE TABLE w (id int PRIMARY KEY, p int, o int, v int)", NOOP);
        for (Row r : rows) {
            s.execute("INSERT INTO w VALUES (" + r.id() + ", " + r.p() + ", " + r.o() + ", " + r.v() + ")", NOOP);
        }
        String mode = new String[] {"ROWS", "RANGE", "GROUPS"}[rnd.nextInt(3)];
        int[] start;
        int[] end;
        do { // frame shapes PostgreSQL's grammar accepts
            start = bound(rnd);
            end = bound(rnd);
        } while (start[0] == 4 || end[0] == 0 || (start[0] == 2 && end[0] == 1) || (start[0] == 3 && end[0] <= 2));
        String exclude = EXCLUDES[rnd.nextInt(EXCLUDES.length)];
        String order = mode.equals("ROWS") ? "o, id" : "o";
        String frame = mode + " BETWEEN " + sql(start) + " AND " + sql(end) + exclude;
        String window = "(PARTITION BY p ORDER BY " + order + " " + frame + ")";
        List<Object[]> actual = query(s, "SELECT id, sum(v) OVER " + window + ", count(v) OVER " + window
                + ", count(*) OVER " + window + ", first_value(id) OVER " + window + " FROM w ORDER BY id");
        assertThat(actual).hasSize(n);
        for (Object[] got : actual) {
            Row r = rows.get((Integer) got[0]);
            List<Row> f = frame(rows, r, mode, start, end, exclude);
            Long sum = null;
            long count = 0;
            for (Row x : f) {
                if (x.v() != null) {
                    sum = (sum == null ? 0 : sum) + x.v();
                    count++;
                }
            }
            String ctx = frame + " row " + r + " of " + rows;
            assertThat(got[1]).as("sum " + ctx).isEqualTo(sum);
            assertThat(got[2]).as("count " + ctx).isEqualTo(count);
            assertThat(got[3]).as("count(*) " + ctx).isEqualTo((long) f.size());
            if (mode.equals("ROWS")) {
                assertThat(got[4]).as("first_value " + ctx).isEqualTo(f.isEmpty() ? null : f.getFirst().id());
            }
        }
    }

    /** {kind, offset}: 0 UNBOUNDED PRECEDING, 1 n PRECEDING, 2 CURRENT ROW, 3 n FOLLOWING, 4 UNBOUNDED FOLLOWING. */
    private static int[] bound(Random rnd) {
        return new int[] {rnd.nextInt(5), rnd.nextInt(4)};
    }

    private static String sql(int[] b) {
        return switch (b[0]) {
            case 0 -> "UNBOUNDED PRECEDING";
            case 1 -> b[1] + " PRECEDING";
            case 2 -> "CURRENT ROW";
            case 3 -> b[1] + " FOLLOWING";
            default -> "UNBOUNDED FOLLOWING";
        };
    }

    /** The frame of {@code r} by definition, in (o, id) order. */
    private static List<Row> frame(List<Row> rows, Row r, String mode, int[] start, int[] end, String exclude) {
        List<Row> part = new ArrayList<>(rows.stream().filter(x -> x.p() == r.p()).toList());
        part.sort((a, b) -> a.o() != b.o() ? Integer.compare(a.o(), b.o()) : Integer.compare(a.id(), b.id()));
        int[] distinct = part.stream().mapToInt(Row::o).distinct().sorted().toArray();
        int i = part.indexOf(r);
        List<Row> out = new ArrayList<>();
        for (int j = 0; j < part.size(); j++) {
            Row x = part.get(j);
            long pos;
            long cur;
            if (mode.equals("ROWS")) {
                pos = j;
                cur = i;
            } else if (mode.equals("RANGE")) {
                pos = x.o();
                cur = r.o();
            } else {
                pos = Arrays.binarySearch(distinct, x.o());
                cur = Arrays.binarySearch(distinct, r.o());
            }
            boolean afterStart = switch (start[0]) {
                case 0 -> true;
                case 1 -> pos >= cur - start[1];
                case 2 -> mode.equals("ROWS") ? j >= i : pos >= cur;
                default -> pos >= cur + start[1];
            };
            boolean beforeEnd = switch (end[0]) {
                case 4 -> true;
                case 3 -> pos <= cur + end[1];
                case 2 -> mode.equals("ROWS") ? j <= i : pos <= cur;
                default -> pos <= cur - end[1];
            };
            if (!afterStart || !beforeEnd) {
                continue;
            }
            boolean peer = mode.equals("ROWS") ? x == r : x.o() == r.o(); // ROWS orders by (o, id): no ties
            boolean excluded = switch (exclude.trim()) {
                case "EXCLUDE CURRENT ROW" -> x == r;
                case "EXCLUDE GROUP" -> peer;
                case "EXCLUDE TIES" -> peer && x != r;
                default -> false;
            };
            if (!excluded) {
                out.add(x);
            }
        }
        return out;
    }

    @Test
    void largePartitionsStayLinearish() {
        SqlSession s = new SqlDatabase(new MemoryEngine()).openSession();
        long start = System.nanoTime();
        List<Object[]> rows = query(s, "SELECT g, sum(g) OVER (ORDER BY g RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING),"
                + " count(*) OVER (ORDER BY g / 10 GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW),"
                + " sum(g) OVER (ORDER BY g ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING), rank() OVER (ORDER BY g % 7),"
                + " sum(g) OVER (), lag(g, 5) OVER (ORDER BY g) FROM generate_series(1, 20000) g ORDER BY g");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(rows).hasSize(20000);
        Object[] r = rows.get(99); // g = 100
        assertThat(r[1]).isEqualTo(500L);
        assertThat(r[2]).isEqualTo(20L); // peer groups g / 10 = 9 (90..99) and 10 (100..109)
        assertThat(r[3]).isEqualTo(97L + 98 + 99 + 100 + 101);
        assertThat(r[5]).isEqualTo(20000L * 20001 / 2);
        assertThat(r[6]).isEqualTo(95);
        assertThat(millis).as("quadratic frame evaluation would take minutes").isLessThan(10_000);
    }

    private static List<Object[]> query(SqlSession s, String sql) {
        List<Object[]> rows = new ArrayList<>();
        s.execute(sql, new ResultSink() {
            @Override
            public void columns(List<ColumnInfo> columns) {}

            @Override
            public void row(Object[] values) {
                rows.add(values);
            }

            @Override
            public void complete(String commandTag) {}

            @Override
            public void emptyQuery() {}
        });
        return rows;
    }

    private static final ResultSink NOOP = new ResultSink() {
        @Override
        public void columns(List<ColumnInfo> columns) {}

        @Override
        public void row(Object[] values) {}

        @Override
        public void complete(String commandTag) {}

        @Override
        public void emptyQuery() {}
    };
}
