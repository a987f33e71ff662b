package io.shaledb.pgwire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Binary formats against bytes PostgreSQL 15 sends (numeric_send, date_send, array_send ...). */
class BinaryCodecTest {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void numericMatchesPostgresLayout() {
        // SELECT numeric_send(12345.678): ndigits 3, weight 1, sign +, dscale 3, digits 1 2345 6780
        assertThat(hex(BinaryCodec.encode(SqlType.NUMERIC, new BigDecimal("12345.678")))).isEqualTo("0003000100000003000109291a7c");
        // SELECT numeric_send(-0.0001): ndigits 1, weight -1, sign -, dscale 4, digit 1
        assertThat(hex(BinaryCodec.encode(SqlType.NUMERIC, new BigDecimal("-0.0001")))).isEqualTo("0001ffff400000040001");
        // SELECT numeric_send(0.00): no digits, dscale 2
        assertThat(hex(BinaryCodec.encode(SqlType.NUMERIC, new BigDecimal("0.00")))).isEqualTo("0000000000000002");
        for (String v : new String[] {"0", "1", "-1", "10000", "100000000", "9999.9999", "0.5", "-123456789.123456789", "1E+20"}) {
            BigDecimal d = new BigDecimal(v);
            Object back = BinaryCodec.decode(SqlType.NUMERIC, BinaryCodec.encode(SqlType.NUMERIC, d));
            assertThat((BigDecimal) back).as(v).isEqualByComparingTo(d);
        }
    }

    @Test
    void datesAndTimestampsCountFrom2000() {
        int days1970 = 10_957; // 2000-01-01
        assertThat(hex(BinaryCodec.encode(SqlType.DATE, days1970))).isEqualTo("00000000");
        assertThat(hex(BinaryCodec.encode(SqlType.DATE, Integer.MAX_VALUE))).isEqualTo("7fffffff"); // infinity
        long micros = 946_684_800_000_000L + 1;
        assertThat(hex(BinaryCodec.encode(SqlType.TIMESTAMPTZ, micros))).isEqualTo("0000000000000001");
        assertThat(BinaryCodec.decode(SqlType.TIMESTAMP, BinaryCodec.encode(SqlType.TIMESTAMP, micros))).isEqualTo(micros);
        Interval i = new Interval(14, 3, 4_000_000L);
        assertThat(BinaryCodec.decode(SqlType.INTERVAL, BinaryCodec.encode(SqlType.INTERVAL, i))).isEqualTo(i);
    }

    @Test
    void arraysCarryTheirElementType() {
        // SELECT array_send('{1,NULL,3}'::int4[])
        byte[] b = BinaryCodec.encode(SqlType.INT4_ARRAY, Arrays.asList(1, null, 3));
        assertThat(hex(b)).isEqualTo("000000010000000100000017" + "0000000300000001" + "0000000400000001" + "ffffffff" + "0000000400000003");
        assertThat(BinaryCodec.decode(SqlType.INT4_ARRAY, b)).isEqualTo(Arrays.asList(1, null, 3));
        assertThat(BinaryCodec.decode(SqlType.TEXT_ARRAY, BinaryCodec.encode(SqlType.TEXT_ARRAY, java.util.List.of()))).isEqualTo(java.util.List.of());
    }

    @Test
    void otherTypesRoundTrip() {
        UUID u = UUID.randomUUID();
        assertThat(BinaryCodec.decode(SqlType.UUID, BinaryCodec.encode(SqlType.UUID, u))).isEqualTo(u);
        assertThat(BinaryCodec.decode(SqlType.BYTEA, BinaryCodec.encode(SqlType.BYTEA, new Bytea(new byte[] {0, 1, 2}))))
                .isEqualTo(new Bytea(new byte[] {0, 1, 2}));
        Jsonb j = Jsonb.parse("{\"a\": [1, 2]}");
        assertThat(BinaryCodec.encode(SqlType.JSONB, j)[0]).isEqualTo((byte) 1);
        assertThat(BinaryCodec.decode(SqlType.JSONB, BinaryCodec.encode(SqlType.JSONB, j)).toString()).isEqualTo(j.toString());
        assertThat(BinaryCodec.decode(SqlType.BOOLEAN, new byte[] {1})).isEqualTo(true);
        assertThat(BinaryCodec.decode(SqlType.SMALLINT, new byte[] {(byte) 0xFF, (byte) 0xFE})).isEqualTo((short) -2);
        assertThat(BinaryCodec.decode(SqlType.DOUBLE, BinaryCodec.encode(SqlType.DOUBLE, -0.5))).isEqualTo(-0.5);
    }

    @Test
    void malformedValuesAre22P03() {
        assertThatThrownBy(() -> BinaryCodec.decode(SqlType.INTEGER, new byte[] {1, 2}))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo("22P03"));
        assertThatThrownBy(() -> BinaryCodec.decode(SqlType.BIGINT, new byte[9]))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo("22P03"));
        assertThatThrownBy(() -> BinaryCodec.decode(SqlType.INT4_ARRAY, new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 23, 127, 0, 0, 0, 0, 0, 0, 1}))
                .isInstanceOf(SqlException.class);
    }
}
