package io.shaledb.sql.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.DateTimes;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Key encodings sort like SQL comparison, and keys and values round-trip, for every column type. */
class TypeCodecsTest {
    record Pair(SqlType type, Object a, Object b) {}

    static final List<SqlType> TYPES = List.of(SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT, SqlType.NUMERIC,
            SqlType.REAL, SqlType.DOUBLE, SqlType.TEXT, SqlType.VARCHAR, SqlType.BPCHAR, SqlType.BYTEA, SqlType.UUID,
            SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.INTERVAL, SqlType.BOOLEAN);

    static Arbitrary<Object> values(SqlType t) {
        return switch (t) {
            case SMALLINT -> Arbitraries.shorts().map(v -> v);
            case INTEGER -> Arbitraries.integers().map(v -> v);
            case BIGINT -> Arbitraries.longs().map(v -> v);
            case NUMERIC -> Combinators.combine(Arbitraries.bigIntegers().between(
                    BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)), Arbitraries.integers().between(0, 20))
                    .as((u, s) -> (Object) new BigDecimal(u, s));
            case REAL -> Arbitraries.floats().map(f -> f == 0 ? 0f : f);
            case DOUBLE -> Arbitraries.doubles().map(d -> d == 0 ? 0.0 : d);
            case TEXT, VARCHAR -> Arbitraries.strings().ofMaxLength(8).map(s -> s);
            case BPCHAR -> Arbitraries.strings().withChars("ab \u00e9").ofMaxLength(4).map(s -> (Object) padTo4(s));
            case BYTEA -> Arbitraries.bytes().array(byte[].class).ofMaxSize(6).map(Bytea::new);
            case UUID -> Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((x, y) -> (Object) new UUID(x, y));
            case DATE -> Arbitraries.oneOf(Arbitraries.integers().between(-700_000, 3_000_000).map(v -> v),
                    Arbitraries.of(DateTimes.DATE_NEG_INFINITY, DateTimes.DATE_POS_INFINITY).map(v -> v));
            case TIME -> Arbitraries.longs().between(0, Interval.MICROS_PER_DAY).map(v -> v);
            case TIMESTAMP, TIMESTAMPTZ -> Arbitraries.oneOf(Arbitraries.longs().between(-200_000_000_000_000_000L,
                    200_000_000_000_000_000L).map(v -> v), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE).map(v -> v));
            case INTERVAL -> Combinators.combine(Arbitraries.integers().between(-100_000, 100_000),
                    Arbitraries.integers().between(-100_000, 100_000),
                    Arbitraries.longs().between(-1_000_000_000_000_000L, 1_000_000_000_000_000L))
                    .as((m, d, us) -> (Object) new Interval(m, d, us));
            case BOOLEAN -> Arbitraries.of(true, false).map(v -> v);
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    private static String padTo4(String s) {
        return s + " ".repeat(4 - s.length());
    }

    @Provide
    Arbitrary<Pair> pairs() {
        return Arbitraries.of(TYPES).flatMap(t -> Combinators.combine(values(t), values(t)).as((a, b) -> new Pair(t, a, b)));
    }

    private static Table table(SqlType t) {
        int typmod = t == SqlType.BPCHAR ? 4 : -1;
        return new Table(3, "t", List.of(new Column("k", t, typmod, true), new Column("v", t, typmod, false)),
                new int[] {0}, "memory");
    }

    /** SQL order: bpchar ignores trailing spaces. */
    private static int sqlCompare(SqlType t, Object a, Object b) {
        if (t == SqlType.BPCHAR) {
            return Values.compare(Values.stripTrailingSpaces((String) a), Values.stripTrailingSpaces((String) b));
        }
        return Values.compare(a, b);
    }

    @Property(tries = 2000)
    void keyOrderIsSqlOrder(@ForAll("pairs") Pair p) {
        Table t = table(p.type());
        byte[] ka = RowCodec.encodeKey(t, new Object[] {p.a(), null}, 0);
        byte[] kb = RowCodec.encodeKey(t, new Object[] {p.b(), null}, 0);
        int expected = Integer.signum(sqlCompare(p.type(), p.a(), p.b()));
        if (p.type() == SqlType.INTERVAL && expected == 0) {
            return; // equal intervals with different fields ('1 mon', '30 days') are distinct keys
        }
        assertThat(Integer.signum(Bytes.compare(ka, kb))).as("%s vs %s", p.a(), p.b()).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void keysAndValuesRoundTrip(@ForAll("pairs") Pair p) {
        Table t = table(p.type());
        Object[] row = {p.a(), p.b()};
        byte[] key = RowCodec.encodeKey(t, row, 0);
        Object[] back = RowCodec.decode(t, key, RowCodec.encodeValue(t, row));
        assertThat(back[1]).isEqualTo(p.b());
        if (p.type() == SqlType.NUMERIC) {
            assertThat(((BigDecimal) back[0]).compareTo((BigDecimal) p.a())).isZero(); // trailing zeros are not in keys
        } else {
            assertThat(back[0]).isEqualTo(p.a());
        }
    }
}
