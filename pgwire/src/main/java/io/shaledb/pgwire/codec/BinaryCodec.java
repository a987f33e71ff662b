package io.shaledb.pgwire.codec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL's binary format (the send/receive functions) for ShaleDB's types; the layouts are
 * drawn in the package description. Values are the Java representations of
 * {@link io.shaledb.sql.types.SqlType}.
 */
public final class BinaryCodec {
    /** Days from 1970-01-01 (ShaleDB's date epoch) to 2000-01-01 (PostgreSQL's). */
    static final int PG_EPOCH_DAYS = 10_957;
    /** Microseconds from 1970-01-01 00:00 to 2000-01-01 00:00. */
    static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400L * 1_000_000L;
    private static final short NUMERIC_POS = 0x0000;
    private static final short NUMERIC_NEG = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private BinaryCodec() {}

    // ------------------------------------------------------------------ encode (send)

    /** The binary form of a non-null {@code value} of {@code type}. */
    public static byte[] encode(SqlType type, Object value) {
        return switch (type) {
            case BOOLEAN -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
            case SMALLINT -> ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
            case INTEGER -> ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
            case BIGINT -> ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
            case REAL -> ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
            case DOUBLE -> ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            case NUMERIC -> encodeNumeric((BigDecimal) value);
            case TEXT, VARCHAR, BPCHAR, UNKNOWN, NAME, CHAR -> value.toString().getBytes(StandardCharsets.UTF_8);
            case OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> ByteBuffer.allocate(4).putInt((int) ((Number) value).longValue()).array();
            case BYTEA -> ((Bytea) value).bytes().clone();
            case DATE -> ByteBuffer.allocate(4).putInt(toPgDate((Integer) value)).array();
            case TIME -> ByteBuffer.allocate(8).putLong((Long) value).array();
            case TIMESTAMP, TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(toPgTimestamp((Long) value)).array();
            case INTERVAL -> {
                Interval i = (Interval) value;
                yield ByteBuffer.allocate(16).putLong(i.micros()).putInt(i.days()).putInt(i.months()).array();
            }
            case UUID -> {
                UUID u = (UUID) value;
                yield ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
            }
            case JSONB -> {
                byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[text.length + 1];
                out[0] = 1; // jsonb binary format version
                System.arraycopy(text, 0, out, 1, text.length);
                yield out;
            }
            default -> {
                if (!type.isArray()) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "no binary output function available for type " + type.sqlName());
                }
                yield encodeArray(type.elementType(), (List<?>) value);
            }
        };
    }

    private static byte[] encodeArray(SqlType element, List<?> values) {
        if (values.isEmpty()) {
            return ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(element.oid()).array();
        }
        List<byte[]> encoded = new ArrayList<>(values.size());
        int size = 20;
        boolean nulls = false;
        for (Object v : values) {
            byte[] e = v == null ? null : encode(element, v);
            nulls |= e == null;
            encoded.add(e);
            size += 4 + (e == null ? 0 : e.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(1).putInt(nulls ? 1 : 0).putInt(element.oid())
                .putInt(values.size()).putInt(1);
        for (byte[] e : encoded) {
            if (e == null) {
                out.putInt(-1);
            } else {
                out.putInt(e.length).put(e);
            }
        }
        return out.array();
    }

    /** numeric_send: base-10000 digits around the decimal point, display scale kept. */
    static byte[] encodeNumeric(BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        String plain = value.abs().setScale(dscale, RoundingMode.UNNECESSARY).toPlainString();
        int point = plain.indexOf('.');
        String intPart = point < 0 ? plain : plain.substring(0, point);
        String fracPart = point < 0 ? "" : plain.substring(point + 1);
        intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        int intGroups = intPart.length() / 4;
        short[] digits = new short[intGroups + fracPart.length() / 4];
        for (int i = 0; i < intGroups; i++) {
            digits[i] = Short.parseShort(intPart.substring(4 * i, 4 * i + 4));
        }
        for (int i = 0; i < fracPart.length() / 4; i++) {
            digits[intGroups + i] = Short.parseShort(fracPart.substring(4 * i, 4 * i + 4));
        }
        int first = 0;
        while (first < digits.length && digits[first] == 0) {
            first++;
        }
        int last = digits.length;
        while (last > first && digits[last - 1] == 0) {
            last--;
        }
        int ndigits = last - first;
        int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * ndigits).putShort((short) ndigits).putShort((short) weight)
                .putShort(value.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS).putShort((short) dscale);
        for (int i = first; i < last; i++) {
            out.putShort(digits[i]);
        }
        return out.array();
    }

    // ------------------------------------------------------------------ decode (receive)

    /**
     * The value of a binary-format parameter of {@code type}.
     *
     * @throws SqlException 22P03 when the bytes are not a value of that type
     */
    public static Object decode(SqlType type, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            Object value = decode(type, in);
            if (in.hasRemaining()) {
                throw badFormat(type);
            }
            return value;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw badFormat(type);
        }
    }

    private static Object decode(SqlType type, ByteBuffer in) {
        return switch (type) {
            case BOOLEAN -> {
                byte b = in.get();
                if (b != 0 && b != 1) {
                    throw badFormat(type);
                }
                yield b == 1;
            }
            case SMALLINT -> in.getShort();
            case INTEGER -> in.getInt();
            case BIGINT -> in.getLong();
            case REAL -> in.getFloat();
            case DOUBLE -> in.getDouble();
            case NUMERIC -> decodeNumeric(in);
            case TEXT, VARCHAR, BPCHAR, UNKNOWN, NAME, CHAR -> utf8(in);
            case OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> Integer.toUnsignedLong(in.getInt());
            case BYTEA -> {
                byte[] b = new byte[in.remaining()];
                in.get(b);
                yield new Bytea(b);
            }
            case DATE -> fromPgDate(in.getInt());
            case TIME -> in.getLong();
            case TIMESTAMP, TIMESTAMPTZ -> fromPgTimestamp(in.getLong());
            case INTERVAL -> {
                long micros = in.getLong();
                int days = in.getInt();
                int months = in.getInt();
                yield new Interval(months, days, micros);
            }
            case UUID -> new UUID(in.getLong(), in.getLong());
            case JSONB -> {
                if (in.get() != 1) {
                    throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION, "unsupported jsonb version number");
                }
                yield Jsonb.parse(utf8(in));
            }
            default -> {
                if (!type.isArray()) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "no binary input function available for type " + type.sqlName());
                }
                yield decodeArray(type.elementType(), in);
            }
        };
    }

    private static List<Object> decodeArray(SqlType element, ByteBuffer in) {
        int ndim = in.getInt();
        in.getInt(); // has-nulls flag: the lengths say it
        int elementOid = in.getInt();
        if (elementOid != element.oid()) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "binary data has array element type " + elementOid
                    + " instead of expected " + element.oid());
        }
        if (ndim == 0) {
            return new ArrayList<>();
        }
        if (ndim != 1) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported");
        }
        int length = in.getInt();
        in.getInt(); // lower bound
        if (length < 0 || length > in.remaining() / 4) {
            throw badFormat(element.arrayType());
        }
        List<Object> values = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int n = in.getInt();
            if (n == -1) {
                values.add(null);
                continue;
            }
            if (n < 0 || n > in.remaining()) {
                throw badFormat(element.arrayType());
            }
            byte[] e = new byte[n];
            in.get(e);
            values.add(decode(element, e));
        }
        return values;
    }

    static BigDecimal decodeNumeric(ByteBuffer in) {
        int ndigits = in.getShort();
        int weight = in.getShort();
        int sign = in.getShort() & 0xFFFF;
        int dscale = in.getShort();
        if (ndigits < 0 || dscale < 0 || (sign != NUMERIC_POS && sign != NUMERIC_NEG)) {
            throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid sign in external \"numeric\" value");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int d = in.getShort();
            if (d < 0 || d >= 10_000) {
                throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid digit in external \"numeric\" value");
            }
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(d));
        }
        // the digits are worth 10000^(weight - ndigits + 1) each
        BigDecimal v = new BigDecimal(unscaled, -4 * (weight - ndigits + 1));
        v = v.setScale(dscale, RoundingMode.HALF_UP);
        return sign == NUMERIC_NEG ? v.negate() : v;
    }

    private static int toPgDate(int days) {
        return days == Integer.MIN_VALUE || days == Integer.MAX_VALUE ? days : days - PG_EPOCH_DAYS;
    }

    private static int fromPgDate(int days) {
        return days == Integer.MIN_VALUE || days == Integer.MAX_VALUE ? days : days + PG_EPOCH_DAYS;
    }

    private static long toPgTimestamp(long micros) {
        return micros == Long.MIN_VALUE || micros == Long.MAX_VALUE ? micros : micros - PG_EPOCH_MICROS;
    }

    private static long fromPgTimestamp(long micros) {
        return micros == Long.MIN_VALUE || micros == Long.MAX_VALUE ? micros : micros + PG_EPOCH_MICROS;
    }

    private static String utf8(ByteBuffer in) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\"");
        }
    }

    private static SqlException badFormat(SqlType type) {
        return new SqlException(SqlState.INVALID_BINARY_REPRESENTATION, "incorrect binary data format"
                + (type == null ? "" : " for type " + type.sqlName()));
    }
}
