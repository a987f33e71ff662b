package io.shaledb.common.encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * The test-side model of a key tuple: a schema of typed, ordered columns and values for it, an
 * independent reference comparator with PostgreSQL semantics, and glue to the encoder/decoder.
 *
 * <p>The reference comparator deliberately shares no code with the encoder: it compares Java values
 * directly (code points for text, unsigned bytes for bytea, IEEE values for float8 with PostgreSQL's
 * NaN and zero rules).
 */
final class SqlTuples {
    private SqlTuples() {}

    enum Type { BOOLEAN, INT64, FLOAT64, TEXT, BYTES }

    record Column(Type type, SortOrder order) {
        @Override
        public String toString() {
            return type + (order.descending() ? " DESC" : " ASC") + (order.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    /** Values: null (SQL NULL), Boolean, Long, Double, String, byte[]. */
    static int sqlCompare(List<Column> schema, List<Object> a, List<Object> b) {
        if (a.size() != b.size() || a.size() > schema.size()) {
            throw new IllegalArgumentException("tuples must have the same arity within the schema");
        }
        for (int i = 0; i < a.size(); i++) {
            int c = compareColumn(schema.get(i), a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static int compareColumn(Column col, Object x, Object y) {
        if (x == null || y == null) {
            if (x == null && y == null) {
                return 0;
            }
            // NULLS FIRST puts NULL before every value in the output order, whatever the direction.
            boolean xIsNull = x == null;
            return (xIsNull == col.order().nullsFirst()) ? -1 : 1;
        }
        int c = compareValues(col.type(), x, y);
        return col.order().descending() ? -c : c;
    }

    static int compareValues(Type type, Object x, Object y) {
        return switch (type) {
            case BOOLEAN -> Boolean.compare((Boolean) x, (Boolean) y);
            case INT64 -> Long.compare((Long) x, (Long) y);
            case FLOAT64 -> compareFloat8((Double) x, (Double) y);
            case TEXT -> compareCodePoints((String) x, (String) y);
            case BYTES -> compareUnsignedBytes((byte[]) x, (byte[]) y);
        };
    }

    /** PostgreSQL float8 order: NaN equals NaN and is above everything; -0 equals +0. */
    static int compareFloat8(double x, double y) {
        boolean xNaN = x != x;
        boolean yNaN = y != y;
        if (xNaN || yNaN) {
            return xNaN && yNaN ? 0 : (xNaN ? 1 : -1);
        }
        if (x == y) { // true for -0.0 == 0.0
            return 0;
        }
        return x < y ? -1 : 1;
    }

    /** C collation: compare by Unicode code point (not by UTF-16 unit, which differs above U+FFFF). */
    static int compareCodePoints(String x, String y) {
        int[] a = x.codePoints().toArray();
        int[] b = y.codePoints().toArray();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return a[i] < b[i] ? -1 : 1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    static int compareUnsignedBytes(byte[] x, byte[] y) {
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int a = x[i] & 0xFF;
            int b = y[i] & 0xFF;
            if (a != b) {
                return a < b ? -1 : 1;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    static byte[] encode(List<Column> schema, List<Object> tuple) {
        TupleEncoder enc = new TupleEncoder(4); // small initial capacity exercises growth
        write(enc, schema, tuple);
        return enc.toByteArray();
    }

    static void write(TupleEncoder enc, List<Column> schema, List<Object> tuple) {
        for (int i = 0; i < tuple.size(); i++) {
            Column col = schema.get(i);
            Object v = tuple.get(i);
            if (v == null) {
                enc.writeNull(col.order());
                continue;
            }
            switch (col.type()) {
                case BOOLEAN -> enc.writeBoolean((Boolean) v, col.order());
                case INT64 -> enc.writeLong((Long) v, col.order());
                case FLOAT64 -> enc.writeDouble((Double) v, col.order());
                case TEXT -> enc.writeText((String) v, col.order());
                case BYTES -> enc.writeBytes((byte[]) v, col.order());
            }
        }
    }

    static List<Object> read(TupleDecoder dec, List<Column> schema) {
        List<Object> out = new ArrayList<>();
        for (Column col : schema) {
            if (dec.readNull(col.order())) {
                out.add(null);
                continue;
            }
            out.add(switch (col.type()) {
                case BOOLEAN -> dec.readBoolean(col.order());
                case INT64 -> dec.readLong(col.order());
                case FLOAT64 -> dec.readDouble(col.order());
                case TEXT -> dec.readText(col.order());
                case BYTES -> dec.readBytes(col.order());
            });
        }
        return out;
    }

    /** What decoding must give back: the value itself, except -0.0 becomes 0.0 and any NaN the canonical NaN. */
    static Object canonical(Object v) {
        if (v instanceof Double d) {
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            if (d == 0.0) {
                return 0.0;
            }
        }
        return v;
    }

    /** Exact equality: doubles by raw bits (so 0.0 vs -0.0 and NaN payloads are told apart), arrays by content. */
    static boolean sameValue(Object x, Object y) {
        if (x == null || y == null) {
            return x == y;
        }
        if (x instanceof Double a && y instanceof Double b) {
            return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
        }
        if (x instanceof byte[] a && y instanceof byte[] b) {
            return java.util.Arrays.equals(a, b);
        }
        return x.equals(y);
    }

    static String show(List<Object> tuple) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < tuple.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = tuple.get(i);
            if (v == null) {
                sb.append("NULL");
            } else if (v instanceof byte[] b) {
                sb.append("x'").append(java.util.HexFormat.of().formatHex(b)).append("'");
            } else if (v instanceof String s) {
                sb.append('"');
                s.codePoints().forEach(cp -> sb.append(cp >= 0x20 && cp < 0x7F ? Character.toString(cp) : String.format("\\u{%X}", cp)));
                sb.append('"');
            } else if (v instanceof Double d) {
                sb.append(d).append("[0x").append(Long.toHexString(Double.doubleToRawLongBits(d))).append(']');
            } else {
                sb.append(v);
            }
        }
        return sb.append(')').toString();
    }
}
