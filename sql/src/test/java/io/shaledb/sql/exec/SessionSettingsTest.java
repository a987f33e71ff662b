package io.shaledb.sql.exec;

import io.shaledb.sql.CollectedRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.parser.Parser;
import io.shaledb.txn.IsolationLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction and timeout settings: typed values, the transaction's characteristics and
 * PostgreSQL's checks on changing them (messages as PostgreSQL 15.18 prints them).
 */
class SessionSettingsTest {

    /** A transaction context the test steers. */
    private static final class FakeTransaction implements SessionSettings.TransactionContext {
        boolean snapshot;
        boolean subtransaction;

        @Override
        public boolean snapshotTaken() {
            return snapshot;
        }

        @Override
        public boolean inSubtransaction() {
            return subtransaction;
        }
    }

    private final SessionSettings settings = new SessionSettings();
    private final FakeTransaction txn = new FakeTransaction();

    @BeforeEach
    void wire() {
        settings.transactionContext(txn);
    }

    /** Runs SET / SHOW / RESET / SET TRANSACTION / SET SESSION CHARACTERISTICS; returns SHOW's value. */
    private String run(String sql) {
        Statement s = Parser.parse(sql).getFirst();
        switch (s) {
            case Statement.SessionStatement ss -> {
                CollectedRows sink = new CollectedRows();
                settings.execute(ss, sink);
                List<Object[]> rows = sink.rows();
                return rows.isEmpty() ? null : (String) rows.getFirst()[0];
            }
            case Statement.SetTransaction st -> settings.applyTransactionModes(st.modes());
            case Statement.SetSessionCharacteristics sc -> settings.applySessionCharacteristics(sc.modes());
            default -> throw new AssertionError("not a settings statement: " + sql);
        }
        return null;
    }

    private SqlException error(String sql) {
        SqlException e = catchThrowableOfType(SqlException.class, () -> run(sql));
        assertThat(e).as("an error for " + sql).isNotNull();
        return e;
    }

    @Test
    void defaultsAsPostgresShowsThem() {
        assertThat(run("SHOW transaction_isolation")).isEqualTo("read committed");
        assertThat(run("SHOW default_transaction_isolation")).isEqualTo("read committed");
        assertThat(run("SHOW transaction_read_only")).isEqualTo("off");
        assertThat(run("SHOW default_transaction_read_only")).isEqualTo("off");
        assertThat(run("SHOW transaction_deferrable")).isEqualTo("off");
        assertThat(run("SHOW default_transaction_deferrable")).isEqualTo("off");
        assertThat(run("SHOW statement_timeout")).isEqualTo("0");
        assertThat(run("SHOW lock_timeout")).isEqualTo("0");
        assertThat(run("SHOW deadlock_timeout")).isEqualTo("1s");
        assertThat(run("SHOW idle_in_transaction_session_timeout")).isEqualTo("0");
        assertThat(settings.defaultIsolation()).isEqualTo(IsolationLevel.READ_COMMITTED);
        assertThat(settings.statementTimeoutMillis()).isZero();
        assertThat(settings.lockTimeoutMillis()).isZero();
        assertThat(settings.deadlockTimeoutMillis()).isEqualTo(1000);
        assertThat(settings.idleInTransactionSessionTimeoutMillis()).isZero();
    }

    @Test
    void typedGettersFollowSet() {
        run("SET statement_timeout = '1.5s'");
        run("SET lock_timeout TO 250");
        run("SET deadlock_timeout = '2min'");
        run("SET idle_in_transaction_session_timeout = '1d'");
        run("SET default_transaction_isolation = 'REPEATABLE READ'");
        run("SET default_transaction_read_only = yes");
        run("SET default_transaction_deferrable = 1");
        assertThat(settings.statementTimeoutMillis()).isEqualTo(1500);
        assertThat(settings.lockTimeoutMillis()).isEqualTo(250);
        assertThat(settings.deadlockTimeoutMillis()).isEqualTo(120_000);
        assertThat(settings.idleInTransactionSessionTimeoutMillis()).isEqualTo(86_400_000);
        assertThat(settings.defaultIsolation()).isEqualTo(IsolationLevel.REPEATABLE_READ);
        assertThat(settings.defaultReadOnly()).isTrue();
        assertThat(settings.defaultDeferrable()).isTrue();
        assertThat(run("SHOW deadlock_timeout")).isEqualTo("2min");
        run("RESET ALL");
        assertThat(settings.statementTimeoutMillis()).isZero();
        assertThat(settings.deadlockTimeoutMillis()).isEqualTo(1000);
        assertThat(settings.defaultIsolation()).isEqualTo(IsolationLevel.READ_COMMITTED);
    }

