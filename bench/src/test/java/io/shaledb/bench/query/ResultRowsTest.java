package io.shaledb.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultRowsTest {

    private static ResultRows rows(String... cells) {
        return new ResultRows(List.of("a", "b"), Arrays.stream(cells).map(c -> Arrays.asList(c.split(",", -1)))
                .map(r -> r.stream().map(v -> v.equals("NULL") ? null : v).toList()).toList());
    }

    @Test
    void sameRowsInAnotherOrderAreEqualOnlyAsMultisets() {
        ResultRows x = rows("1,a", "2,b");
        ResultRows y = rows("2,b", "1,a");
        assertThat(x.difference(y, false)).isEmpty();
        assertThat(x.difference(y, true)).hasValueSatisfying(d -> assertThat(d).contains("row 1 differs"));
    }

    @Test
    void aMissingRowADifferentValueAndANullAreReported() {
        assertThat(rows("1,a", "2,b").difference(rows("1,a"), true))
                .hasValueSatisfying(d -> assertThat(d).contains("expected 2 rows, got 1", "[2, b]"));
        assertThat(rows("1,a").difference(rows("1,A"), false)).isPresent();
        assertThat(rows("1,NULL").difference(rows("1,NULL"), false)).isEmpty();
        assertThat(rows("1,NULL").difference(rows("1,"), false)).isPresent();
        assertThat(rows("1,a").difference(new ResultRows(List.of("a", "c"), List.of(List.of("1", "a"))), false))
                .hasValueSatisfying(d -> assertThat(d).contains("columns differ"));
    }
}
