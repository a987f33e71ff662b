package io.shaledb.common.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Example-based tests that pin the byte layout and the edge cases the properties might rarely hit. */
class TupleEncodingExamplesTest {

    private static final SortOrder[] ALL_ORDERS = {
        SortOrder.ASC, SortOrder.DESC, SortOrder.ASC_NULLS_FIRST, SortOrder.DESC_NULLS_LAST
    };

    private static String enc(Consumer<TupleEncoder> writes) {
        TupleEncoder e = new TupleEncoder();
        writes.accept(e);
        return HexFormat.of().formatHex(e.toByteArray());
    }

    private static byte[] bytes(Consumer<TupleEncoder> writes) {
        TupleEncoder e = new TupleEncoder();
        writes.accept(e);
        return e.toByteArray();
    }

    @Test
    void markersForEveryNullPlacement() {
        assertThat(enc(e -> e.writeNull(SortOrder.ASC))).isEqualTo("03");
        assertThat(enc(e -> e.writeNull(SortOrder.ASC_NULLS_FIRST))).isEqualTo("01");
        assertThat(enc(e -> e.writeNull(SortOrder.DESC))).isEqualTo("fc");
        assertThat(enc(e -> e.writeNull(SortOrder.DESC_NULLS_LAST))).isEqualTo("fe");
        assertThat(enc(e -> e.writeBoolean(false, SortOrder.ASC))).isEqualTo("0200");
        assertThat(enc(e -> e.writeBoolean(true, SortOrder.DESC))).isEqualTo("fdfe");
    }

    @Test
    void postgresDefaultsPutNullLastAscendingAndFirstDescending() {
        assertThat(SortOrder.ASC).isEqualTo(new SortOrder(false, false));
        assertThat(SortOrder.DESC).isEqualTo(new SortOrder(true, true));
        assertThat(SortOrder.of(false)).isEqualTo(SortOrder.ASC);
        assertThat(SortOrder.of(true)).isEqualTo(SortOrder.DESC);
        for (SortOrder o : ALL_ORDERS) {
            int c = Arrays.compareUnsigned(bytes(e -> e.writeNull(o)), bytes(e -> e.writeLong(Long.MIN_VALUE, o)));
            int d = Arrays.compareUnsigned(bytes(e -> e.writeNull(o)), bytes(e -> e.writeLong(Long.MAX_VALUE, o)));
            assertThat(Integer.signum(c)).as("%s", o).isEqualTo(o.nullsFirst() ? -1 : 1);
            assertThat(Integer.signum(d)).as("%s", o).isEqualTo(o.nullsFirst() ? -1 : 1);
        }
    }

    @Test
    void int64IsBigEndianWithTheSignBitFlipped() {
        assertThat(enc(e -> e.writeLong(0, SortOrder.ASC))).isEqualTo("02" + "8000000000000000");
        assertThat(enc(e -> e.writeLong(-1, SortOrder.ASC))).isEqualTo("02" + "7fffffffffffffff");
        assertThat(enc(e -> e.writeLong(Long.MIN_VALUE, SortOrder.ASC))).isEqualTo("02" + "0000000000000000");
        assertThat(enc(e -> e.writeLong(Long.MAX_VALUE, SortOrder.ASC))).isEqualTo("02" + "ffffffffffffffff");
        assertThat(enc(e -> e.writeLong(1, SortOrder.DESC))).isEqualTo("fd" + "7ffffffffffffffe");
    }

    @Test
    void textEscapesZeroAndEndsWithTerminator() {
        assertThat(enc(e -> e.writeText("", SortOrder.ASC))).isEqualTo("020001");
        assertThat(enc(e -> e.writeText("a\0b", SortOrder.ASC))).isEqualTo("02" + "6100ff62" + "0001");
        assertThat(enc(e -> e.writeText("a\0b", SortOrder.DESC))).isEqualTo("fd" + "9eff009d" + "fffe");
        assertThat(enc(e -> e.writeBytes(new byte[] {0, (byte) 0xFF}, SortOrder.ASC))).isEqualTo("02" + "00ffff" + "0001");
        // UTF-8: U+00E9 is c3 a9, U+1F600 is f0 9f 98 80
        assertThat(enc(e -> e.writeText("\u00e9\uD83D\uDE00", SortOrder.ASC))).isEqualTo("02" + "c3a9f09f9880" + "0001");
    }

