package io.shaledb.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the shell decides a statement ends, and the command tags it rebuilds. */
class StatementBufferTest {

    private static List<String> feed(String... lines) {
        StatementBuffer b = new StatementBuffer();
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.addAll(b.add(l));
        }
        String rest = b.drain();
        if (!rest.isEmpty()) {
            out.add("<unterminated> " + rest);
        }
        return out;
    }

    @Test
    void semicolonsInsideQuotesCommentsAndDollarQuotesDoNotEndAStatement() {
        assertThat(feed("SELECT 'a;b', \"c;d\" -- e;f", "FROM t; SELECT 2;")).containsExactly(
                "SELECT 'a;b', \"c;d\" -- e;f\nFROM t", "SELECT 2");
        assertThat(feed("SELECT E'it\\'s;', 1;")).containsExactly("SELECT E'it\\'s;', 1");
        assertThat(feed("SELECT 'it''s;' /* a; /* nested; */ still; */ ;")).containsExactly("SELECT 'it''s;' /* a; /* nested; */ still; */");
        assertThat(feed("CREATE FUNCTION f() RETURNS int AS $body$", "BEGIN RETURN 1; END;", "$body$ LANGUAGE plpgsql;"))
                .containsExactly("CREATE FUNCTION f() RETURNS int AS $body$\nBEGIN RETURN 1; END;\n$body$ LANGUAGE plpgsql");
        assertThat(feed("SELECT $1, a$b FROM t; SELECT 3")).containsExactly("SELECT $1, a$b FROM t", "<unterminated> SELECT 3");
    }

    @Test
    void tagsFollowTheStatementsLeadingKeywords() {
        assertThat(Tags.of("create table t (a int); CREATE OR REPLACE VIEW v AS SELECT 1; insert into t values (1); drop user x"))
                .containsExactly("CREATE TABLE", "CREATE VIEW", "INSERT", "DROP ROLE");
        assertThat(Tags.complete("INSERT", 3)).isEqualTo("INSERT 0 3");
        assertThat(Tags.complete("DELETE", 0)).isEqualTo("DELETE 0");
        assertThat(Tags.complete("GRANT", 0)).isEqualTo("GRANT");
    }

    @Test
    void expandedRecordsLookLikePsqls() {
        assertThat(ResultPrinter.expanded(List.of("a_very_long_column_name", "name"),
                List.<String[]>of(new String[] {"1", "abcdefghijklmnopqrstuvwxyz"}))).isEqualTo("""
                -[ RECORD 1 ]-----------+---------------------------
                a_very_long_column_name | 1
                name                    | abcdefghijklmnopqrstuvwxyz

                """);
        assertThat(ResultPrinter.expanded(List.of("id"), List.of())).isEqualTo("(0 rows)\n\n");
    }
}
