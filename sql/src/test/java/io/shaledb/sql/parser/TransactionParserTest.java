package io.shaledb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.TransactionMode;
import io.shaledb.txn.IsolationLevel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transaction statements' trees, and their syntax errors where PostgreSQL 15 reports them. */
class TransactionParserTest {

    private static Statement parse(String sql) {
        List<Statement> statements = Parser.parse(sql);
        assertThat(statements).hasSize(1);
        return statements.getFirst();
    }

    @Test
    void beginAndStartTransactionCarryTheirModesInOrder() {
        assertThat(parse("BEGIN")).isEqualTo(new Statement.Begin(List.of(), false));
        assertThat(parse("begin work")).isEqualTo(new Statement.Begin(List.of(), false));
        assertThat(parse("BEGIN TRANSACTION READ ONLY")).isEqualTo(
                new Statement.Begin(List.of(new TransactionMode.ReadOnly(true)), false));
        assertThat(parse("START TRANSACTION")).isEqualTo(new Statement.Begin(List.of(), true));
        // Commas are optional between modes; a repeated kind stays in the list (the last one wins when applied).
        assertThat(parse("BEGIN WORK ISOLATION LEVEL SERIALIZABLE, READ ONLY DEFERRABLE ISOLATION LEVEL READ UNCOMMITTED"))
                .isEqualTo(new Statement.Begin(List.of(
                        new TransactionMode.Isolation(IsolationLevel.SERIALIZABLE),
                        new TransactionMode.ReadOnly(true),
                        new TransactionMode.Deferrable(true),
                        new TransactionMode.Isolation(IsolationLevel.READ_UNCOMMITTED)), false));
        assertThat(parse("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ WRITE, NOT DEFERRABLE"))
                .isEqualTo(new Statement.Begin(List.of(
                        new TransactionMode.Isolation(IsolationLevel.REPEATABLE_READ),
                        new TransactionMode.ReadOnly(false),
                        new TransactionMode.Deferrable(false)), true));
        assertThat(parse("begin isolation level read committed")).isEqualTo(
                new Statement.Begin(List.of(new TransactionMode.Isolation(IsolationLevel.READ_COMMITTED)), false));
    }

    @Test
    void commitAndRollbackInAllSpellings() {
        for (String sql : List.of("COMMIT", "COMMIT WORK", "END", "END TRANSACTION", "COMMIT AND NO CHAIN")) {
            assertThat(parse(sql)).as(sql).isEqualTo(new Statement.Commit(false));
        }
        for (String sql : List.of("COMMIT AND CHAIN", "END WORK AND CHAIN", "commit transaction and chain")) {
            assertThat(parse(sql)).as(sql).isEqualTo(new Statement.Commit(true));
        }
        for (String sql : List.of("ROLLBACK", "ABORT", "ROLLBACK WORK", "ABORT TRANSACTION AND NO CHAIN")) {
            assertThat(parse(sql)).as(sql).isEqualTo(new Statement.Rollback(false));
        }
        for (String sql : List.of("ROLLBACK AND CHAIN", "ABORT WORK AND CHAIN")) {
            assertThat(parse(sql)).as(sql).isEqualTo(new Statement.Rollback(true));
        }
    }

    @Test
    void savepointNamesAreFoldedIdentifiersWithPositions() {
        assertThat(parse("SAVEPOINT Sp1")).isEqualTo(new Statement.Savepoint(new Statement.Ident("sp1", 10)));
        assertThat(parse("SAVEPOINT \"Sp1\"")).isEqualTo(new Statement.Savepoint(new Statement.Ident("Sp1", 10)));
        assertThat(parse("RELEASE SAVEPOINT a")).isEqualTo(new Statement.ReleaseSavepoint(new Statement.Ident("a", 18)));
        assertThat(parse("RELEASE a")).isEqualTo(new Statement.ReleaseSavepoint(new Statement.Ident("a", 8)));
        assertThat(parse("ROLLBACK TO SAVEPOINT a")).isEqualTo(new Statement.RollbackToSavepoint(new Statement.Ident("a", 22)));
        assertThat(parse("ROLLBACK WORK TO a")).isEqualTo(new Statement.RollbackToSavepoint(new Statement.Ident("a", 17)));
        assertThat(parse("ROLLBACK TRANSACTION TO SAVEPOINT a")).isInstanceOf(Statement.RollbackToSavepoint.class);
    }

    @Test
    void theWordSavepointIsAlsoAValidSavepointName() {
        // As in PostgreSQL: "RELEASE savepoint" releases the savepoint called savepoint.
        assertThat(parse("SAVEPOINT savepoint")).isEqualTo(new Statement.Savepoint(new Statement.Ident("savepoint", 10)));
        assertThat(parse("RELEASE savepoint")).isEqualTo(new Statement.ReleaseSavepoint(new Statement.Ident("savepoint", 8)));
        assertThat(parse("ROLLBACK TO savepoint")).isEqualTo(
                new Statement.RollbackToSavepoint(new Statement.Ident("savepoint", 12)));
        assertThat(parse("ROLLBACK TO SAVEPOINT savepoint")).isEqualTo(
                new Statement.RollbackToSavepoint(new Statement.Ident("savepoint", 22)));
    }