    /** The float64 table of docs/formats/key-encoding.md. */
    @Test
    void float64BytesMatchTheFormatDocument() {
        assertThat(enc(e -> e.writeDouble(Double.NEGATIVE_INFINITY, SortOrder.ASC))).isEqualTo("02" + "000fffffffffffff");
        assertThat(enc(e -> e.writeDouble(-1.0, SortOrder.ASC))).isEqualTo("02" + "400fffffffffffff");
        assertThat(enc(e -> e.writeDouble(-0.0, SortOrder.ASC))).isEqualTo("02" + "8000000000000000");
        assertThat(enc(e -> e.writeDouble(1.0, SortOrder.ASC))).isEqualTo("02" + "bff0000000000000");
        assertThat(enc(e -> e.writeDouble(Double.POSITIVE_INFINITY, SortOrder.ASC))).isEqualTo("02" + "fff0000000000000");
        assertThat(enc(e -> e.writeDouble(Double.longBitsToDouble(0xfff0000000000001L), SortOrder.ASC))).isEqualTo("02" + "fff8000000000000");
    }

    @Test
    void textOrderIsCodePointOrderNotUtf16Order() {
        String bmpHigh = "\uFFFD";           // U+FFFD
        String supplementary = "\uD83D\uDE00"; // U+1F600, UTF-16 starts with 0xD83D < 0xFFFD
        assertThat(bmpHigh.compareTo(supplementary)).isPositive(); // Java's String order disagrees with C collation
        assertThat(Arrays.compareUnsigned(bytes(e -> e.writeText(bmpHigh, SortOrder.ASC)),
                bytes(e -> e.writeText(supplementary, SortOrder.ASC)))).isNegative();
    }

    @Test
    void shorterStringsSortFirstAndZeroBytesSortLow() {
        String[] ascending = {"", "\0", "\0\0", "\0a", "a", "a\0", "a\0\0", "a\u0001", "aa", "b"};
        for (SortOrder o : ALL_ORDERS) {
            for (int i = 0; i + 1 < ascending.length; i++) {
                String lo = ascending[i];
                String hi = ascending[i + 1];
                int c = Arrays.compareUnsigned(bytes(e -> e.writeText(lo, o)), bytes(e -> e.writeText(hi, o)));
                assertThat(Integer.signum(c)).as("%s: %s vs %s", o, lo, hi).isEqualTo(o.descending() ? 1 : -1);
            }
        }
    }

