package io.shaledb.common.encoding;

import static io.shaledb.common.encoding.SqlTuples.Column;
import static io.shaledb.common.encoding.SqlTuples.Type;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of the order-preserving tuple encoding against {@link SqlTuples#sqlCompare}, an
 * independent reference comparator with PostgreSQL semantics.
 */
class TupleEncodingPropertiesTest {

    record Tuple(List<Column> schema, List<Object> values) {
        @Override
        public String toString() {
            return schema + " " + SqlTuples.show(values);
        }
    }

    record Pair(List<Column> schema, List<Object> a, List<Object> b) {
        @Override
        public String toString() {
            return schema + " a=" + SqlTuples.show(a) + " b=" + SqlTuples.show(b);
        }
    }

    // ---------------------------------------------------------------- properties

    @Property
    void byteOrderEqualsSqlOrder(@ForAll("pairs") Pair p) {
        byte[] ea = SqlTuples.encode(p.schema(), p.a());
        byte[] eb = SqlTuples.encode(p.schema(), p.b());
        int expected = Integer.signum(SqlTuples.sqlCompare(p.schema(), p.a(), p.b()));
        Statistics.label("sql order").collect(expected < 0 ? "a<b" : expected == 0 ? "a=b" : "a>b");
        assertThat(Integer.signum(Arrays.compareUnsigned(ea, eb)))
                .as("%s%n enc(a)=%s%n enc(b)=%s", p, hex(ea), hex(eb))
                .isEqualTo(expected);
    }

    @Property(tries = 300)
    void sortingByBytesEqualsSortingBySql(@ForAll("tupleLists") List<Tuple> tuples) {
        List<Column> schema = tuples.getFirst().schema();
        List<List<Object>> bySql = new ArrayList<>(tuples.stream().map(Tuple::values).toList());
        bySql.sort((x, y) -> SqlTuples.sqlCompare(schema, x, y));
        List<byte[]> byBytes = new ArrayList<>(tuples.stream().map(t -> SqlTuples.encode(schema, t.values())).toList());
        byBytes.sort(Arrays::compareUnsigned);
        List<String> expected = bySql.stream().map(t -> hex(SqlTuples.encode(schema, t))).toList();
        assertThat(byBytes.stream().map(TupleEncodingPropertiesTest::hex).toList()).isEqualTo(expected);
    }

    @Property
    void decodeInvertsEncodeUpToCanonicalisation(@ForAll("tuples") Tuple t) {
        byte[] enc = SqlTuples.encode(t.schema(), t.values());
        TupleDecoder dec = new TupleDecoder(enc);
        List<Object> decoded = SqlTuples.read(dec, t.schema());
        assertCanonicallyEqual(t, decoded);
        assertThat(dec.position()).isEqualTo(enc.length);
        assertThat(dec.hasRemaining()).isFalse();
    }

    /** Columns are self-delimiting: a decoder consumes exactly the tuple, between a raw prefix and trailing bytes. */
    @Property
    void decodingStopsExactlyAtTheTupleEnd(@ForAll("tuples") Tuple t, @ForAll("byteStrings") byte[] prefix,
                                           @ForAll("byteStrings") byte[] trailer) {
        TupleEncoder enc = new TupleEncoder().writeRawPrefix(prefix);
        SqlTuples.write(enc, t.schema(), t.values());
        int end = enc.length();
        byte[] all = concat(enc.toByteArray(), trailer);
        TupleDecoder dec = new TupleDecoder(all).skip(prefix.length);
        assertCanonicallyEqual(t, SqlTuples.read(dec, t.schema()));
        assertThat(dec.position()).isEqualTo(end);
    }

    /** The encoding of a tuple is a byte prefix of the encoding of every extension of it. */
    @Property
    void encodingOfATuplePrefixIsAPrefix(@ForAll("tuples") Tuple t) {
        byte[] full = SqlTuples.encode(t.schema(), t.values());
        for (int k = 0; k <= t.values().size(); k++) {
            byte[] part = SqlTuples.encode(t.schema(), t.values().subList(0, k));
            assertThat(Arrays.equals(full, 0, part.length, part, 0, part.length))
                    .as("columns 0..%d of %s", k, t)
                    .isTrue();
        }
    }

    /** Distinct encodings of one column never prefix one another: what makes concatenation (and DESC inversion) work. */
    @Property
    void columnEncodingsArePrefixFree(@ForAll("pairs") Pair p) {
        Column col = p.schema().getFirst();
        byte[] x = SqlTuples.encode(List.of(col), p.a().subList(0, 1));
        byte[] y = SqlTuples.encode(List.of(col), p.b().subList(0, 1));
        if (!Arrays.equals(x, y)) {
            byte[] shorter = x.length <= y.length ? x : y;
            byte[] longer = shorter == x ? y : x;
            assertThat(Arrays.equals(longer, 0, shorter.length, shorter, 0, shorter.length))
                    .as("%s is a prefix of %s (%s)", hex(shorter), hex(longer), p)
                    .isFalse();
        }
    }

    /** Two tuples of the same schema encode to the same bytes exactly when SQL calls them equal. */
    @Property
    void equalEncodingsIffSqlEqual(@ForAll("pairs") Pair p) {
        boolean sqlEqual = SqlTuples.sqlCompare(p.schema(), p.a(), p.b()) == 0;
        assertThat(Arrays.equals(SqlTuples.encode(p.schema(), p.a()), SqlTuples.encode(p.schema(), p.b())))
                .as("%s", p)
                .isEqualTo(sqlEqual);
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Tuple> tuples() {
        return schemas().flatMap(schema -> tupleOf(schema).map(v -> new Tuple(schema, v)));
    }

    @Provide
    Arbitrary<List<Tuple>> tupleLists() {
        return schemas().flatMap(schema -> tupleOf(schema).map(v -> new Tuple(schema, v)).list().ofMinSize(1).ofMaxSize(20));
    }

    /** Two tuples of one schema; b copies a random-length leading run of a's columns so deep ties are common. */
    @Provide
    Arbitrary<Pair> pairs() {
        return schemas().flatMap(schema -> Combinators
                .combine(tupleOf(schema), tupleOf(schema), Arbitraries.integers().between(0, schema.size()))
                .as((a, b, shared) -> {
                    List<Object> b2 = new ArrayList<>(b);
                    for (int i = 0; i < shared; i++) {
                        b2.set(i, a.get(i));
                    }
                    return new Pair(schema, a, b2);
                }));
    }

    @Provide
    Arbitrary<byte[]> byteStrings() {
        return bytesValues();
    }

    static Arbitrary<List<Column>> schemas() {
        Arbitrary<SortOrder> orders = Arbitraries.of(SortOrder.ASC, SortOrder.DESC, SortOrder.ASC_NULLS_FIRST, SortOrder.DESC_NULLS_LAST);
        return Combinators.combine(Arbitraries.of(Type.class), orders).as(Column::new).list().ofMinSize(1).ofMaxSize(4);
    }

    static Arbitrary<List<Object>> tupleOf(List<Column> schema) {
        List<Arbitrary<Object>> columns = schema.stream().map(c -> valuesOf(c.type()).injectNull(0.2)).toList();
        return Combinators.combine(columns).as(ArrayList::new);
    }

    static Arbitrary<Object> valuesOf(Type type) {
        return switch (type) {
            case BOOLEAN -> Arbitraries.of(true, false).map(v -> v);
            case INT64 -> int64Values().map(v -> v);
            case FLOAT64 -> float64Values().map(v -> v);
            case TEXT -> textValues().map(v -> v);
            case BYTES -> bytesValues().map(v -> v);
        };
    }

    static Arbitrary<Long> int64Values() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -256L, -255L, -1L, 0L, 1L,
                        127L, 128L, 255L, 256L, Long.MAX_VALUE - 1, Long.MAX_VALUE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(-3, 3)),
                net.jqwik.api.Tuple.of(4, Arbitraries.longs()));
    }

    static Arbitrary<Double> float64Values() {
        Arbitrary<Double> specials = Arbitraries.of(
                -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                Double.longBitsToDouble(0x7ff0000000000001L), // signalling-pattern NaN
                Double.longBitsToDouble(0xfff8000000000000L), // NaN with the sign bit set
                Double.longBitsToDouble(0x7fffffffffffffffL),
                Double.longBitsToDouble(0xffffffffffffffffL),
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), -Math.nextDown(Double.MIN_NORMAL),
                Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, Math.nextUp(1.0), Math.nextDown(1.0));
        Arbitrary<Double> subnormals = Combinators
                .combine(Arbitraries.longs().between(1, 0x000fffffffffffffL), Arbitraries.of(true, false))
                .as((mantissa, negative) -> Double.longBitsToDouble(mantissa | (negative ? Long.MIN_VALUE : 0)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, specials),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(-2, 2).map(i -> (double) i)),
                net.jqwik.api.Tuple.of(1, subnormals),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble)), // every bit pattern
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles()));
    }

    static Arbitrary<String> textValues() {
        Arbitrary<Integer> tiny = Arbitraries.of(0x00, (int) 'a', (int) 'b');
        Arbitrary<Integer> edges = Arbitraries.of(0x00, 0x01, (int) 'a', (int) 'b', 0x7F, 0x80, 0xFF, 0x7FF, 0x800, 0xD7FF,
                0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, codePointStrings(tiny, 4)),
                net.jqwik.api.Tuple.of(4, codePointStrings(edges, 6)),
                net.jqwik.api.Tuple.of(2, codePointStrings(any, 8)));
    }

    private static Arbitrary<String> codePointStrings(Arbitrary<Integer> codePoints, int maxLength) {
        return codePoints.list().ofMaxSize(maxLength)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    static Arbitrary<byte[]> bytesValues() {
        Arbitrary<Byte> tiny = Arbitraries.of((byte) 0x00, (byte) 0xFF);
        Arbitrary<Byte> edges = Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, byteArrays(tiny, 4)),
                net.jqwik.api.Tuple.of(4, byteArrays(edges, 6)),
                net.jqwik.api.Tuple.of(2, byteArrays(Arbitraries.bytes(), 10)));
    }

    private static Arbitrary<byte[]> byteArrays(Arbitrary<Byte> bytes, int maxLength) {
        return bytes.list().ofMaxSize(maxLength).map(list -> {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- helpers

    private static void assertCanonicallyEqual(Tuple t, List<Object> decoded) {
        assertThat(decoded).hasSameSizeAs(t.values());
        for (int i = 0; i < decoded.size(); i++) {
            Object expected = SqlTuples.canonical(t.values().get(i));
            assertThat(SqlTuples.sameValue(expected, decoded.get(i)))
                    .as("column %d of %s decoded as %s", i, t, SqlTuples.show(decoded))
                    .isTrue();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
