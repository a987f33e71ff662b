package io.shaledb.sql.rows;

import io.shaledb.common.encoding.SortOrder;
import io.shaledb.common.encoding.TupleDecoder;
import io.shaledb.common.encoding.TupleEncoder;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Numerics;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The per-type halves of {@link RowCodec}: how one non-NULL value of each SQL type is written
 * into a primary key (order-preserving, so a byte-ordered scan is an SQL-ordered scan) and into a
 * row value (compact). docs/formats/row-encoding.md describes both byte layouts.
 */
final class TypeCodecs {
    private TypeCodecs() {}

    // ------------------------------------------------------------------ keys

    static void writeKey(TupleEncoder enc, Column column, Object v) {
        writeKey(enc, column, v, SortOrder.ASC);
    }

    /** Writes non-NULL {@code v} in {@code order} (an index column may be DESC). */
    static void writeKey(TupleEncoder enc, Column column, Object v, SortOrder order) {
        switch (column.type()) {
            case BOOLEAN -> enc.writeBoolean((Boolean) v, order);
            case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE ->
                    enc.writeLong(((Number) v).longValue(), order);
            case REAL, DOUBLE -> enc.writeDouble(((Number) v).doubleValue(), order);
            case TEXT, VARCHAR, UNKNOWN, NAME, CHAR -> enc.writeText((String) v, order);
            // trailing spaces are insignificant in bpchar comparisons, so they are not part of the key
            case BPCHAR -> enc.writeText(Values.stripTrailingSpaces((String) v), order);
            case NUMERIC -> enc.writeBytes(numericKey((BigDecimal) v), order);
            case BYTEA -> enc.writeBytes(((Bytea) v).bytes(), order);
            case UUID -> {
                UUID u = (UUID) v;
                enc.writeLong(u.getMostSignificantBits() ^ Long.MIN_VALUE, order);
                enc.writeLong(u.getLeastSignificantBits() ^ Long.MIN_VALUE, order);
            }
            case INTERVAL -> {
                Interval i = (Interval) v;
                enc.writeBytes(signedBytes(i.linear(), 16), order);
                enc.writeLong(i.months(), order);
                enc.writeLong(i.days(), order);
            }
            default -> {
                if (!column.type().isArray()) {
                    throw noKey(column);
                }
                // element by element, NULL elements last, a proper prefix first: PostgreSQL's array order
                Column element = new Column(column.name(), column.type().elementType(), -1, false);
                TupleEncoder inner = new TupleEncoder(32);
                for (Object e : (java.util.List<?>) v) {
                    if (e == null) {
                        inner.writeNull(SortOrder.ASC);
                    } else {
                        writeKey(inner, element, e, SortOrder.ASC);
                    }
                }
                enc.writeBytes(inner.toByteArray(), order);
            }
        }
    }

