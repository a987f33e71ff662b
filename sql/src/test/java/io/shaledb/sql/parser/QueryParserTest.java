package io.shaledb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import org.junit.jupiter.api.Test;

/** Query syntax: set-operation precedence, where ORDER BY / LIMIT attach, FROM items, subqueries. */
class QueryParserTest {

    private static Query query(String sql) {
        Statement s = Parser.parse(sql).getFirst();
        return s instanceof Statement.QueryStatement q ? q.query() : (Statement.Select) s;
    }

    @Test
    void intersectBindsTighterThanUnionAndExcept() {
        Query.SetOp top = (Query.SetOp) query("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4");
        assertThat(top.kind()).isEqualTo(Query.SetOpKind.EXCEPT);
        assertThat(top.all()).isTrue();
        Query.SetOp union = (Query.SetOp) top.left();
        assertThat(union.kind()).isEqualTo(Query.SetOpKind.UNION);
        assertThat(((Query.SetOp) union.right()).kind()).isEqualTo(Query.SetOpKind.INTERSECT);
    }

    @Test
    void orderByAndLimitAfterASetOperationApplyToTheWhole() {
        Query.Ordered o = (Query.Ordered) query("SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1");
        assertThat(o.body()).isInstanceOf(Query.SetOp.class);
        assertThat(o.orderBy()).hasSize(1);
        Statement.Select plain = (Statement.Select) query("SELECT a FROM t ORDER BY b OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY");
        assertThat(plain.orderBy()).hasSize(1);
        assertThat(plain.limit()).isEqualTo(new Expr.Literal(3, 53));
    }

    @Test
    void joinsAssociateLeftAndParenthesesGroup() {
        Statement.Select s = (Statement.Select) query("SELECT * FROM a JOIN b USING (x) LEFT JOIN (c CROSS JOIN d) AS j ON true, e");
        assertThat(s.fromList()).hasSize(2);
        FromItem.Join left = (FromItem.Join) s.fromList().getFirst();
        assertThat(left.kind()).isEqualTo(FromItem.JoinKind.LEFT);
        assertThat(((FromItem.Join) left.left()).using()).extracting(Statement.Ident::name).containsExactly("x");
        FromItem.Join inner = (FromItem.Join) left.right();
        assertThat(inner.kind()).isEqualTo(FromItem.JoinKind.CROSS);
        assertThat(inner.alias()).isEqualTo("j");
    }

    @Test
    void parenthesesAroundASubqueryInAnExpression() {
        Statement.Select s = (Statement.Select) query("SELECT ((SELECT 1) + 1), (SELECT 2), x IN (SELECT 3), EXISTS (VALUES (1))");
        assertThat(s.items().get(0).expr()).isInstanceOf(Expr.Binary.class);
        assertThat(((Expr.Subquery) s.items().get(1).expr()).kind()).isEqualTo(Expr.SubqueryKind.SCALAR);
        assertThat(((Expr.Subquery) s.items().get(2).expr()).kind()).isEqualTo(Expr.SubqueryKind.IN);
        assertThat(((Expr.Subquery) s.items().get(3).expr()).kind()).isEqualTo(Expr.SubqueryKind.EXISTS);
        Expr notIn = ((Statement.Select) query("SELECT 1 WHERE x NOT IN (SELECT 1)")).where();
        assertThat(notIn).isInstanceOf(Expr.Unary.class);
        Expr all = ((Statement.Select) query("SELECT 1 WHERE x <> ALL (SELECT 1)")).where();
        assertThat(((Expr.Subquery) all).kind()).isEqualTo(Expr.SubqueryKind.ALL);
    }

    @Test
    void withAndViewsKeepTheirText() {
        Query.With w = (Query.With) query("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r");
        assertThat(w.recursive()).isTrue();
        assertThat(w.ctes().getFirst().columns()).extracting(Statement.Ident::name).containsExactly("n");
        Statement.CreateView v = (Statement.CreateView) Parser.parse("CREATE OR REPLACE VIEW v (a) AS SELECT 1 ;").getFirst();
        assertThat(v.orReplace()).isTrue();
        assertThat(v.sql()).isEqualTo("SELECT 1");
    }
}
