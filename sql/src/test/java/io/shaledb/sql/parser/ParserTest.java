package io.shaledb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {

    private static SqlException error(String sql) {
        try {
            Parser.parse(sql);
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("expected an error for: " + sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT * FORM t              | syntax error at or near \"FORM\"            | 10",
        "SELEC 1                      | syntax error at or near \"SELEC\"           | 1",
        "SELECT 1 +                   | syntax error at end of input              | 11",
        "SELECT (1                    | syntax error at end of input              | 10",
        "SELECT 1 < 2 < 3             | syntax error at or near \"<\"               | 14",
        "SELECT 'abc                  | unterminated quoted string at or near \"'abc\" | 8",
        "SELECT \"abc                 | unterminated quoted identifier at or near \"\"abc\" | 8",
        "SELECT 1 /* x                | unterminated /* comment at or near \"/* x\" | 10",
        "SELECT 12ab                  | trailing junk after numeric literal at or near \"12ab\" | 8",
        "SELECT a b c                 | syntax error at or near \"c\"               | 12",
        "CREATE TABLE t (a int,)      | syntax error at or near \")\"               | 23",
    })
    void syntaxErrorsPointAtTheOffendingToken(String sql, String message, int position) {
        SqlException e = error(sql);
        assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position()).isEqualTo(position);
    }

    @Test
    void positionsCountFromTheStartOfTheWholeQueryString() {
        String sql = "SELECT 1;\nSELECT 2;\n  SELECT 3 3;";
        SqlException e = error(sql);
        assertThat(e.position()).isEqualTo(sql.lastIndexOf("3;") + 1);
        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"3\"");
    }

    @Test
    void syntaxErrorInALaterStatementFailsTheWholeString() {
        assertThatThrownBy(() -> Parser.parse("CREATE TABLE t (a int); INSERT INTO t VALUES (1); SELEC"))
                .isInstanceOf(SqlException.class);
    }

    @Test
    void emptyStatementsAndCommentsParseToNothing() {
        assertThat(Parser.parse("")).isEmpty();
        assertThat(Parser.parse("  ;; -- only a comment\n /* and /* nested */ another */ ;")).isEmpty();
    }

    @Test
    void precedenceFollowsPostgres() {
        // 1 + 2 * 3 = 4 OR NOT a IS NULL AND b  ==>  ((1 + (2*3)) = 4) OR ((NOT (a IS NULL)) AND b)
        Expr e = Parser.parseExpression("1 + 2 * 3 = 4 OR NOT a IS NULL AND b");
        Expr.Binary or = (Expr.Binary) e;
        assertThat(or.op()).isEqualTo("OR");
        Expr.Binary eq = (Expr.Binary) or.left();
        assertThat(eq.op()).isEqualTo("=");
        assertThat(((Expr.Binary) eq.left()).op()).isEqualTo("+");
        Expr.Binary and = (Expr.Binary) or.right();
        assertThat(and.op()).isEqualTo("AND");
        assertThat(and.left()).isInstanceOf(Expr.Unary.class);
        assertThat(((Expr.Unary) and.left()).operand()).isInstanceOf(Expr.IsNull.class);
    }

    @Test
    void castBindsTighterThanUnaryMinus() {
        Expr e = Parser.parseExpression("-1::text");
        assertThat(e).isInstanceOf(Expr.Unary.class);
        assertThat(((Expr.Unary) e).operand()).isInstanceOf(Expr.Cast.class);
    }

    @Test
    void negatedConstantsAreTypedByTheirValue() {
        assertThat(((Expr.Literal) Parser.parseExpression("-2147483648")).value()).isEqualTo(Integer.MIN_VALUE);
        assertThat(((Expr.Literal) Parser.parseExpression("2147483648")).value()).isEqualTo(2147483648L);
        assertThat(((Expr.Literal) Parser.parseExpression("-(-2147483648)")).value()).isEqualTo(2147483648L);
        assertThat(((Expr.Literal) Parser.parseExpression("-9223372036854775808")).value()).isEqualTo(Long.MIN_VALUE);
        assertThat(((Expr.Literal) Parser.parseExpression("1.5")).value()).isEqualTo(new java.math.BigDecimal("1.5"));
    }

    @Test
    void operatorsSplitLikePostgres() {
        Expr e = Parser.parseExpression("1+-2");
        assertThat(((Expr.Binary) e).op()).isEqualTo("+");
        assertThat(((Expr.Binary) e).right()).isEqualTo(new Expr.Literal(-2, 2));
    }

    @Test
    void identifiersFoldUnlessQuoted() {
        Statement.Select s = (Statement.Select) Parser.parse("SELECT Abc, \"Abc\" FROM \"My Table\" T").getFirst();
        assertThat(((Expr.ColumnRef) s.items().get(0).expr()).column()).isEqualTo("abc");
        assertThat(((Expr.ColumnRef) s.items().get(1).expr()).column()).isEqualTo("Abc");
        assertThat(s.from().name()).isEqualTo("My Table");
        assertThat(s.from().alias()).isEqualTo("t");
    }

    @Test
    void createTableCollectsColumnAndTableLevelKeys() {
        Statement.CreateTable c = (Statement.CreateTable) Parser.parse(
                "CREATE TABLE IF NOT EXISTS t (a int NOT NULL, b varchar(10) NULL, c double precision, PRIMARY KEY (a, b))")
                .getFirst();
        assertThat(c.ifNotExists()).isTrue();
        assertThat(c.columns()).extracting(cd -> cd.type().name()).containsExactly("int4", "varchar", "float8");
        assertThat(c.columns().get(1).type().length()).isEqualTo(10);
        assertThat(c.primaryKey()).extracting(Statement.Ident::name).containsExactly("a", "b");
    }

    @Test
    void twoPrimaryKeysAreRejectedAtTheSecond() {
        String sql = "CREATE TABLE t (a int PRIMARY KEY, b int, PRIMARY KEY (b))";
        SqlException e = error(sql);
        assertThat(e.state()).isEqualTo(SqlState.INVALID_TABLE_DEFINITION);
        assertThat(e.position()).isEqualTo(sql.lastIndexOf("PRIMARY") + 1);
    }

    @Test
    void unsupportedStatementsSayWhat() {
        SqlException e = error("SELECT 1; CREATE TEMP TABLE x (a int)");
        assertThat(e.state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        assertThat(e.getMessage()).isEqualTo("CREATE TEMP is not supported yet");
        assertThat(e.position()).isEqualTo(18);
    }

    @Test
    void explainTakesOptionsAndAQueryOrDml() {
        Statement.Explain e = (Statement.Explain) Parser.parse("EXPLAIN (ANALYZE off, FORMAT json, costs) DELETE FROM t").getFirst();
        assertThat(e.options()).extracting(Statement.VacuumOption::name).containsExactly("analyze", "format", "costs");
        assertThat(e.options()).extracting(Statement.VacuumOption::value).containsExactly("off", "json", null);
        assertThat(e.statement()).isInstanceOf(Statement.Delete.class);
        Statement.Explain old = (Statement.Explain) Parser.parse("EXPLAIN ANALYZE VERBOSE SELECT 1").getFirst();
        assertThat(old.options()).extracting(Statement.VacuumOption::name).containsExactly("analyze", "verbose");
        SqlException bad = error("EXPLAIN t");
        assertThat(bad.state()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThat(bad.position()).isEqualTo(9);
    }

    @Test
    void lexerRecordsOffsetsAndRawText() {
        List<Token> tokens = Lexer.tokenize("a <> 'x''y' \"Q\"::int4");
        assertThat(tokens).extracting(Token::kind).containsExactly(TokenKind.WORD, TokenKind.SYMBOL, TokenKind.STRING,
                TokenKind.QUOTED_IDENT, TokenKind.SYMBOL, TokenKind.WORD, TokenKind.EOF);
        assertThat(tokens.get(2).text()).isEqualTo("x'y");
        assertThat(tokens.get(2).raw()).isEqualTo("'x''y'");
        assertThat(tokens.get(3).offset()).isEqualTo(12);
    }
}