    /** Arrays and jsonb have no order-preserving key encoding (yet): they cannot be key columns. */
    static io.shaledb.sql.SqlException noKey(Column column) {
        return new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.FEATURE_NOT_SUPPORTED,
                "columns of type " + column.type().sqlName() + " cannot be part of a primary key or unique constraint yet");
    }

    static Object readKey(TupleDecoder dec, Column column) {
        return switch (column.type()) {
            case BOOLEAN -> dec.readBoolean(SortOrder.ASC);
            case SMALLINT -> (short) dec.readLong(SortOrder.ASC);
            case INTEGER, DATE -> (int) dec.readLong(SortOrder.ASC);
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ, OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> dec.readLong(SortOrder.ASC);
            case REAL -> (float) dec.readDouble(SortOrder.ASC);
            case DOUBLE -> dec.readDouble(SortOrder.ASC);
            case TEXT, VARCHAR, UNKNOWN, NAME, CHAR -> dec.readText(SortOrder.ASC);
            case BPCHAR -> padBpchar(dec.readText(SortOrder.ASC), column.maxLength());
            case NUMERIC -> {
                BigDecimal d = decodeNumericKey(dec.readBytes(SortOrder.ASC));
                int typmod = column.maxLength();
                yield typmod >= 0 ? d.setScale(Numerics.scale(typmod)) : d;
            }
            case BYTEA -> new Bytea(dec.readBytes(SortOrder.ASC));
            case UUID -> new UUID(dec.readLong(SortOrder.ASC) ^ Long.MIN_VALUE, dec.readLong(SortOrder.ASC) ^ Long.MIN_VALUE);
            case INTERVAL -> {
                byte[] raw = dec.readBytes(SortOrder.ASC);
                raw[0] ^= (byte) 0x80;
                BigInteger linear = new BigInteger(raw);
                int months = (int) dec.readLong(SortOrder.ASC);
                int days = (int) dec.readLong(SortOrder.ASC);
                long dayMicros = ((long) months * 30 + days) * Interval.MICROS_PER_DAY;
                yield new Interval(months, days, linear.subtract(BigInteger.valueOf(dayMicros)).longValueExact());
            }
            default -> throw noKey(column);
        };
    }

    static String padBpchar(String s, int length) {
        int n = s.codePointCount(0, s.length());
        return length > n ? s + " ".repeat(length - n) : s;
    }

    /** Two's complement in {@code width} bytes with the sign bit flipped: byte order = numeric order. */
    private static byte[] signedBytes(BigInteger v, int width) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[width];
        byte fill = (byte) (v.signum() < 0 ? 0xFF : 0);
        int pad = width - raw.length;
        for (int i = 0; i < width; i++) {
            out[i] = i < pad ? fill : raw[i - pad];
        }
        out[0] ^= (byte) 0x80;
        return out;
    }

    /**
     * An order-preserving numeric key: a sign byte ({@code 0x40} negative, {@code 0x80} zero,
     * {@code 0xC0} positive), the decimal exponent of the first significant digit as a biased
     * big-endian int, then the significant digits as ASCII; for negative numbers exponent and
     * digits are inverted and a {@code 0xFF} closes the digits, so that a shorter prefix sorts
     * after a longer one. Trailing zeros are dropped: equal numbers (1.0, 1.00) have equal keys.
     */
    static byte[] numericKey(BigDecimal d) {
        if (d.signum() == 0) {
            return new byte[] {(byte) 0x80};
        }
        BigDecimal abs = d.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        int exponent = abs.precision() - abs.scale() - 1;
        boolean negative = d.signum() < 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(digits.length() + 6);
        out.write(negative ? 0x40 : 0xC0);
        int biased = exponent ^ Integer.MIN_VALUE;
        if (negative) {
            biased = ~biased;
        }
        for (int s = 24; s >= 0; s -= 8) {
            out.write(biased >>> s);
        }
        for (int i = 0; i < digits.length(); i++) {
            int c = digits.charAt(i);
            out.write(negative ? 0xFF - c : c);
        }
        if (negative) {
            out.write(0xFF);
        }
        return out.toByteArray();
    }

    static BigDecimal decodeNumericKey(byte[] b) {
        if (b[0] == (byte) 0x80) {
            return BigDecimal.ZERO;
        }
        boolean negative = b[0] == 0x40;
        int biased = ((b[1] & 0xFF) << 24) | ((b[2] & 0xFF) << 16) | ((b[3] & 0xFF) << 8) | (b[4] & 0xFF);
        int exponent = (negative ? ~biased : biased) ^ Integer.MIN_VALUE;
        StringBuilder digits = new StringBuilder(b.length);
        for (int i = 5; i < b.length - (negative ? 1 : 0); i++) {
            digits.append((char) (negative ? 0xFF - (b[i] & 0xFF) : b[i] & 0xFF));
        }
        BigDecimal d = new BigDecimal(new BigInteger(digits.toString()), digits.length() - 1 - exponent);
        return Numerics.normalize(negative ? d.negate() : d);
    }

    // ------------------------------------------------------------------ values

    static void writeValue(ByteArrayOutputStream out, SqlType type, Object v) {
        switch (type) {
            case BOOLEAN -> out.write(((Boolean) v) ? 1 : 0);
            case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE ->
                    RowCodec.writeVarint(out, RowCodec.zigzag(((Number) v).longValue()));
            case DOUBLE -> writeLong(out, Double.doubleToRawLongBits((Double) v));
            case REAL -> {
                int bits = Float.floatToRawIntBits((Float) v);
                for (int s = 24; s >= 0; s -= 8) {
                    out.write(bits >>> s);
                }
            }
            case TEXT, VARCHAR, BPCHAR, UNKNOWN, NAME, CHAR -> writeBytes(out, ((String) v).getBytes(StandardCharsets.UTF_8));
            case NUMERIC -> {
                BigDecimal d = (BigDecimal) v;
                RowCodec.writeVarint(out, d.scale());
                writeBytes(out, d.unscaledValue().toByteArray());
            }
            case BYTEA -> writeBytes(out, ((Bytea) v).bytes());
            case UUID -> {
                writeLong(out, ((UUID) v).getMostSignificantBits());
                writeLong(out, ((UUID) v).getLeastSignificantBits());
            }
            case INTERVAL -> {
                Interval i = (Interval) v;
                RowCodec.writeVarint(out, RowCodec.zigzag(i.months()));
                RowCodec.writeVarint(out, RowCodec.zigzag(i.days()));
                RowCodec.writeVarint(out, RowCodec.zigzag(i.micros()));
            }
            // jsonb: its normalized text, which reads back to an equal value
            case JSONB -> writeBytes(out, v.toString().getBytes(StandardCharsets.UTF_8));
            default -> writeArray(out, type.elementType(), (java.util.List<?>) v);
        }
    }

    /** An array: varint n, a null bitmap of ceil(n/8) bytes (LSB first), the non-NULL elements' values. */
    private static void writeArray(ByteArrayOutputStream out, SqlType element, java.util.List<?> list) {
        int n = list.size();
        RowCodec.writeVarint(out, n);
        byte[] nulls = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (list.get(i) == null) {
                nulls[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        out.write(nulls, 0, nulls.length);
        for (Object e : list) {
            if (e != null) {
                writeValue(out, element, e);
            }
        }
    }

    private static java.util.List<Object> readArray(byte[] value, int[] pos, SqlType element) {
        int n = (int) RowCodec.readVarint(value, pos);
        int bitmap = pos[0];
        pos[0] += (n + 7) / 8;
        java.util.List<Object> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean isNull = (value[bitmap + i / 8] & (1 << (i % 8))) != 0;
            out.add(isNull ? null : readValue(value, pos, element));
        }
        return out;
    }

    static Object readValue(byte[] value, int[] pos, SqlType type) {
        return switch (type) {
            case BOOLEAN -> value[pos[0]++] != 0;
            case SMALLINT -> (short) RowCodec.unzigzag(RowCodec.readVarint(value, pos));
            case INTEGER, DATE -> (int) RowCodec.unzigzag(RowCodec.readVarint(value, pos));
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ, OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> RowCodec.unzigzag(RowCodec.readVarint(value, pos));
            case DOUBLE -> Double.longBitsToDouble(readLong(value, pos));
            case REAL -> {
                int bits = 0;
                for (int i = 0; i < 4; i++) {
                    bits = (bits << 8) | (value[pos[0]++] & 0xFF);
                }
                yield Float.intBitsToFloat(bits);
            }
            case TEXT, VARCHAR, BPCHAR, UNKNOWN, NAME, CHAR -> readText(value, pos);
            case NUMERIC -> readNumeric(value, pos);
            case BYTEA -> new Bytea(readBytes(value, pos));
            case UUID -> new UUID(readLong(value, pos), readLong(value, pos));
            case INTERVAL -> new Interval((int) RowCodec.unzigzag(RowCodec.readVarint(value, pos)),
                    (int) RowCodec.unzigzag(RowCodec.readVarint(value, pos)), RowCodec.unzigzag(RowCodec.readVarint(value, pos)));
            case JSONB -> io.shaledb.sql.types.Jsonb.parse(new String(readBytes(value, pos), StandardCharsets.UTF_8));
            default -> readArray(value, pos, type.elementType());
        };
    }

    /** A text value straight from the row's bytes (no intermediate copy). */
    private static String readText(byte[] value, int[] pos) {
        int len = (int) RowCodec.readVarint(value, pos);
        String s = new String(value, pos[0], len, StandardCharsets.UTF_8);
        pos[0] += len;
        return s;
    }

    /**
     * A numeric value: scale, then the unscaled value's two's complement bytes; up to 8 bytes (18
     * digits, every money-like column) it is built from a long without a BigInteger in between.
     */
    private static BigDecimal readNumeric(byte[] value, int[] pos) {
        int scale = (int) RowCodec.readVarint(value, pos);
        int len = (int) RowCodec.readVarint(value, pos);
        if (len > 0 && len <= 8) {
            long unscaled = value[pos[0]]; // sign-extends the first byte
            for (int i = 1; i < len; i++) {
                unscaled = (unscaled << 8) | (value[pos[0] + i] & 0xFF);
            }
            pos[0] += len;
            return BigDecimal.valueOf(unscaled, scale);
        }
        BigDecimal d = new BigDecimal(new BigInteger(value, pos[0], len), scale);
        pos[0] += len;
        return d;
    }

    /** Moves {@code pos} past one non-NULL value of {@code type} without building it: {@link #readValue}'s walk, minus the values. */
    static void skipValue(byte[] value, int[] pos, SqlType type) {
        switch (type) {
            case BOOLEAN -> pos[0]++;
            case SMALLINT, INTEGER, DATE, BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ, OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> RowCodec.readVarint(value, pos);
            case DOUBLE -> pos[0] += 8;
            case REAL -> pos[0] += 4;
            case TEXT, VARCHAR, BPCHAR, UNKNOWN, NAME, CHAR, BYTEA, JSONB -> skipBytes(value, pos);
            case NUMERIC -> {
                RowCodec.readVarint(value, pos);
                skipBytes(value, pos);
            }
            case UUID -> pos[0] += 16;
            case INTERVAL -> {
                RowCodec.readVarint(value, pos);
                RowCodec.readVarint(value, pos);
                RowCodec.readVarint(value, pos);
            }
            default -> {
                int n = (int) RowCodec.readVarint(value, pos);
                int bitmap = pos[0];
                pos[0] += (n + 7) / 8;
                SqlType element = type.elementType();
                for (int i = 0; i < n; i++) {
                    if ((value[bitmap + i / 8] & (1 << (i % 8))) == 0) {
                        skipValue(value, pos, element);
                    }
                }
            }
        }
    }

    private static void skipBytes(byte[] value, int[] pos) {
        int len = (int) RowCodec.readVarint(value, pos);
        pos[0] += len;
    }

    private static void writeLong(ByteArrayOutputStream out, long bits) {
        for (int s = 56; s >= 0; s -= 8) {
            out.write((int) (bits >>> s));
        }
    }

    private static long readLong(byte[] value, int[] pos) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (value[pos[0]++] & 0xFF);
        }
        return bits;
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] b) {
        RowCodec.writeVarint(out, b.length);
        out.writeBytes(b);
    }

    private static byte[] readBytes(byte[] value, int[] pos) {
        int len = (int) RowCodec.readVarint(value, pos);
        byte[] b = java.util.Arrays.copyOfRange(value, pos[0], pos[0] + len);
        pos[0] += len;
        return b;
    }
}