    @Test
    void badValuesGivePostgresErrors() {
        SqlException e = error("SET default_transaction_isolation = 'read   committed'");
        assertThat(e.state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
        assertThat(e.getMessage()).isEqualTo("invalid value for parameter \"default_transaction_isolation\": \"read   committed\"");
        assertThat(e.hint()).isEqualTo("Available values: serializable, repeatable read, read committed, read uncommitted.");
        e = error("SET transaction_isolation = foo");
        assertThat(e.getMessage()).isEqualTo("invalid value for parameter \"transaction_isolation\": \"foo\"");
        e = error("SET lock_timeout = '-5'");
        assertThat(e.getMessage()).isEqualTo("-5 ms is outside the valid range for parameter \"lock_timeout\" (0 .. 2147483647)");
        e = error("SET deadlock_timeout = 'x'");
        assertThat(e.getMessage()).isEqualTo("invalid value for parameter \"deadlock_timeout\": \"x\"");
        e = error("SET transaction_deferrable = 'x'");
        assertThat(e.getMessage()).isEqualTo("parameter \"transaction_deferrable\" requires a Boolean value");
        e = error("SET statement_timeout = 1, 2");
        assertThat(e.getMessage()).isEqualTo("SET statement_timeout takes only one argument");
    }

    @Test
    void aTransactionFreezesTheDefaultsUntilItEnds() {
        run("SET default_transaction_isolation = serializable");
        assertThat(run("SHOW transaction_isolation")).as("no transaction: the default shows").isEqualTo("serializable");
        settings.beginTransaction();
        run("SET default_transaction_isolation = 'repeatable read'");
        assertThat(run("SHOW transaction_isolation")).isEqualTo("serializable");
        assertThat(settings.transactionIsolation()).isEqualTo(IsolationLevel.SERIALIZABLE);
        settings.endTransaction();
        assertThat(settings.transactionIsolation()).isEqualTo(IsolationLevel.REPEATABLE_READ);
    }

    @Test
    void modesApplyInOrderAndTheLastOfAKindWins() {
        settings.beginTransaction();
        run("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY DEFERRABLE ISOLATION LEVEL READ UNCOMMITTED");
        assertThat(settings.transactionCharacteristics()).isEqualTo(
                new SessionSettings.TransactionCharacteristics(IsolationLevel.READ_UNCOMMITTED, true, true));
        assertThat(run("SHOW transaction_isolation")).isEqualTo("read uncommitted");
        assertThat(run("SHOW transaction_read_only")).isEqualTo("on");
        assertThat(run("SHOW transaction_deferrable")).isEqualTo("on");
        // defaults untouched
        assertThat(run("SHOW default_transaction_isolation")).isEqualTo("read committed");
    }

    @Test
    void isolationCannotChangeAfterTheFirstQueryOrInASavepoint() {
        settings.beginTransaction();
        txn.snapshot = true;
        run("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"); // the same level is fine
        SqlException e = error("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        assertThat(e.state()).isEqualTo(SqlState.ACTIVE_SQL_TRANSACTION);
        assertThat(e.getMessage()).isEqualTo("SET TRANSACTION ISOLATION LEVEL must be called before any query");
        // a snapshot is reported before a savepoint, as in PostgreSQL
        txn.subtransaction = true;
        assertThat(error("SET transaction_isolation = 'serializable'").getMessage())
                .isEqualTo("SET TRANSACTION ISOLATION LEVEL must be called before any query");
        txn.snapshot = false;
        assertThat(error("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE").getMessage())
                .isEqualTo("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
        assertThat(settings.transactionIsolation()).isEqualTo(IsolationLevel.READ_COMMITTED);
    }

    @Test
    void readWriteCannotComeBackAfterTheFirstQueryOrInASavepoint() {
        settings.beginTransaction();
        run("SET TRANSACTION READ ONLY");
        txn.subtransaction = true;
        run("SET TRANSACTION READ ONLY"); // going (or staying) read-only is always allowed
        SqlException e = error("SET TRANSACTION READ WRITE");
        assertThat(e.state()).isEqualTo(SqlState.ACTIVE_SQL_TRANSACTION);
        assertThat(e.getMessage()).isEqualTo("cannot set transaction read-write mode inside a read-only transaction");
        txn.subtransaction = false;
        txn.snapshot = true;
        assertThat(error("SET transaction_read_only = off").getMessage())
                .isEqualTo("transaction read-write mode must be set before any query");
        assertThat(settings.transactionReadOnly()).isTrue();
    }

    @Test
    void deferrableIsCheckedEvenWhenUnchanged() {
        settings.beginTransaction();
        txn.subtransaction = true;
        txn.snapshot = true;
        SqlException e = error("SET TRANSACTION NOT DEFERRABLE");
        assertThat(e.state()).isEqualTo(SqlState.ACTIVE_SQL_TRANSACTION);
        assertThat(e.getMessage()).isEqualTo("SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction");
        txn.subtransaction = false;
        assertThat(error("SET TRANSACTION DEFERRABLE").getMessage())
                .isEqualTo("SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
    }

    @Test
    void resetAndDefaultGoToTheBuiltInValueNotTheSessionDefault() {
        run("SET default_transaction_isolation = serializable");
        run("SET default_transaction_read_only = on");
        settings.beginTransaction();
        run("RESET transaction_isolation");
        run("SET transaction_read_only TO DEFAULT");
        assertThat(run("SHOW transaction_isolation")).isEqualTo("read committed");
        assertThat(run("SHOW transaction_read_only")).isEqualTo("off");
        // RESET ALL leaves the running transaction alone
        run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        run("RESET ALL");
        assertThat(run("SHOW transaction_isolation")).isEqualTo("repeatable read");
        assertThat(run("SHOW default_transaction_isolation")).isEqualTo("read committed");
    }

    @Test
    void sessionCharacteristicsSetTheDefaults() {
        run("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY, DEFERRABLE");
        assertThat(run("SHOW default_transaction_isolation")).isEqualTo("repeatable read");
        assertThat(run("SHOW default_transaction_read_only")).isEqualTo("on");
        assertThat(run("SHOW default_transaction_deferrable")).isEqualTo("on");
        settings.beginTransaction();
        assertThat(settings.transactionCharacteristics()).isEqualTo(
                new SessionSettings.TransactionCharacteristics(IsolationLevel.REPEATABLE_READ, true, true));
    }

    @Test
    void restoreUndoesWhatWasSetSinceSave() {
        run("SET statement_timeout = '3s'");
        settings.beginTransaction();
        SessionSettings.Saved atBegin = settings.save();
        run("SET statement_timeout = '2s'");
        SessionSettings.Saved atSavepoint = settings.save();
        run("SET TRANSACTION READ ONLY");
        run("SET myapp.tenant = 7");
        settings.restore(atSavepoint);
        assertThat(run("SHOW statement_timeout")).isEqualTo("2s");
        assertThat(run("SHOW transaction_read_only")).isEqualTo("off");
        assertThat(error("SHOW myapp.tenant").state()).isEqualTo(SqlState.UNDEFINED_OBJECT);
        settings.restore(atBegin);
        assertThat(settings.statementTimeoutMillis()).isEqualTo(3000);
    }

    @Test
    void aChainedTransactionKeepsTheCharacteristics() {
        settings.beginTransaction();
        run("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE READ ONLY");
        SessionSettings.TransactionCharacteristics ended = settings.transactionCharacteristics();
        settings.endTransaction();
        settings.beginTransaction(ended);
        assertThat(run("SHOW transaction_isolation")).isEqualTo("serializable");
        assertThat(run("SHOW transaction_read_only")).isEqualTo("on");
    }

    @Test
    void showAllListsTheNewParameters() {
        List<String> names = new ArrayList<>();
        settings.execute(new Statement.ShowParameter(null), new ResultSink() {
            @Override
            public void columns(List<ColumnInfo> columns) {}

            @Override
            public void row(Object[] values) {
                names.add(values[0] + "=" + values[1]);
            }

            @Override
            public void complete(String commandTag) {}

            @Override
            public void emptyQuery() {}
        });
        assertThat(names).contains("deadlock_timeout=1s", "default_transaction_deferrable=off",
                "default_transaction_isolation=read committed", "default_transaction_read_only=off",
                "idle_in_transaction_session_timeout=0", "lock_timeout=0", "statement_timeout=0",
                "transaction_deferrable=off", "transaction_isolation=read committed", "transaction_read_only=off");
    }
}
