package io.shaledb.server.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.server.slt.SltRecord.Query;
import io.shaledb.server.slt.SltRecord.SortMode;
import io.shaledb.server.slt.SltRecord.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's parts that need no server: the parser, value formatting, sorting and hashing. */
class SltParserAndValuesTest {

    private static final String FILE = """
            hash-threshold 8

            statement ok
            CREATE TABLE t1(a INTEGER,
              b INTEGER)

            # a comment between records
            skipif mssql # not compatible
            statement error
            CREATE TABLE t1(a INTEGER)

            onlyif mssql
            query I nosort
            SELECT 1
            ----
            1

            query IT rowsort label-x
            SELECT a, b
              FROM t1
            ----
            1
            (empty)
            NULL
            x

            query I valuesort
            SELECT a FROM t1
            ----
            30 values hashing to 0123456789abcdef0123456789abcdef

            halt
            """;

    @Test
    void parsesEveryRecordKind() {
        List<SltRecord> records = SltParser.parse(FILE);
        assertThat(records).hasSize(7);
        assertThat(records.get(6)).isEqualTo(new SltRecord.Halt(32, List.of()));
        assertThat(records.get(0)).isEqualTo(new SltRecord.HashThreshold(1, List.of(), 8));
        Statement create = (Statement) records.get(1);
        assertThat(create.sql()).isEqualTo("CREATE TABLE t1(a INTEGER,\n  b INTEGER)");
        assertThat(create.expectError()).isFalse();
        Statement error = (Statement) records.get(2);
        assertThat(error.expectError()).isTrue();
        assertThat(error.line()).isEqualTo(9);
        assertThat(error.appliesTo("postgresql")).isTrue();
        assertThat(records.get(3).appliesTo("postgresql")).isFalse();
        Query q = (Query) records.get(4);
        assertThat(q.types()).isEqualTo("IT");
        assertThat(q.sort()).isEqualTo(SortMode.ROWSORT);
        assertThat(q.label()).isEqualTo("label-x");
        assertThat(q.sql()).isEqualTo("SELECT a, b\n  FROM t1");
        assertThat(q.expected()).containsExactly("1", "(empty)", "NULL", "x");
        assertThat(SltValues.isHashed(((Query) records.get(5)).expected())).isTrue();
        assertThat(SltValues.isHashed(q.expected())).isFalse();
    }

    @Test
    void unknownRecordsAreErrorsNamingTheLine() {
        assertThatThrownBy(() -> SltParser.parse("statement ok\nSELECT 1\n\nfrobnicate\n"))
                .hasMessageContaining("line 4");
    }

    @Test
    void formatsValuesAsTheReferenceRunnerDoes() {
        // I: C conversion to integer, truncating toward zero; booleans are 1 and 0; text is its numeric prefix or 0
        assertThat(SltValues.format('I', Types.NUMERIC, "107.5000000000000000")).isEqualTo("107");
        assertThat(SltValues.format('I', Types.NUMERIC, "-2.9")).isEqualTo("-2");
        assertThat(SltValues.format('I', Types.DOUBLE, "1e3")).isEqualTo("1000");
        assertThat(SltValues.format('I', Types.BIT, "t")).isEqualTo("1");
        assertThat(SltValues.format('I', Types.VARCHAR, "abc")).isEqualTo("0");
        assertThat(SltValues.format('I', Types.BIGINT, "-9223372036854775808")).isEqualTo("-9223372036854775808");
        // R: "%.3f", rounding the binary value as printf does; negative zero keeps its sign
        assertThat(SltValues.format('R', Types.INTEGER, "5")).isEqualTo("5.000");
        assertThat(SltValues.format('R', Types.NUMERIC, "2.3333333333")).isEqualTo("2.333");
        assertThat(SltValues.format('R', Types.DOUBLE, "0.0005")).isEqualTo("0.001"); // 0.0005 is 0.000500000000000000010...
        assertThat(SltValues.format('R', Types.DOUBLE, "0.0015")).isEqualTo("0.002"); // 0.00150000000000000003...
        assertThat(SltValues.format('R', Types.DOUBLE, "-0.0001")).isEqualTo("-0.000");
        // T: (empty) and @ for anything outside printable ASCII
        assertThat(SltValues.format('T', Types.VARCHAR, "")).isEqualTo("(empty)");
        assertThat(SltValues.format('T', Types.VARCHAR, "a\tb\u00e9")).isEqualTo("a@b@");
        assertThat(SltValues.format('T', Types.INTEGER, "42")).isEqualTo("42");
    }

    @Test
    void sortsRowsOrValuesAndHashesEachValueWithANewline() {
        List<String[]> rows = List.of(new String[] {"2", "b"}, new String[] {"10", "a"}, new String[] {"2", "a"});
        assertThat(SltValues.sorted(rows, SortMode.NOSORT)).containsExactly("2", "b", "10", "a", "2", "a");
        // text order, as the reference runner's strcmp: "10" < "2"
        assertThat(SltValues.sorted(rows, SortMode.ROWSORT)).containsExactly("10", "a", "2", "a", "2", "b");
        assertThat(SltValues.sorted(rows, SortMode.VALUESORT)).containsExactly("10", "2", "2", "a", "a", "b");
        assertThat(SltValues.hashLine(List.of("1", "2", "3"))).isEqualTo("3 values hashing to c0710d6b4f15dfa88f600b0e6b624077");
        assertThat(SltValues.render(List.of("1", "2", "3"), 2)).containsExactly("3 values hashing to c0710d6b4f15dfa88f600b0e6b624077");
        assertThat(SltValues.render(List.of("1", "2", "3"), 0)).containsExactly("1", "2", "3");
    }

    @Test
    void dropViewDropsItsDependantsToo() {
        assertThat(SltDialect.adapt("DROP VIEW view_1_tab0_153")).isEqualTo("DROP VIEW IF EXISTS view_1_tab0_153 CASCADE");
        assertThat(SltDialect.adapt("DROP VIEW IF EXISTS v")).isEqualTo("DROP VIEW IF EXISTS v");
        assertThat(SltDialect.adapt("SELECT 1")).isEqualTo("SELECT 1");
    }

    @Test
    void triageBlanksIdentifiersAndNumbersButKeepsKeywords() {
        assertThat(SltReport.normalise("syntax error at or near \"JOIN\"")).isEqualTo("syntax error at or near \"JOIN\"");
        assertThat(SltReport.normalise("relation \"tab3\" does not exist")).isEqualTo("relation \"…\" does not exist");
        assertThat(SltReport.normalise("value 12 is out of range for 'x'")).isEqualTo("value N is out of range for '…'");
    }
}
