package io.shaledb.sql.plpgsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.parser.Parser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PL/pgSQL compiler: block structure, line numbers, variables as parameters, errors placed in the CREATE text. */
class PlParserTest {

    private static Function trigger(String body) {
        return new Function(1, "f", List.of(), "trigger", -1, "plpgsql", body, 'v');
    }

    private static Function function(String body, Function.Arg... args) {
        return new Function(1, "g", List.of(args), "int4", -1, "plpgsql", body, 'v');
    }

    @Test
    void compilesBlocksWithLinesCountedFromTheBodysFirstLine() {
        PlFunction f = PlParser.compile(trigger("""

                DECLARE
                  x int := 1;
                BEGIN
                  IF x > 0 THEN
                    NEW.a := x;
                  ELSIF x < 0 THEN
                    RAISE EXCEPTION 'neg %', x USING HINT = 'h';
                  ELSE
                    NULL;
                  END IF;
                  INSERT INTO t VALUES (NEW.a, x);
                  RETURN NEW;
                END;
                """), -1);
        PlNode.Block b = f.body();
        assertThat(b.declarations()).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("x"));
        assertThat(b.body()).hasSize(3);
        PlNode.If i = (PlNode.If) b.body().get(0);
        assertThat(i.line()).isEqualTo(5);
        assertThat(i.conditions()).hasSize(2);
        assertThat(i.branches().get(0).getFirst()).isInstanceOf(PlNode.Assign.class);
        PlNode.Raise r = (PlNode.Raise) i.branches().get(1).getFirst();
        assertThat(r.line()).isEqualTo(8);
        assertThat(r.format()).isEqualTo("neg %");
        assertThat(r.optionNames()).containsExactly("hint");
        PlNode.Sql sql = (PlNode.Sql) b.body().get(1);
        assertThat(sql.text()).isEqualTo("INSERT INTO t VALUES (NEW.a, x)");
        assertThat(sql.line()).isEqualTo(12);
        PlNode.Return ret = (PlNode.Return) b.body().get(2);
        assertThat(ret.row()).isEqualTo('n');
    }

    @Test
    void variablesAndNewFieldsBecomeParametersNotColumns() {
        PlFunction f = PlParser.compile(trigger("BEGIN INSERT INTO t (a, b) VALUES (NEW.a, tg_op); RETURN NEW; END"), -1);
        PlNode.Sql sql = (PlNode.Sql) f.body().body().getFirst();
        Statement.Insert ins = (Statement.Insert) sql.statement();
        assertThat(ins.rows().getFirst()).allMatch(e -> e instanceof Expr.Param);
        assertThat(sql.slots()).hasSize(2);
        assertThat(f.slots().get(sql.slots()[0])).isEqualTo(new Slots.Slot.Field(true, "a"));
        assertThat(f.slots().get(sql.slots()[1])).isEqualTo(new Slots.Slot.Var(PlFunction.TG_OP));
        // the column list names columns, never variables
        assertThat(ins.columns()).extracting(Statement.Ident::name).containsExactly("a", "b");
    }

    @Test
    void selectIntoTargetsAreTakenOutOfTheQuery() {
        PlFunction f = PlParser.compile(function("""
                DECLARE n int; m int;
                BEGIN
                  SELECT count(*), max(a) INTO STRICT n, m FROM t WHERE a > k;
                  UPDATE t SET a = 1 RETURNING a INTO n;
                  RETURN n;
                END""", new Function.Arg("k", "int4", -1, null)), -1);
        PlNode.Sql select = (PlNode.Sql) f.body().body().get(0);
        assertThat(select.strict()).isTrue();
        assertThat(select.into()).hasSize(2);
        assertThat(select.statement()).isInstanceOf(Statement.Select.class);
        PlNode.Sql update = (PlNode.Sql) f.body().body().get(1);
        assertThat(update.into()).singleElement().isInstanceOf(PlNode.Target.Var.class);
        assertThat(((Statement.Update) update.statement()).returning()).hasSize(1);
    }

    @Test
    void loopsAndExits() {
        PlFunction f = PlParser.compile(function("""
                DECLARE s int := 0;
                BEGIN
                  <<outer>>
                  FOR i IN REVERSE 10 .. 1 BY 2 LOOP
                    CONTINUE WHEN i = 4;
                    WHILE s < 100 LOOP s := s + i; EXIT outer WHEN s > 50; END LOOP;
                  END LOOP outer;
                  LOOP EXIT; END LOOP;
                  RETURN s;
                END""", new Function.Arg(null, "int4", -1, null)), -1);
        PlNode.ForRange r = (PlNode.ForRange) f.body().body().getFirst();
        assertThat(r.label()).isEqualTo("outer");
        assertThat(r.reverse()).isTrue();
        assertThat(r.step()).isNotNull();
        assertThat(r.body()).hasSize(2);
        assertThat(f.body().body().get(1)).isInstanceOf(PlNode.Loop.class);
    }

    @Test
    void errorsPointIntoTheCreateStatement() {
        String create = "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  foo bar;\nEND $$";
        int bodyOffset = create.indexOf("$$") + 2;
        Function def = trigger(create.substring(bodyOffset, create.lastIndexOf("$$")));
        assertThatThrownBy(() -> PlParser.compile(def, bodyOffset)).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
            assertThat(e.getMessage()).isEqualTo("syntax error at or near \"foo\"");
            assertThat(e.position()).isEqualTo(create.indexOf("foo") + 1);
        });
        String bad = "\nBEGIN\n  RETURN NEW +;\nEND";
        assertThatThrownBy(() -> PlParser.compile(trigger(bad), 100)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.position()).isEqualTo(100 + bad.indexOf(";") + 1));
        assertThatThrownBy(() -> PlParser.compile(trigger("BEGIN y := 1; RETURN NEW; END"), 0))
                .hasMessage("\"y\" is not a known variable");
        assertThatThrownBy(() -> PlParser.compile(trigger("BEGIN RAISE 'a % %', 1; RETURN NEW; END"), 0))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("too few parameters specified for RAISE");
                    assertThat(e.context()).isEqualTo("compilation of PL/pgSQL function \"f\" near line 1");
                });
        assertThatThrownBy(() -> PlParser.compile(trigger("BEGIN RETURN NEW; EXCEPTION WHEN nonsense THEN NULL; END"), 0))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_OBJECT));
        assertThatThrownBy(() -> PlParser.compile(trigger("BEGIN FOREACH x IN ARRAY a LOOP END LOOP; RETURN NEW; END"), 0))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED));
    }

    @Test
    void exceptionHandlersDeclareSqlstateAndSqlerrm() {
        PlFunction f = PlParser.compile(function("""
                BEGIN
                  RETURN 1;
                EXCEPTION
                  WHEN unique_violation OR SQLSTATE '22012' THEN
                    RETURN length(SQLERRM);
                  WHEN data_exception THEN
                    RETURN 2;
                END""", new Function.Arg("x", "int4", -1, null)), -1);
        assertThat(f.body().handlers()).hasSize(2);
        PlNode.Handler first = f.body().handlers().getFirst();
        assertThat(first.codes()).containsExactly("23505", "22012");
        assertThat(f.vars().get(first.sqlerrm()).name()).isEqualTo("sqlerrm");
        assertThat(f.body().handlers().get(1).codes()).containsExactly("22000");
    }

    @Test
    void dollarQuotedBodiesKeepTheirTextAndTags() {
        List<Statement> s = Parser.parse("CREATE OR REPLACE FUNCTION s.f(a int, b text DEFAULT 'x''y') RETURNS int "
                + "IMMUTABLE STRICT SECURITY DEFINER AS $fn$ BEGIN RETURN $$a;$$; END $fn$ LANGUAGE plpgsql; SELECT $$it's$$");
        Statement.CreateFunction c = (Statement.CreateFunction) s.get(0);
        assertThat(c.orReplace()).isTrue();
        assertThat(c.name().name()).isEqualTo("s.f");
        assertThat(c.args()).extracting(Statement.FunctionArg::name).containsExactly("a", "b");
        assertThat(c.args().get(1).defaultExpr()).isEqualTo("'x''y'");
        assertThat(c.body()).isEqualTo(" BEGIN RETURN $$a;$$; END ");
        assertThat(c.volatility()).isEqualTo("i");
        assertThat(s.get(1)).isInstanceOf(Statement.Select.class);
        assertThatThrownBy(() -> Parser.parse("SELECT $x$abc")).hasMessageStartingWith("unterminated dollar-quoted string");
    }

    @Test
    void triggerStatementsParse() {
        Statement.CreateTrigger t = (Statement.CreateTrigger) Parser.parse(
                "CREATE TRIGGER tr AFTER INSERT OR UPDATE OF a, b OR DELETE ON s.t FOR EACH ROW WHEN (NEW.a <> OLD.a) "
                        + "EXECUTE PROCEDURE f('x', 2, y)").getFirst();
        assertThat(t.before()).isFalse();
        assertThat(t.events()).isEqualTo(7);
        assertThat(t.updateColumns()).extracting(Statement.Ident::name).containsExactly("a", "b");
        assertThat(t.forEachRow()).isTrue();
        assertThat(t.when()).isEqualTo("NEW.a <> OLD.a");
        assertThat(t.args()).containsExactly("x", "2", "y");
        assertThat(Parser.parse("DROP TRIGGER IF EXISTS tr ON t CASCADE").getFirst())
                .isEqualTo(new Statement.DropTrigger(new Statement.Ident("tr", 23), new Statement.Ident("t", 29), true));
        assertThat(Parser.parse("ALTER TABLE t DISABLE TRIGGER ALL").getFirst())
                .isEqualTo(new Statement.EnableTrigger(new Statement.Ident("t", 12), null, false));
        Statement.DropFunction d = (Statement.DropFunction) Parser.parse("DROP FUNCTION IF EXISTS f(a int, text) CASCADE").getFirst();
        assertThat(d.argTypes()).extracting(io.shaledb.sql.ast.TypeName::name).containsExactly("int4", "text");
        assertThat(d.cascade()).isTrue();
    }
}
