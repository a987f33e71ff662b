package io.shaledb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.LockStrength;
import io.shaledb.sql.ast.Statement.LockWaitPolicy;
import io.shaledb.sql.ast.Statement.LockedRelation;
import io.shaledb.sql.ast.Statement.LockingClause;
import io.shaledb.sql.ast.Statement.VacuumOption;
import io.shaledb.sql.ast.Statement.VacuumTarget;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code SELECT ... FOR UPDATE} clauses and {@code VACUUM}: trees and PostgreSQL's syntax errors. */
class LockingAndVacuumParserTest {

    private static Statement.Select select(String sql) {
        return (Statement.Select) Parser.parse(sql).getFirst();
    }

    private static Statement.Vacuum vacuum(String sql) {
        return (Statement.Vacuum) Parser.parse(sql).getFirst();
    }

    private static SqlException error(String sql) {
        SqlException e = catchThrowableOfType(SqlException.class, () -> Parser.parse(sql));
        assertThat(e).as("an error for " + sql).isNotNull();
        return e;
    }

    // ------------------------------------------------------------------ locking clauses

    @Test
    void everyStrengthAndWaitPolicy() {
        assertThat(select("SELECT * FROM t FOR UPDATE").locking()).containsExactly(
                new LockingClause(LockStrength.UPDATE, List.of(), LockWaitPolicy.WAIT, 16));
        assertThat(select("SELECT * FROM t FOR NO KEY UPDATE NOWAIT").locking()).containsExactly(
                new LockingClause(LockStrength.NO_KEY_UPDATE, List.of(), LockWaitPolicy.NOWAIT, 16));
        assertThat(select("SELECT * FROM t FOR SHARE SKIP LOCKED").locking()).containsExactly(
                new LockingClause(LockStrength.SHARE, List.of(), LockWaitPolicy.SKIP_LOCKED, 16));
        assertThat(select("select * from t for key share").locking()).containsExactly(
                new LockingClause(LockStrength.KEY_SHARE, List.of(), LockWaitPolicy.WAIT, 16));
        assertThat(LockStrength.NO_KEY_UPDATE.sql()).isEqualTo("FOR NO KEY UPDATE");
        assertThat(LockStrength.KEY_SHARE.sql()).isEqualTo("FOR KEY SHARE");
    }

    @Test
    void ofListsTablesWithPositionsAndRemembersQualifiedNames() {
        String sql = "SELECT * FROM t x FOR UPDATE OF x, \"Y\", public.t NOWAIT FOR SHARE OF t";
        assertThat(select(sql).locking()).containsExactly(
                new LockingClause(LockStrength.UPDATE, List.of(
                        new LockedRelation("x", false, sql.indexOf("x,")),
                        new LockedRelation("Y", false, sql.indexOf("\"Y\"")),
                        new LockedRelation("t", true, sql.indexOf("public"))), LockWaitPolicy.NOWAIT, sql.indexOf("FOR UPDATE")),
                new LockingClause(LockStrength.SHARE, List.of(new LockedRelation("t", false, sql.length() - 1)),
                        LockWaitPolicy.WAIT, sql.indexOf("FOR SHARE")));
    }

    @Test
    void lockingGoesEitherBeforeOrAfterLimitAndOffset() {
        Statement.Select after = select("SELECT * FROM t ORDER BY a LIMIT 1 OFFSET 2 FOR UPDATE");
        Statement.Select before = select("SELECT * FROM t ORDER BY a FOR UPDATE LIMIT 1 OFFSET 2");
        for (Statement.Select s : List.of(after, before)) {
            assertThat(s.locking()).extracting(LockingClause::strength).containsExactly(LockStrength.UPDATE);
            assertThat(((Expr.Literal) s.limit()).value()).isEqualTo(1);
            assertThat(((Expr.Literal) s.offset()).value()).isEqualTo(2);
        }
        assertThat(select("SELECT * FROM t LIMIT 1 FOR UPDATE FOR SHARE").locking()).hasSize(2);
    }

    @Test
    void forReadOnlyLocksNothing() {
        assertThat(select("SELECT * FROM t FOR READ ONLY").locking()).isEmpty();
        assertThat(select("SELECT * FROM t LIMIT 1 FOR READ ONLY").locking()).isEmpty();
        assertThat(select("SELECT * FROM t").locking()).isEmpty();
    }