    @Test
    void doublesFollowPostgresFloat8Order() {
        double[] ascending = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.0, -Double.MIN_NORMAL,
            -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, Math.nextDown(Double.MIN_NORMAL), Double.MIN_NORMAL, 1.0,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN};
        for (SortOrder o : ALL_ORDERS) {
            for (int i = 0; i + 1 < ascending.length; i++) {
                double lo = ascending[i];
                double hi = ascending[i + 1];
                int c = Arrays.compareUnsigned(bytes(e -> e.writeDouble(lo, o)), bytes(e -> e.writeDouble(hi, o)));
                assertThat(Integer.signum(c)).as("%s: %s vs %s", o, lo, hi).isEqualTo(o.descending() ? 1 : -1);
            }
        }
    }

    @Test
    void negativeZeroAndNaNPayloadsAreCanonicalised() {
        for (SortOrder o : ALL_ORDERS) {
            assertThat(bytes(e -> e.writeDouble(-0.0, o))).isEqualTo(bytes(e -> e.writeDouble(0.0, o)));
            byte[] nan = bytes(e -> e.writeDouble(Double.NaN, o));
            for (long bits : new long[] {0x7ff0000000000001L, 0xfff8000000000000L, 0xffffffffffffffffL}) {
                assertThat(bytes(e -> e.writeDouble(Double.longBitsToDouble(bits), o))).isEqualTo(nan);
            }
            double zero = new TupleDecoder(bytes(e -> e.writeDouble(-0.0, o))).readDouble(o);
            assertThat(Double.doubleToRawLongBits(zero)).isZero();
            double decodedNaN = new TupleDecoder(bytes(e -> e.writeDouble(Double.longBitsToDouble(0xfff8000000000001L), o))).readDouble(o);
            assertThat(Double.doubleToRawLongBits(decodedNaN)).isEqualTo(Double.doubleToRawLongBits(Double.NaN));
        }
    }

    @Test
    void compositeKeyDecodesColumnByColumn() {
        TupleEncoder e = new TupleEncoder(1)
                .writeRawPrefix(new byte[] {'t', 7})
                .writeLong(42, SortOrder.ASC)
                .writeNull(SortOrder.DESC)
                .writeText("x\0y", SortOrder.DESC_NULLS_LAST)
                .writeBytes(new byte[] {(byte) 0xFF, 0}, SortOrder.ASC_NULLS_FIRST)
                .writeDouble(-2.5, SortOrder.DESC)
                .writeBoolean(true, SortOrder.ASC);
        TupleDecoder d = new TupleDecoder(e.toByteArray()).skip(2);
        assertThat(d.readNull(SortOrder.ASC)).isFalse();
        assertThat(d.readLong(SortOrder.ASC)).isEqualTo(42);
        assertThat(d.readNull(SortOrder.DESC)).isTrue();
        assertThat(d.readNull(SortOrder.DESC_NULLS_LAST)).isFalse();
        assertThat(d.readText(SortOrder.DESC_NULLS_LAST)).isEqualTo("x\0y");
        assertThat(d.readBytes(SortOrder.ASC_NULLS_FIRST)).containsExactly(0xFF, 0);
        assertThat(d.readDouble(SortOrder.DESC)).isEqualTo(-2.5);
        assertThat(d.readBoolean(SortOrder.ASC)).isTrue();
        assertThat(d.hasRemaining()).isFalse();
        assertThat(d.position()).isEqualTo(e.length());
    }

    @Test
    void resetReusesTheEncoder() {
        TupleEncoder e = new TupleEncoder();
        e.writeText("a long enough string to force the buffer to grow past its start", SortOrder.ASC);
        e.reset();
        assertThat(e.length()).isZero();
        e.writeLong(1, SortOrder.ASC);
        assertThat(HexFormat.of().formatHex(e.toByteArray())).isEqualTo("02" + "8000000000000001");
    }

    @Test
    void corruptInputIsRejected() {
        // truncated int64
        assertThatThrownBy(() -> new TupleDecoder(HexFormat.of().parseHex("0280")).readLong(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        // unterminated string
        assertThatThrownBy(() -> new TupleDecoder(HexFormat.of().parseHex("026162")).readText(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        // escape followed by neither 0xFF nor 0x01
        assertThatThrownBy(() -> new TupleDecoder(HexFormat.of().parseHex("02610005")).readBytes(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad escape");
        // unknown marker
        assertThatThrownBy(() -> new TupleDecoder(HexFormat.of().parseHex("07")).readNull(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marker");
        // reading a value where a NULL was written
        assertThatThrownBy(() -> new TupleDecoder(HexFormat.of().parseHex("03")).readLong(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class);
        // reading past the end
        assertThatThrownBy(() -> new TupleDecoder(new byte[0]).readNull(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TupleDecoder(new byte[1]).skip(2))
                .isInstanceOf(IllegalArgumentException.class);
        // the same bytes read with the wrong direction: ASC present marker read as DESC is 0xFD
        assertThatThrownBy(() -> new TupleDecoder(bytes(e -> e.writeLong(5, SortOrder.ASC))).readLong(SortOrder.DESC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readNullConsumesNothingForAPresentColumn() {
        TupleDecoder d = new TupleDecoder(bytes(e -> e.writeLong(5, SortOrder.DESC)));
        assertThat(d.readNull(SortOrder.DESC)).isFalse();
        assertThat(d.position()).isZero();
        assertThat(d.readLong(SortOrder.DESC)).isEqualTo(5);
    }

    @Test
    void textWithUnpairedSurrogatesIsRejectedInsteadOfSilentlyReplaced() {
        // String.getBytes(UTF_8) would turn each of these into '?', colliding with the key "?".
        for (String bad : List.of("\uD800", "a\uDC00", "\uDE00\uD83D", "x\uD83D")) {
            assertThatThrownBy(() -> new TupleEncoder().writeText(bad, SortOrder.ASC))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void invalidUtf8IsRejectedWhenReadingText() {
        assertThatThrownBy(() -> new TupleDecoder(HexFormat.of().parseHex("02ff0001")).readText(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class);
        // readBytes of the same column is fine
        assertThat(new TupleDecoder(HexFormat.of().parseHex("02ff0001")).readBytes(SortOrder.ASC)).containsExactly(0xFF);
    }
}
