package io.shaledb.sql.exec.spill;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.Interval;
import io.shaledb.sql.types.Jsonb;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rows as they travel through a spill file. Operators do not know their rows' SQL types, so every
 * value carries a one-byte tag naming its Java representation, and reads back as the same class
 * with the same value (a timestamp, which the engine holds as a {@code Long}, comes back a
 * {@code Long}). docs/formats/spill-files.md lists the tags.
 *
 * <pre>
 *   row   = varint width, then width values
 *   value = tag byte, then the payload of that tag (NULL has none)
 * </pre>
 */
final class SpillCodec {
    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int SHORT = 3;
    static final int INT = 4;
    static final int LONG = 5;
    static final int FLOAT = 6;
    static final int DOUBLE = 7;
    static final int STRING = 8;
    static final int NUMERIC = 9;
    static final int BYTEA = 10;
    static final int UUID_TAG = 11;
    static final int INTERVAL = 12;
    static final int JSONB = 13;
    static final int ARRAY = 14;
    static final int BYTES = 15;
    static final int ROW = 16;

    private SpillCodec() {}

    static void writeRow(DataOutput out, Object[] row) throws IOException {
        writeVarint(out, row.length);
        for (Object v : row) {
            writeValue(out, v);
        }
    }

    static Object[] readRow(DataInput in, int width) throws IOException {
        Object[] row = new Object[width];
        for (int i = 0; i < width; i++) {
            row[i] = readValue(in);
        }
        return row;
    }

    static void writeValue(DataOutput out, Object v) throws IOException {
        switch (v) {
            case null -> out.writeByte(NULL);
            case Boolean b -> out.writeByte(b ? TRUE : FALSE);
            case Short s -> {
                out.writeByte(SHORT);
                out.writeShort(s);
            }
            case Integer i -> {
                out.writeByte(INT);
                writeVarint(out, zigzag(i));
            }
            case Long l -> {
                out.writeByte(LONG);
                writeVarint(out, zigzag(l));
            }
            case Float f -> {
                out.writeByte(FLOAT);
                out.writeInt(Float.floatToRawIntBits(f));
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeLong(Double.doubleToRawLongBits(d));
            }
            case String s -> {
                out.writeByte(STRING);
                writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
            }
            case BigDecimal d -> {
                out.writeByte(NUMERIC);
                writeVarint(out, zigzag(d.scale()));
                writeBytes(out, d.unscaledValue().toByteArray());
            }
            case Bytea b -> {
                out.writeByte(BYTEA);
                writeBytes(out, b.bytes());
            }
            case UUID u -> {
                out.writeByte(UUID_TAG);
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            }
            case Interval i -> {
                out.writeByte(INTERVAL);
                writeVarint(out, zigzag(i.months()));
                writeVarint(out, zigzag(i.days()));
                writeVarint(out, zigzag(i.micros()));
            }
            case Jsonb j -> {
                out.writeByte(JSONB);
                writeBytes(out, j.toString().getBytes(StandardCharsets.UTF_8));
            }
            case List<?> list -> {
                out.writeByte(ARRAY);
                writeVarint(out, list.size());
                for (Object e : list) {
                    writeValue(out, e);
                }
            }
            case byte[] b -> {
                out.writeByte(BYTES);
                writeBytes(out, b);
            }
            case Object[] nested -> {
                out.writeByte(ROW);
                writeRow(out, nested);
            }
            default -> throw new SqlException(SqlState.INTERNAL_ERROR,
                    "cannot write a value of class " + v.getClass().getName() + " to a temporary file");
        }
    }

    static Object readValue(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case SHORT -> in.readShort();
            case INT -> (int) unzigzag(readVarint(in));
            case LONG -> unzigzag(readVarint(in));
            case FLOAT -> Float.intBitsToFloat(in.readInt());
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
            case NUMERIC -> {
                int scale = (int) unzigzag(readVarint(in));
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case BYTEA -> new Bytea(readBytes(in));
            case UUID_TAG -> new UUID(in.readLong(), in.readLong());
            case INTERVAL -> new Interval((int) unzigzag(readVarint(in)), (int) unzigzag(readVarint(in)),
                    unzigzag(readVarint(in)));
            case JSONB -> Jsonb.parse(new String(readBytes(in), StandardCharsets.UTF_8));
            case ARRAY -> {
                int n = (int) readVarint(in);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue(in));
                }
                yield list;
            }
            case BYTES -> readBytes(in);
            case ROW -> readRow(in, (int) readVarint(in));
            default -> throw new IOException("corrupt temporary file: unknown value tag " + tag);
        };
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    static void writeVarint(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarint(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt temporary file: varint longer than 10 bytes");
    }

    private static void writeBytes(DataOutput out, byte[] b) throws IOException {
        writeVarint(out, b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        byte[] b = new byte[(int) readVarint(in)];
        in.readFully(b);
        return b;
    }
}
