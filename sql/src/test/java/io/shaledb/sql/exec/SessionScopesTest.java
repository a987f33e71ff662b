package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.parser.Parser;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a setting's value comes from and how long it lasts: the startup packet (what RESET goes
 * back to), SET, SET LOCAL (until the transaction ends), savepoints and rollbacks; set_config and
 * current_setting; the reported parameters; client_min_messages. Expected values as PostgreSQL 15
 * shows them.
 */
class SessionScopesTest {
    private final SessionSettings settings = new SessionSettings();
    private boolean inBlock = true;

    @BeforeEach
    void wire() {
        settings.transactionContext(new SessionSettings.TransactionContext() {
            @Override
            public boolean snapshotTaken() {
                return false;
            }

            @Override
            public boolean inSubtransaction() {
                return false;
            }

            @Override
            public boolean inTransactionBlock() {
                return inBlock;
            }
        });
    }

    private CollectedRows run(String sql) {
        CollectedRows sink = new CollectedRows();
        settings.execute((Statement.SessionStatement) Parser.parse(sql).getFirst(), sink);
        return sink;
    }

    @Test
    void setLocalLastsUntilTheTransactionEnds() {
        run("SET application_name = 'session'");
        settings.beginTransaction();
        run("SET LOCAL application_name = 'local'");
        assertThat(settings.get("application_name")).isEqualTo("local");
        settings.endTransaction(); // committed or not, SET LOCAL is gone
        assertThat(settings.get("application_name")).isEqualTo("session");

        // a SET after SET LOCAL in the same transaction wins, and outlives it
        settings.beginTransaction();
        run("SET LOCAL statement_timeout = '5s'");
        run("SET statement_timeout = '7s'");
        settings.endTransaction();
        assertThat(settings.get("statement_timeout")).isEqualTo("7s");

        // a savepoint rolled back takes its SET LOCAL with it
        settings.beginTransaction();
        run("SET LOCAL work_mem = '8MB'");
        SessionSettings.Saved savepoint = settings.save();
        run("SET LOCAL work_mem = '16MB'");
        settings.restore(savepoint);
        assertThat(settings.get("work_mem")).isEqualTo("8MB");
        settings.endTransaction();
        assertThat(settings.get("work_mem")).isEqualTo("4MB");
    }

    @Test
    void setLocalOutsideABlockWarns() {
        inBlock = false;
        java.util.List<String> notices = new java.util.ArrayList<>();
        io.shaledb.sql.ResultSink sink = new io.shaledb.sql.ResultSink() {
            @Override
            public void columns(java.util.List<io.shaledb.sql.ColumnInfo> columns) { }

            @Override
            public void row(Object[] values) { }

            @Override
            public void complete(String commandTag) { }

            @Override
            public void emptyQuery() { }

            @Override
            public void notice(String severity, String sqlState, String message, String detail, String hint) {
                notices.add(severity + " " + sqlState + " " + message);
            }
        };
        settings.execute((Statement.SessionStatement) Parser.parse("SET LOCAL application_name = 'x'").getFirst(), sink);
        assertThat(notices).containsExactly("WARNING 25P01 SET LOCAL can only be used in transaction blocks");
    }

    @Test
    void startupParametersAreWhatResetReturnsTo() {
        settings.startupParameter("application_name", "psql");
        settings.startupParameter("DateStyle", "ISO");
        settings.startupParameter("extra_float_digits", "2");
        assertThat(settings.get("DateStyle")).isEqualTo("ISO, MDY");
        run("SET application_name = 'x'");
        run("RESET application_name");
        assertThat(settings.get("application_name")).isEqualTo("psql");
        run("SET extra_float_digits = 3");
        run("RESET ALL");
        assertThat(settings.get("extra_float_digits")).isEqualTo("2");
        assertThatThrownBy(() -> settings.startupParameter("no_such", "1")).isInstanceOf(SqlException.class)
                .hasMessage("unrecognized configuration parameter \"no_such\"");
        assertThatThrownBy(() -> settings.startupParameter("DateStyle", "Klingon")).isInstanceOf(SqlException.class)
                .hasMessage("invalid value for parameter \"DateStyle\": \"Klingon\"");
    }

    @Test
    void setConfigAndCurrentSetting() {
        assertThat(settings.setConfig("search_path", "app, public", false)).isEqualTo("app, public");
        assertThat(settings.currentSetting("SEARCH_PATH", false)).isEqualTo("app, public");
        settings.beginTransaction();
        assertThat(settings.setConfig("app.tenant", "42", true)).isEqualTo("42");
        settings.endTransaction();
        assertThat(settings.currentSetting("app.tenant", true)).isEmpty(); // the placeholder stays, empty
        assertThat(settings.currentSetting("app.other", true)).isNull();
        assertThatThrownBy(() -> settings.currentSetting("app.other", false))
                .hasMessage("unrecognized configuration parameter \"app.other\"");
        assertThat(settings.setConfig("search_path", null, false)).isEqualTo("\"$user\", public");
    }

    @Test
    void reportedParametersAreTheSameMapUntilOneChanges() {
        Map<String, String> first = settings.reportedParameters();
        assertThat(first).containsEntry("application_name", "").containsEntry("DateStyle", "ISO, MDY")
                .containsEntry("TimeZone", "UTC").containsEntry("IntervalStyle", "postgres");
        assertThat(settings.reportedParameters()).isSameAs(first);
        run("SET TimeZone = 'Europe/Paris'");
        assertThat(settings.reportedParameters()).isNotSameAs(first).containsEntry("TimeZone", "Europe/Paris");
    }

    @Test
    void clientMinMessagesRanksLikePostgres() {
        assertThat(ClientMessages.passes("NOTICE", "notice")).isTrue();
        assertThat(ClientMessages.passes("NOTICE", "warning")).isFalse();
        assertThat(ClientMessages.passes("WARNING", "warning")).isTrue();
        assertThat(ClientMessages.passes("WARNING", "error")).isFalse();
        assertThat(ClientMessages.passes("INFO", "error")).isTrue();
        assertThat(ClientMessages.passes("LOG", "notice")).isFalse();
        assertThat(ClientMessages.passes("NOTICE", "debug1")).isTrue();
    }
}
