package io.shaledb.sql.exec.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeparserTest {
    private static final Namer NAMES = (index, qualify, d) -> (qualify ? "t." : "") + List.of("id", "name", "v").get(index);
    private static final Bound ID = new Bound.Slot(0, SqlType.INTEGER, 0, 0);
    private static final Bound NAME = new Bound.Slot(1, SqlType.TEXT, 0, 0);
    private static final Bound V = new Bound.Slot(2, SqlType.NUMERIC, 0, 0);

    private static String text(Bound b, boolean qualify) {
        return new Deparser(NAMES, qualify, null).deparse(b);
    }

    @Test
    void comparisonsAreParenthesizedAndColumnsQualifiedOnRequest() {
        Bound eq = new Bound.Compare("=", ID, new Bound.Const(1, SqlType.INTEGER));
        assertThat(text(eq, false)).isEqualTo("(id = 1)");
        assertThat(text(eq, true)).isEqualTo("(t.id = 1)");
    }

    @Test
    void andOrChainsFlattenLikeRuleutils() {
        Bound a = new Bound.Compare(">", ID, new Bound.Const(1, SqlType.INTEGER));
        Bound b = new Bound.Compare("<", ID, new Bound.Const(5, SqlType.INTEGER));
        Bound c = new Bound.IsNull(NAME, true);
        assertThat(text(new Bound.And(new Bound.And(a, b), c), false)).isEqualTo("((id > 1) AND (id < 5) AND (name IS NOT NULL))");
        assertThat(text(new Bound.Or(a, new Bound.Not(b)), false)).isEqualTo("((id > 1) OR (NOT (id < 5)))");
    }

    @Test
    void constantsCarryTheirTypeExceptPlainNumbersAndBooleans() {
        assertThat(Deparser.constant(5, SqlType.INTEGER, -1)).isEqualTo("5");
        assertThat(Deparser.constant(-5, SqlType.INTEGER, -1)).isEqualTo("'-5'::integer");
        assertThat(Deparser.constant(5L, SqlType.BIGINT, -1)).isEqualTo("'5'::bigint");
        assertThat(Deparser.constant(new BigDecimal("1.5"), SqlType.NUMERIC, -1)).isEqualTo("1.5");
        assertThat(Deparser.constant(new BigDecimal("2"), SqlType.NUMERIC, -1)).isEqualTo("'2'::numeric");
        assertThat(Deparser.constant(5.0, SqlType.DOUBLE, -1)).isEqualTo("'5'::double precision");
        assertThat(Deparser.constant("it's", SqlType.TEXT, -1)).isEqualTo("'it''s'::text");
        assertThat(Deparser.constant("ab", SqlType.VARCHAR, 3)).isEqualTo("'ab'::character varying(3)");
        assertThat(Deparser.constant(true, SqlType.BOOLEAN, -1)).isEqualTo("true");
        assertThat(Deparser.constant(null, SqlType.INTEGER, -1)).isEqualTo("NULL::integer");
    }

    @Test
    void conversionsShowAsCastsAndFoldIntoConstants() {
        assertThat(text(new Bound.Convert(ID, SqlType.INTEGER, SqlType.NUMERIC, -1, false), false)).isEqualTo("(id)::numeric");
        Bound folded = new Bound.Compare(">", V, new Bound.Convert(new Bound.Const(2, SqlType.INTEGER), SqlType.INTEGER,
                SqlType.NUMERIC, -1, false));
        assertThat(text(folded, false)).isEqualTo("(v > '2'::numeric)");
    }

    @Test
    void operatorsFunctionsCaseAndCoalesce() {
        assertThat(text(new Bound.Concat(NAME, new Bound.Const("x", SqlType.TEXT)), false)).isEqualTo("(name || 'x'::text)");
        assertThat(text(new Bound.Negate(V, SqlType.NUMERIC), false)).isEqualTo("(- v)");
        assertThat(text(new Bound.BinaryOp("~~", NAME, new Bound.Const("a%", SqlType.TEXT), SqlType.BOOLEAN, (x, y) -> null), false))
                .isEqualTo("(name ~~ 'a%'::text)");
        assertThat(text(new Bound.Call("upper", List.of(NAME), SqlType.TEXT, true, x -> null), false)).isEqualTo("upper(name)");
        assertThat(text(new Bound.Coalesce(List.of(NAME, new Bound.Const("x", SqlType.TEXT)), SqlType.TEXT), false))
                .isEqualTo("COALESCE(name, 'x'::text)");
        Bound when = new Bound.Compare(">", ID, new Bound.Const(1, SqlType.INTEGER));
        assertThat(text(new Bound.Case(List.of(when), List.of(new Bound.Const("a", SqlType.TEXT)), new Bound.Const("b", SqlType.TEXT),
                SqlType.TEXT), false)).isEqualTo("CASE WHEN (id > 1) THEN 'a'::text ELSE 'b'::text END");
    }
}
