package io.shaledb.sql.exec.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.Rows;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The merge join operator on hand-made sorted inputs: a layout of two slots per side, the left
 * side in slots 0-1 (key, tag), the right in 2-3.
 */
class MergeJoinTest {
    private static final Bound LEFT_KEY = new Bound.Slot(0, SqlType.INTEGER, 0, 0);
    private static final Bound RIGHT_KEY = new Bound.Slot(2, SqlType.BIGINT, 0, 0);

    private static Operator left(Object[]... keysAndTags) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] kt : keysAndTags) {
            rows.add(new Object[] {kt[0], kt[1], null, null});
        }
        return new Rows(() -> rows);
    }

    private static Operator right(Object[]... keysAndTags) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] kt : keysAndTags) {
            rows.add(new Object[] {null, null, kt[0], kt[1]});
        }
        return new Rows(() -> rows);
    }

    private static Object[] r(Object key, String tag) {
        return new Object[] {key, tag};
    }

    private static List<String> run(MergeJoin join) {
        List<String> out = new ArrayList<>();
        join.open();
        for (Object[] row = join.next(); row != null; row = join.next()) {
            out.add(row[1] + "-" + row[3]);
        }
        join.close();
        return out;
    }

    private static MergeJoin join(Operator l, Operator r, Bound residual) {
        return new MergeJoin(l, r, List.of(LEFT_KEY), List.of(RIGHT_KEY), residual, new int[] {2, 3}, () -> { });
    }

    @Test
    void duplicatesOnBothSidesGiveEveryPair() {
        MergeJoin j = join(left(r(1, "a"), r(2, "b"), r(2, "c"), r(4, "d")),
                right(r(2L, "x"), r(2L, "y"), r(3L, "z"), r(4L, "w")), null);
        assertThat(run(j)).containsExactly("b-x", "b-y", "c-x", "c-y", "d-w");
    }

    @Test
    void nullKeysNeverMatch() {
        // sorted ascending, NULLs last, as the Sort below a merge join delivers them
        MergeJoin j = join(left(r(1, "a"), r(null, "n1"), r(null, "n2")), right(r(1L, "x"), r(null, "m")), null);
        assertThat(run(j)).containsExactly("a-x");
    }

    @Test
    void residualConditionFiltersPairs() {
        Bound tagsDiffer = new Bound.Extension() {
            @Override
            public Object eval(Object[] row) {
                return !(row[1].equals("b") && row[3].equals("y"));
            }

            @Override
            public SqlType type() {
                return SqlType.BOOLEAN;
            }
        };
        MergeJoin j = join(left(r(2, "b"), r(2, "c")), right(r(2L, "x"), r(2L, "y")), tagsDiffer);
        assertThat(run(j)).containsExactly("b-x", "c-x", "c-y");
    }

    @Test
    void emptyInputsAndReopening() {
        assertThat(run(join(left(), right(r(1L, "x")), null))).isEmpty();
        assertThat(run(join(left(r(1, "a")), right(), null))).isEmpty();
        MergeJoin j = join(left(r(1, "a"), r(3, "b")), right(r(1L, "x"), r(3L, "y")), null);
        assertThat(run(j)).isEqualTo(run(j)).containsExactly("a-x", "b-y");
    }
}
