package io.shaledb.sql.rows;

import io.shaledb.common.encoding.SortOrder;
import io.shaledb.common.encoding.TupleDecoder;
import io.shaledb.common.encoding.TupleEncoder;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import java.io.ByteArrayOutputStream;

/**
 * Turns a table row ({@code Object[]} with one slot per column) into a key and a value and back.
 *
 * <p>The key is {@link Keys#tablePrefix} followed by the primary-key columns as an
 * order-preserving tuple (or the hidden row id as one int64). Key columns are not repeated in the
 * value. The value (format version 1) is:
 *
 * <pre>
 *   byte    version = 1
 *   varint  n = number of non-key columns written
 *   byte[ceil(n/8)]  null bitmap, bit i (LSB first) set = column i is NULL
 *   for each non-NULL non-key column, in column order, its type's encoding
 *   ({@link TypeCodecs}; docs/formats/row-encoding.md has the table)
 * </pre>
 *
 * A value with fewer columns than the table has (written before an ADD COLUMN) decodes with each
 * missing trailing column's {@link io.shaledb.sql.catalog.Column#missing} value (NULL unless the
 * column was added with a default), so ADD COLUMN never rewrites rows.
 */
public final class RowCodec {
    public static final byte FORMAT_VERSION = 1;

    private RowCodec() {}

    /** The row key of {@code row}; for a table without primary key, {@code rowId} is the key. */
    public static byte[] encodeKey(Table table, Object[] row, long rowId) {
        TupleEncoder enc = new TupleEncoder(32).writeRawPrefix(Keys.tablePrefix(table.storageId()));
        if (table.hasHiddenRowId()) {
            enc.writeLong(rowId, SortOrder.ASC);
        } else {
            for (int i = 0; i < table.primaryKeyLength(); i++) {
                int c = table.primaryKeyColumn(i);
                writeKeyValue(enc, table.column(c), row[c]);
            }
        }
        return enc.toByteArray();
    }

    private static void writeKeyValue(TupleEncoder enc, Column column, Object v) {
        if (v == null) {
            enc.writeNull(SortOrder.ASC);
            return;
        }
        TypeCodecs.writeKey(enc, column, v);
    }

    /** The hidden row id stored in a key of a table without primary key. */
    public static long decodeRowId(byte[] key) {
        return new TupleDecoder(key, Keys.TABLE_PREFIX_LENGTH).readLong(SortOrder.ASC);
    }

