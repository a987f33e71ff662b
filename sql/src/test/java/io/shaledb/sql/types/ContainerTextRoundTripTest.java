package io.shaledb.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** jsonb and array values survive their text output and input; PostgreSQL's normalization examples. */
class ContainerTextRoundTripTest {

    // ------------------------------------------------------------------ jsonb

    @Provide
    Arbitrary<Object> jsonTrees() {
        return tree(3);
    }

    private static Arbitrary<Object> tree(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().excludeChars((char) 0).ofMaxLength(6).map(s -> (Object) s),
                Arbitraries.strings().withChars("\"\\\n\t\u0001/é{}[]: ,").ofMaxLength(5).map(s -> (Object) s),
                Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.valueOf(-100000), BigInteger.valueOf(100000)),
                        Arbitraries.integers().between(0, 4)).as((u, s) -> (Object) new BigDecimal(u, s)),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE, Jsonb.NULL));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> list = tree(depth - 1).list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> object = Combinators.combine(Arbitraries.strings().excludeChars((char) 0).ofMaxLength(3), tree(depth - 1))
                .as(Map::entry).list().ofMaxSize(3).map(entries -> {
                    TreeMap<String, Object> m = Jsonb.newObject();
                    entries.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return (Object) m;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(1, list), net.jqwik.api.Tuple.of(1, object));
    }

    @Property(tries = 300)
    void jsonbTextRoundTrips(@ForAll("jsonTrees") Object tree) {
        Jsonb value = new Jsonb(tree);
        String text = value.toString();
        Jsonb back = Jsonb.parse(text);
        assertThat(back).isEqualTo(value);
        assertThat(back.toString()).isEqualTo(text);
        assertThat(Jsonb.parse(value.pretty())).isEqualTo(value);
    }

    @Test
    void jsonbNormalizesLikePostgres() {
        assertThat(Jsonb.parse("{\"bb\":1,\"a\":2,\"a\":3, \"c\" : [1,{\"y\":null,\"x\":true}]}").toString())
                .isEqualTo("{\"a\": 3, \"c\": [1, {\"x\": true, \"y\": null}], \"bb\": 1}");
        assertThat(Jsonb.parse("1e2").toString()).isEqualTo("100");
        assertThat(Jsonb.parse("-0.50").toString()).isEqualTo("-0.50");
        assertThat(Jsonb.parse("\"\\u00e9\\n\"").toString()).isEqualTo("\"é\\n\"");
        assertThatThrownBy(() -> Jsonb.parse("{\"a\" 1}")).isInstanceOf(SqlException.class)
                .hasMessage("invalid input syntax for type json");
    }

    @Test
    void jsonbOrderFollowsPostgres() {
        List<String> sorted = List.of("[]", "null", "\"a\"", "1", "false", "true", "[1]", "[1, 2]", "{}", "{\"a\": 1}");
        for (int i = 0; i + 1 < sorted.size(); i++) {
            assertThat(Jsonb.parse(sorted.get(i)).compareTo(Jsonb.parse(sorted.get(i + 1))))
                    .as(sorted.get(i) + " < " + sorted.get(i + 1)).isNegative();
        }
    }

    // ------------------------------------------------------------------ arrays

    record Case(SqlType element, List<Object> values) {}

    @Provide
    Arbitrary<Case> arrays() {
        return Arbitraries.oneOf(
                listOf(SqlType.INTEGER, Arbitraries.integers().map(v -> v)),
                listOf(SqlType.TEXT, Arbitraries.strings().withChars("ab \"\\{},NUL\t").ofMaxLength(5).map(v -> v)),
                listOf(SqlType.TEXT, Arbitraries.strings().excludeChars((char) 0).ofMaxLength(4).map(v -> v)),
                listOf(SqlType.NUMERIC, Arbitraries.bigIntegers().between(BigInteger.valueOf(-99999), BigInteger.valueOf(99999))
                        .map(b -> new BigDecimal(b, 2))),
                listOf(SqlType.BOOLEAN, Arbitraries.of(true, false).map(v -> v)),
                listOf(SqlType.TIMESTAMP, Arbitraries.longs().between(-10_000_000_000_000_000L, 10_000_000_000_000_000L)
                        .map(v -> v)),
                listOf(SqlType.JSONB, tree(1).map(Jsonb::new)));
    }

    private static Arbitrary<Case> listOf(SqlType element, Arbitrary<?> values) {
        return values.map(v -> (Object) v).injectNull(0.15).list().ofMaxSize(5).map(l -> new Case(element, l));
    }

    @Property(tries = 300)
    void arrayTextRoundTrips(@ForAll("arrays") Case c) {
        String text = SqlArrays.toText(c.values(), c.element());
        List<Object> back = SqlArrays.parse(text, c.element());
        assertThat(SqlArrays.compare(back, c.values())).as(text).isZero();
        assertThat(back.stream().filter(java.util.Objects::isNull).count())
                .isEqualTo(c.values().stream().filter(java.util.Objects::isNull).count());
        assertThat(SqlArrays.toText(back, c.element())).isEqualTo(text);
    }

    @Test
    void arrayQuotingFollowsPostgres() {
        List<Object> values = new ArrayList<>(List.of("a", "b c", "", "NULL", "x\"y", "p\\q", "{}"));
        values.add(null);
        assertThat(SqlArrays.toText(values, SqlType.TEXT))
                .isEqualTo("{a,\"b c\",\"\",\"NULL\",\"x\\\"y\",\"p\\\\q\",\"{}\",NULL}");
        assertThat(SqlArrays.parse(" { 1 , NULL,\"3\" } ", SqlType.INTEGER)).containsExactly(1, null, 3);
        assertThatThrownBy(() -> SqlArrays.parse("{1,2", SqlType.INTEGER)).isInstanceOf(SqlException.class)
                .hasMessage("malformed array literal: \"{1,2\"");
    }
}
