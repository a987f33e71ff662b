package io.shaledb.sql.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CopyOptionsTest {

    private static Statement.Copy copy(String sql) {
        return (Statement.Copy) Parser.parse(sql).getFirst();
    }

    private static CopyOptions options(String sql) {
        Statement.Copy c = copy(sql);
        return CopyOptions.of(c.options(), c.from());
    }

    @Test
    void defaultsArePostgres() {
        CopyOptions text = options("COPY t FROM STDIN");
        assertThat(text.format()).isEqualTo(CopyOptions.Format.TEXT);
        assertThat(text.delimiter()).isEqualTo((byte) '\t');
        assertThat(text.nullString()).isEqualTo("\\N");
        assertThat(text.header()).isFalse();
        CopyOptions csv = options("COPY t TO STDOUT (FORMAT csv)");
        assertThat(csv.delimiter()).isEqualTo((byte) ',');
        assertThat(csv.nullString()).isEmpty();
        assertThat(csv.quote()).isEqualTo((byte) '"');
        assertThat(csv.escape()).isEqualTo((byte) '"');
    }

    @Test
    void oldAndNewSyntaxMeanTheSame() {
        CopyOptions old = options("COPY t FROM STDIN WITH CSV HEADER DELIMITER AS ';' NULL 'x' QUOTE '''' ESCAPE '\\' FORCE NOT NULL a, b");
        CopyOptions modern = options("COPY t FROM STDIN (FORMAT 'csv', HEADER on, DELIMITER ';', NULL 'x', QUOTE '''', ESCAPE '\\',"
                + " FORCE_NOT_NULL (a, b))");
        assertThat(old).usingRecursiveComparison().ignoringFields("forceNotNull").isEqualTo(modern);
        assertThat(old.header()).isTrue();
        assertThat(old.forceNotNull()).extracting(Statement.Ident::name).containsExactly("a", "b");
        assertThat(options("COPY t TO STDOUT WITH CSV FORCE QUOTE *").forceQuoteAll()).isTrue();
        assertThat(options("COPY t FROM STDIN (HEADER MATCH)").headerMatch()).isTrue();
        assertThat(options("COPY t FROM STDIN USING DELIMITERS '|'").delimiter()).isEqualTo((byte) '|');
        assertThatThrownBy(() -> options("COPY BINARY t TO STDOUT (FORMAT text)")).hasMessage("conflicting or redundant options");
    }

    @Test
    void statementShapes() {
        Statement.Copy q = copy("COPY (SELECT 1) TO STDOUT");
        assertThat(q.query()).isNotNull();
        assertThat(q.table()).isNull();
        Statement.Copy f = copy("COPY public.t (a, \"B\") FROM '/x/y.csv' (FORMAT csv)");
        assertThat(f.file()).isEqualTo("/x/y.csv");
        assertThat(f.columns()).extracting(Statement.Ident::name).containsExactly("a", "B");
        assertThat(copy("COPY t TO PROGRAM 'gzip'").program()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "COPY t TO STDOUT (FORMAT json)                  | 22023 | COPY format \"json\" not recognized",
        "COPY t TO STDOUT (DELIMITER ',', DELIMITER ',') | 42601 | conflicting or redundant options",
        "COPY t TO STDOUT (NOPE)                         | 42601 | option \"nope\" not recognized",
        "COPY t TO STDOUT (DELIMITER '')                 | 0A000 | COPY delimiter must be a single one-byte character",
        "COPY t TO STDOUT (DELIMITER '\\')               | 22023 | COPY delimiter cannot be \"\\\"",
        "COPY t TO STDOUT (ESCAPE 'x')                   | 0A000 | COPY escape available only in CSV mode",
        "COPY t TO STDOUT (FORMAT csv, QUOTE 'ab')       | 0A000 | COPY quote must be a single one-byte character",
        "COPY t TO STDOUT (FORMAT csv, NULL '\"')        | 0A000 | CSV quote character must not appear in the NULL specification",
        "COPY t FROM STDIN (FORMAT csv, FORCE_QUOTE *)   | 0A000 | COPY force quote only available using COPY TO",
        "COPY t FROM STDIN (FORCE_NULL (a))              | 0A000 | COPY force null available only in CSV mode",
        "COPY t TO STDOUT (HEADER 2)                     | 42601 | header requires a Boolean value or \"match\"",
        "COPY t TO STDOUT (FREEZE maybe)                 | 42601 | freeze requires a Boolean value",
        "COPY t TO STDOUT (FORMAT)                       | 42601 | format requires a parameter",
        "COPY t TO STDOUT (FORMAT binary)                | 0A000 | COPY BINARY is not supported yet",
    })
    void invalidOptionsArePostgresErrors(String sql, String state, String message) {
        assertThatThrownBy(() -> options(sql)).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.state().code()).isEqualTo(state);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