    @Test
    void setTransactionAndSessionCharacteristics() {
        List<TransactionMode> serializableReadOnly = List.of(
                new TransactionMode.Isolation(IsolationLevel.SERIALIZABLE), new TransactionMode.ReadOnly(true));
        assertThat(parse("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE READ ONLY"))
                .isEqualTo(new Statement.SetTransaction(serializableReadOnly));
        assertThat(parse("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY"))
                .isEqualTo(new Statement.SetTransaction(serializableReadOnly));
        assertThat(parse("SET LOCAL TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY"))
                .isEqualTo(new Statement.SetTransaction(serializableReadOnly));
        assertThat(parse("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE READ ONLY"))
                .isEqualTo(new Statement.SetSessionCharacteristics(serializableReadOnly));
        assertThat(parse("SET SESSION SESSION CHARACTERISTICS AS TRANSACTION DEFERRABLE"))
                .isEqualTo(new Statement.SetSessionCharacteristics(List.of(new TransactionMode.Deferrable(true))));
    }

    @Test
    void parametersNamedLikeKeywordsAreStillParameters() {
        assertThat(parse("SET transaction TO 5")).isEqualTo(
                new Statement.SetParameter(new Statement.Ident("transaction", 4), List.of("5")));
        assertThat(parse("SET session = 1")).isEqualTo(
                new Statement.SetParameter(new Statement.Ident("session", 4), List.of("1")));
        assertThat(parse("SET SESSION statement_timeout = 1")).isEqualTo(
                new Statement.SetParameter(new Statement.Ident("statement_timeout", 12), List.of("1")));
    }

    @Test
    void transactionStatementsAreOneSealedFamily() {
        for (String sql : List.of("BEGIN", "START TRANSACTION", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT a",
                "RELEASE a", "ROLLBACK TO a", "SET TRANSACTION READ ONLY", "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")) {
            assertThat(parse(sql)).as(sql).isInstanceOf(Statement.TransactionStatement.class);
        }
    }

    @Test
    void severalStatementsInOneString() {
        assertThat(Parser.parse("BEGIN; SELECT 1; SAVEPOINT s; ROLLBACK TO s; COMMIT"))
                .extracting(s -> s.getClass().getSimpleName())
                .containsExactly("Begin", "Select", "Savepoint", "RollbackToSavepoint", "Commit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // each checked against PostgreSQL 15 (see golden/transaction_syntax.sql)
        "START                                  | syntax error at end of input        | 6",
        "START WORK                             | syntax error at or near \"WORK\"      | 7",
        "BEGIN , READ ONLY                      | syntax error at or near \",\"         | 7",
        "BEGIN READ ONLY,                       | syntax error at end of input        | 17",
        "BEGIN ISOLATION LEVEL foo              | syntax error at or near \"foo\"       | 23",
        "BEGIN ISOLATION SERIALIZABLE           | syntax error at or near \"SERIALIZABLE\" | 17",
        "BEGIN AND CHAIN                        | syntax error at or near \"AND\"       | 7",
        "COMMIT AND NO                          | syntax error at end of input        | 14",
        "COMMIT TO a                            | syntax error at or near \"TO\"        | 8",
        "ABORT TO a                             | syntax error at or near \"TO\"        | 7",
        "END TO a                               | syntax error at or near \"TO\"        | 5",
        "ROLLBACK AND CHAIN TO a                | syntax error at or near \"TO\"        | 20",
        "ROLLBACK TO SAVEPOINT select           | syntax error at or near \"select\"    | 23",
        "SAVEPOINT select                       | syntax error at or near \"select\"    | 11",
        "SAVEPOINT verbose                      | syntax error at or near \"verbose\"   | 11",
        "RELEASE SAVEPOINT a b                  | syntax error at or near \"b\"         | 21",
        "SET TRANSACTION                        | syntax error at end of input        | 16",
        "SET SESSION CHARACTERISTICS TRANSACTION READ ONLY | syntax error at or near \"TRANSACTION\" | 29",
        "SET SESSION CHARACTERISTICS AS READ ONLY | syntax error at or near \"READ\"    | 32",
    })
    void syntaxErrorsMatchPostgres(String sql, String message, int position) {
        SqlException e = catchThrowableOfType(SqlException.class, () -> Parser.parse(sql));
        assertThat(e).as(sql).isNotNull();
        assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position()).isEqualTo(position);
    }

    @Test
    void twoPhaseCommitAndSnapshotsAreNotSupported() {
        for (String sql : List.of("PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'",
                "SET TRANSACTION SNAPSHOT 'x'", "SET LOCAL SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")) {
            SqlException e = catchThrowableOfType(SqlException.class, () -> Parser.parse(sql));
            assertThat(e).as(sql).isNotNull();
            assertThat(e.state()).as(sql).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        }
    }

    @Test
    void systemColumnsAreOrdinaryNamesToTheParser() {
        Statement.Select s = (Statement.Select) parse("select xmin, xmax, * from t");
        assertThat(s.items()).hasSize(3);
        assertThat(s.items().get(0).expr()).isEqualTo(new io.shaledb.sql.ast.Expr.ColumnRef(null, "xmin", 7));
        assertThat(s.items().get(1).expr()).isEqualTo(new io.shaledb.sql.ast.Expr.ColumnRef(null, "xmax", 13));
        assertThat(s.items().get(2).star()).isTrue();
        assertThat(s.locking()).isEmpty();
    }
}