    public static byte[] encodeValue(Table table, Object[] row) {
        int n = table.columns().size() - table.primaryKeyLength();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + 8 * n);
        out.write(FORMAT_VERSION);
        writeVarint(out, n);
        byte[] nulls = new byte[(n + 7) / 8];
        int slot = 0;
        for (int c = 0; c < table.columns().size(); c++) {
            if (table.isPrimaryKeyColumn(c)) {
                continue;
            }
            if (row[c] == null) {
                nulls[slot >>> 3] |= (byte) (1 << (slot & 7));
            }
            slot++;
        }
        out.writeBytes(nulls);
        for (int c = 0; c < table.columns().size(); c++) {
            if (table.isPrimaryKeyColumn(c) || row[c] == null) {
                continue;
            }
            TypeCodecs.writeValue(out, table.column(c).type(), row[c]);
        }
        return out.toByteArray();
    }

    /**
     * The key columns of a row key as PostgreSQL shows a key in messages: {@code (id, k)=(1, x)},
     * or {@code (ctid)=(n)} for a table without a primary key.
     */
    public static String describeKey(Table table, byte[] key) {
        if (table.hasHiddenRowId()) {
            return "(ctid)=(" + decodeRowId(key) + ")";
        }
        TupleDecoder dec = new TupleDecoder(key, Keys.TABLE_PREFIX_LENGTH);
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < table.primaryKeyLength(); i++) {
            int c = table.primaryKeyColumn(i);
            Object v = readKeyValue(dec, table.column(c));
            cols.append(i > 0 ? ", " : "").append(table.column(c).name());
            vals.append(i > 0 ? ", " : "").append(v == null ? "null" : table.column(c).type().toText(v));
        }
        return "(" + cols + ")=(" + vals + ")";
    }

    /** Rebuilds the row stored under {@code key} with {@code value}. */
    public static Object[] decode(Table table, byte[] key, byte[] value) {
        return decode(table, key, value, 0);
    }

    /**
     * Rebuilds the row stored under {@code key} with {@code value} into an array with
     * {@code extraSlots} free slots after the columns (for system columns such as xmin).
     */
    public static Object[] decode(Table table, byte[] key, byte[] value, int extraSlots) {
        return decode(table, key, value, extraSlots, null);
    }

    /**
     * Rebuilds only the columns of the row that {@code wanted} marks (null: all of them), into an
     * array with {@code extraSlots} free slots after the columns; the other columns are left NULL
     * and their bytes are skipped without building values. A scan passes the columns its
     * statement reads (projection push-down), which spares the strings and numerics of the rest.
     */
    public static Object[] decode(Table table, byte[] key, byte[] value, int extraSlots, boolean[] wanted) {
        Object[] row = new Object[table.columns().size() + extraSlots];
        decodeInto(table, key, value, row, wanted);
        return row;
    }

    /**
     * Decodes the columns {@code wanted} marks (null: all) into {@code row}, leaving its other
     * slots as they are: a scan that tested a filter on some columns decodes the rest this way.
     */
    public static void decodeInto(Table table, byte[] key, byte[] value, Object[] row, boolean[] wanted) {
        int columns = table.columns().size();
        if (!table.hasHiddenRowId()) {
            int keyLength = table.primaryKeyLength();
            int last = keyLength - 1; // the last key column wanted: no need to read past it
            while (wanted != null && last >= 0 && !wanted[table.primaryKeyColumn(last)]) {
                last--;
            }
            if (last >= 0) {
                TupleDecoder dec = new TupleDecoder(key, Keys.TABLE_PREFIX_LENGTH);
                for (int i = 0; i <= last; i++) {
                    int c = table.primaryKeyColumn(i);
                    Object v = readKeyValue(dec, table.column(c));
                    if (wanted == null || wanted[c]) {
                        row[c] = v;
                    }
                }
            }
        }
        int[] pos = {0};
        if (value.length == 0 || value[0] != FORMAT_VERSION) {
            throw new IllegalStateException("unknown row format version " + (value.length == 0 ? "(empty)" : value[0])
                    + " in table " + table.name());
        }
        pos[0] = 1;
        int n = (int) readVarint(value, pos);
        int nullStart = pos[0];
        pos[0] += (n + 7) / 8;
        int lastWanted = columns - 1; // the bytes after the last wanted column are not even skipped
        while (wanted != null && lastWanted >= 0 && !wanted[lastWanted]) {
            lastWanted--;
        }
        int slot = 0;
        for (int c = 0; c <= lastWanted; c++) {
            if (table.isPrimaryKeyColumn(c)) {
                continue;
            }
            if (slot >= n) {
                if (wanted == null || wanted[c]) {
                    row[c] = table.column(c).missing(); // stored before ADD COLUMN added it
                }
                continue;
            }
            boolean isNull = (value[nullStart + (slot >>> 3)] & (1 << (slot & 7))) != 0;
            slot++;
            if (isNull) {
                continue;
            }
            if (wanted == null || wanted[c]) {
                row[c] = TypeCodecs.readValue(value, pos, table.column(c).type());
            } else {
                TypeCodecs.skipValue(value, pos, table.column(c).type());
            }
        }
    }

    private static Object readKeyValue(TupleDecoder dec, Column column) {
        if (dec.readNull(SortOrder.ASC)) {
            return null;
        }
        return TypeCodecs.readKey(dec, column);
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static long readVarint(byte[] buf, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("varint too long");
    }
}
