package io.shaledb.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class GoldenScriptTest {

    @Test
    void splitsLikePsql() {
        String script = """
                -- leading comment
                SELECT 1;
                SELECT 'a;b',
                  (1;
                  2);
                SELECT 1; SELECT 2;
                /* c; */ SELECT "x;y";
                -- trailing comment
                """;
        List<ScriptSplitter.Block> blocks = ScriptSplitter.split(script);
        assertThat(blocks).extracting(ScriptSplitter.Block::query).containsExactly(
                "SELECT 1;", "SELECT 'a;b',\n  (1;\n  2);", "SELECT 1; SELECT 2;", "/* c; */ SELECT \"x;y\";", "");
        assertThat(blocks.getFirst().echo()).isEqualTo("-- leading comment\nSELECT 1;\n");
        assertThat(blocks.get(1).firstLine()).isEqualTo(3);
        assertThat(String.join("", blocks.stream().map(ScriptSplitter.Block::echo).toList())).isEqualTo(script);
    }

    @Test
    void rendersTablesLikePsql() {
        String table = PsqlFormat.table(List.of("x", "n"), List.of(false, true),
                List.of(new String[] {"abc", "1"}, new String[] {null, "100"}, new String[] {"two\nlines", null}));
        assertThat(table).isEqualTo("""
                   x   |  n \s
                -------+-----
                 abc   |   1
                       | 100
                 two  +|   \s
                 lines |\s
                (3 rows)

                """);
        assertThat(PsqlFormat.table(List.of("y"), List.of(false), List.<String[]>of(new String[] {"a"}))).isEqualTo("""
                 y\s
                ---
                 a
                (1 row)

                """);
    }

    @Test
    void rendersErrorPositionsLikePsql() {
        assertThat(PsqlFormat.error("42601", "syntax error at or near \"x\"", 20, "SELECT 1;\nSELECT x x", null, "a hint"))
                .isEqualTo("""
                        ERROR:  42601: syntax error at or near "x"
                        LINE 2: SELECT x x
                                         ^
                        HINT:  a hint
                        """);
    }

    @Test
    void cutsOnlyLinesLongerThanSixtyColumns() {
        String sixty = "SELECT string_agg(name, ',' ORDER BY name) OVER () FROM emp;"; // psql prints it whole
        assertThat(PsqlFormat.errorPosition(sixty, 8)).isEqualTo("LINE 1: " + sixty + "\n" + " ".repeat(15) + "^\n");
        assertThat(PsqlFormat.errorPosition(sixty + " ", 8)).startsWith("LINE 1: " + sixty.substring(0, 60) + "...\n");
    }

    @Test
    void comparesAndUpdatesExpectedFiles(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("echo.sql");
        Files.writeString(script, "hello;\nworld;\n");
        GoldenScript.Runner upper = q -> q.toUpperCase() + "\n";
        assertThatThrownBy(() -> GoldenScript.check(script, upper)).hasMessageContaining("missing expected output");
        Files.writeString(dir.resolve("echo.out"), "hello;\nHELLO;\nworld;\nWORLD;\n");
        GoldenScript.check(script, upper);
        Files.writeString(dir.resolve("echo.out"), "hello;\nHELLO;\nworld;\nworld;\n");
        assertThatThrownBy(() -> GoldenScript.check(script, upper))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("line 4: expected [world;] but was [WORLD;]");
        System.setProperty(GoldenScript.UPDATE_PROPERTY, "true");
        try {
            GoldenScript.check(script, upper);
        } finally {
            System.clearProperty(GoldenScript.UPDATE_PROPERTY);
        }
        assertThat(Files.readString(dir.resolve("echo.out"))).isEqualTo("hello;\nHELLO;\nworld;\nWORLD;\n");
    }
}