    @Test
    void anEmptyTargetListCanBeLocked() {
        Statement.Select s = select("SELECT FOR UPDATE");
        assertThat(s.items()).isEmpty();
        assertThat(s.locking()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // each checked against PostgreSQL 15 (see golden/locking.sql)
        "SELECT * FROM t FOR UPDATE NOWAIT SKIP LOCKED | syntax error at or near \"SKIP\"   | 35",
        "SELECT * FROM t FOR UPDATE SKIP               | syntax error at end of input     | 32",
        "SELECT * FROM t FOR NO UPDATE                 | syntax error at or near \"UPDATE\" | 24",
        "SELECT * FROM t FOR KEY UPDATE                | syntax error at or near \"UPDATE\" | 25",
        "SELECT * FROM t FOR READ WRITE                | syntax error at or near \"WRITE\"  | 26",
        "SELECT * FROM t LIMIT 1 FOR UPDATE LIMIT 1    | syntax error at or near \"LIMIT\"  | 36",
        "SELECT * FROM t FOR UPDATE ORDER BY a         | syntax error at or near \"ORDER\"  | 28",
        "SELECT * FROM t FOR UPDATE LIMIT 1 FOR SHARE  | syntax error at or near \"FOR\"    | 36",
        "SELECT * FROM t FOR READ ONLY FOR UPDATE      | syntax error at or near \"FOR\"    | 31",
        "SELECT * FROM t FOR UPDATE FOR READ ONLY      | syntax error at or near \"READ\"   | 32",
        "SELECT * FROM t FOR UPDATE WHERE a = 1        | syntax error at or near \"WHERE\"  | 28",
        "SELECT * FROM t FOR UPDATE OF verbose         | syntax error at or near \"verbose\" | 31",
        "SELECT * FROM t FOR UPDATE OF t,              | syntax error at end of input     | 33",
    })
    void lockingSyntaxErrorsMatchPostgres(String sql, String message, int position) {
        SqlException e = error(sql);
        assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position()).isEqualTo(position);
    }

    @Test
    void tooManyDottedNamesIsAParseError() {
        SqlException e = error("SELECT * FROM t FOR UPDATE OF a.b.c.d");
        assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThat(e.getMessage()).isEqualTo("improper qualified name (too many dotted names): a.b.c.d");
        assertThat(e.position()).isEqualTo(31);
    }

    @Test
    void fetchFirstIsALimit() {
        Statement.Select s = select("SELECT * FROM t FETCH FIRST 3 ROWS ONLY");
        assertThat(s.limit()).isEqualTo(new io.shaledb.sql.ast.Expr.Literal(3, 28));
        assertThat(error("SELECT * FROM t FETCH FIRST 1 ROW WITH TIES").state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
    }

    // ------------------------------------------------------------------ VACUUM

    @Test
    void vacuumWithoutAnythingVacuumsEverything() {
        assertThat(vacuum("VACUUM")).isEqualTo(new Statement.Vacuum(List.of(), List.of(), 0));
    }

    @Test
    void theOldFormBecomesOptionsWithoutValues() {
        String sql = "VACUUM FULL FREEZE VERBOSE ANALYSE t, public.u";
        assertThat(vacuum(sql)).isEqualTo(new Statement.Vacuum(List.of(
                new VacuumOption("full", null, 7), new VacuumOption("freeze", null, 12),
                new VacuumOption("verbose", null, 19), new VacuumOption("analyze", null, 27)), List.of(
                new VacuumTarget(null, new Ident("t", 35), List.of()),
                new VacuumTarget(new Ident("public", 38), new Ident("u", 45), List.of())), 0));
        assertThat(vacuum("VACUUM FREEZE").options()).containsExactly(new VacuumOption("freeze", null, 7));
    }

    @Test
    void parenthesizedOptionsKeepTheirValuesAsWritten() {
        String sql = "VACUUM (VERBOSE, ANALYZE false, FULL on, FREEZE TRUE, SKIP_LOCKED 1, PARALLEL -2, "
                + "INDEX_CLEANUP 'auto', TRUNCATE off, \"Odd\" x, process_toast 1.5, p 99999999999) t (a, b)";
        Statement.Vacuum v = vacuum(sql);
        assertThat(v.options()).extracting(VacuumOption::name).containsExactly("verbose", "analyze", "full", "freeze",
                "skip_locked", "parallel", "index_cleanup", "truncate", "Odd", "process_toast", "p");
        assertThat(v.options()).extracting(VacuumOption::value).containsExactly(null, "false", "on", "true", 1, -2,
                "auto", "off", "x", "1.5", "99999999999");
        assertThat(v.options().getFirst().pos()).isEqualTo(8);
        assertThat(v.tables()).containsExactly(new VacuumTarget(null, new Ident("t", sql.indexOf(") t") + 2),
                List.of(new Ident("a", sql.indexOf("(a") + 1), new Ident("b", sql.indexOf(" b)") + 1))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // each checked against PostgreSQL 15 (see golden/vacuum_syntax.sql)
        "VACUUM FREEZE FULL        | syntax error at or near \"FULL\"    | 15",
        "VACUUM ANALYZE VERBOSE    | syntax error at or near \"VERBOSE\" | 16",
        "VACUUM full full          | syntax error at or near \"full\"    | 13",
        "VACUUM ()                 | syntax error at or near \")\"       | 9",
        "VACUUM (verbose,)         | syntax error at or near \")\"       | 17",
        "VACUUM (select)           | syntax error at or near \"select\"  | 9",
        "VACUUM (verbose default)  | syntax error at or near \"default\" | 17",
        "VACUUM (FULL) (a)         | syntax error at or near \"(\"       | 15",
        "VACUUM t u                | syntax error at or near \"u\"       | 10",
        "VACUUM t ()               | syntax error at or near \")\"       | 11",
        "VACUUM ANALYZE t (select) | syntax error at or near \"select\"  | 19",
    })
    void vacuumSyntaxErrorsMatchPostgres(String sql, String message, int position) {
        SqlException e = error(sql);
        assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position()).isEqualTo(position);
    }

    @Test
    void vacuumNamesWithTooManyParts() {
        SqlException e = error("VACUUM a.b.c.d");
        assertThat(e.getMessage()).isEqualTo("improper qualified name (too many dotted names): a.b.c.d");
        assertThat(e.position()).isEqualTo(8);
        e = error("VACUUM other.public.t");
        assertThat(e.state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        assertThat(e.getMessage()).isEqualTo("cross-database references are not implemented: \"other.public.t\"");
    }
}
