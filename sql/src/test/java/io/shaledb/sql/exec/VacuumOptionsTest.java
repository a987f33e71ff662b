package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** VACUUM's option checks; messages, SQLSTATEs and positions as PostgreSQL 15.18 reports them. */
class VacuumOptionsTest {

    private static VacuumOptions options(String sql) {
        return VacuumOptions.of((Statement.Vacuum) Parser.parse(sql).getFirst());
    }

    @Test
    void bothFormsGiveTheSameFlags() {
        VacuumOptions old = options("VACUUM FULL FREEZE VERBOSE ANALYZE t");
        assertThat(old).isEqualTo(options("VACUUM (full, freeze, verbose, analyze) t"));
        assertThat(old.full() && old.freeze() && old.verbose() && old.analyze()).isTrue();
        assertThat(options("VACUUM")).isEqualTo(new VacuumOptions(false, false, false, false, false, false, true, 0));
    }

    @Test
    void booleanValuesAndTheLastOfAnOptionWins() {
        VacuumOptions o = options("VACUUM (VERBOSE, VERBOSE false, FULL 0, FREEZE On, SKIP_LOCKED 1, ANALYSE TRUE, "
                + "INDEX_CLEANUP 'AUTO', TRUNCATE off, PROCESS_TOAST, DISABLE_PAGE_SKIPPING \"on\", PARALLEL +2) t");
        assertThat(o).isEqualTo(new VacuumOptions(false, true, false, true, true, true, true, 2));
        assertThat(options("VACUUM ANALYZE t (a)").analyze()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // statement | SQLSTATE | message | position (0: none)
        "VACUUM (foo) t                   | 42601 | unrecognized VACUUM option \"foo\"            | 9",
        "VACUUM (\"Verbose\") t           | 42601 | unrecognized VACUUM option \"Verbose\"        | 9",
        "VACUUM (format) t                | 42601 | unrecognized VACUUM option \"format\"         | 9",
        "VACUUM (foo, full 'x') t         | 42601 | unrecognized VACUUM option \"foo\"            | 9",
        "VACUUM (full 'x', foo) t         | 42601 | full requires a Boolean value               | 0",
        "VACUUM (verbose 'yes') t         | 42601 | verbose requires a Boolean value            | 0",
        "VACUUM (verbose '1') t           | 42601 | verbose requires a Boolean value            | 0",
        "VACUUM (verbose 2) t             | 42601 | verbose requires a Boolean value            | 0",
        "VACUUM (verbose -1) t            | 42601 | verbose requires a Boolean value            | 0",
        "VACUUM (full 1.0) t              | 42601 | full requires a Boolean value               | 0",
        "VACUUM (analyse 'x') t           | 42601 | analyze requires a Boolean value            | 0",
        "VACUUM (skip_locked 'x') t       | 42601 | skip_locked requires a Boolean value        | 0",
        "VACUUM (process_toast 2) t       | 42601 | process_toast requires a Boolean value      | 0",
        "VACUUM (index_cleanup 'x') t     | 42601 | index_cleanup requires a Boolean value      | 0",
        "VACUUM (index_cleanup 3) t       | 42601 | index_cleanup requires a Boolean value      | 0",
        "VACUUM (truncate auto) t         | 42601 | truncate requires a Boolean value           | 0",
        "VACUUM (parallel) t              | 42601 | parallel option requires a value between 0 and 1024 | 9",
        "VACUUM (parallel 2000) t         | 42601 | parallel workers for vacuum must be between 0 and 1024 | 9",
        "VACUUM (parallel -1) t           | 42601 | parallel workers for vacuum must be between 0 and 1024 | 9",
        "VACUUM (parallel 'x') t          | 42601 | parallel requires an integer value          | 0",
        "VACUUM (parallel 1.5) t          | 42601 | parallel requires an integer value          | 0",
        "VACUUM (parallel 99999999999) t  | 42601 | parallel requires an integer value          | 0",
        "VACUUM (parallel true) t         | 42601 | parallel requires an integer value          | 0",
        "VACUUM (FULL, PARALLEL 2, DISABLE_PAGE_SKIPPING) t (a) | 0A000 | VACUUM FULL cannot be performed in parallel | 0",
        "VACUUM (FULL, DISABLE_PAGE_SKIPPING, PROCESS_TOAST false) t (a) | 0A000 | ANALYZE option must be specified when a column list is provided | 0",
        "VACUUM FULL t (a)                | 0A000 | ANALYZE option must be specified when a column list is provided | 0",
    })
    void optionErrors(String sql, String state, String message, int position) {
        SqlException e = catchThrowableOfType(SqlException.class, () -> options(sql));
        assertThat(e).as(sql).isNotNull();
        assertThat(e.state().code()).isEqualTo(state);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position()).isEqualTo(position);
    }

    @Test
    void combinationsAreCheckedSeparatelyAfterTheTransactionBlockCheck() {
        VacuumOptions both = options("VACUUM (FULL, DISABLE_PAGE_SKIPPING, PROCESS_TOAST false) t");
        SqlException e = catchThrowableOfType(SqlException.class, both::checkCombinations);
        assertThat(e.state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        assertThat(e.getMessage()).isEqualTo("VACUUM option DISABLE_PAGE_SKIPPING cannot be used with FULL");
        e = catchThrowableOfType(SqlException.class, options("VACUUM (FULL, PROCESS_TOAST false) t")::checkCombinations);
        assertThat(e.getMessage()).isEqualTo("PROCESS_TOAST required with VACUUM FULL");
        options("VACUUM (FULL, PROCESS_TOAST) t").checkCombinations();
        options("VACUUM (DISABLE_PAGE_SKIPPING) t").checkCombinations();
    }
}
