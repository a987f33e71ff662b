package io.shaledb.sql.stats;

import io.shaledb.sql.types.Bytea;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How many bytes PostgreSQL would store for a value, and how many 8 kB heap pages a table's rows
 * would fill there. The statistics speak PostgreSQL's units ({@code avg_width}, {@code relpages})
 * so that the cost model can use PostgreSQL's constants and a {@code pg_stats} of ShaleDB reads
 * like one of PostgreSQL.
 *
 * <pre>
 *   fixed-width types      their typlen (int4 = 4, timestamp = 8, uuid = 16, ...)
 *   text, bytea, numeric   payload + 1-byte varlena header (4 bytes from 127 on)
 *   numeric payload        2-byte header + 2 bytes per base-10000 digit
 *   heap tuple             MAXALIGN(23-byte header [+ null bitmap]) + aligned data, + 4-byte line pointer
 *   page                   8192 bytes - 24-byte header
 * </pre>
 *
 * jsonb and array sizes follow PostgreSQL's layouts only roughly.
 */
public final class ValueWidths {
    /** PostgreSQL's block size. */
    public static final int BLOCK_SIZE = 8192;
    private static final int PAGE_HEADER = 24;
    private static final int LINE_POINTER = 4;
    private static final int TUPLE_HEADER = 23;

    private ValueWidths() {}

    /** Whether {@code type} is variable-width in PostgreSQL (typlen -1). */
    public static boolean isVarWidth(SqlType type) {
        return fixedWidth(type) < 0;
    }

    /** PostgreSQL's typlen of {@code type}, -1 for variable-width types. */
    public static int fixedWidth(SqlType type) {
        return switch (type) {
            case BOOLEAN -> 1;
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
            case INTERVAL, UUID -> 16;
            default -> -1;
        };
    }

    /** The bytes PostgreSQL stores for non-null {@code value} of {@code type} (VARSIZE_ANY for varlena). */
    public static int width(SqlType type, Object value) {
        int fixed = fixedWidth(type);
        if (fixed >= 0) {
            return fixed;
        }
        return varlena(payload(type, value));
    }

    /** A varlena of {@code payload} bytes: a 1-byte header while it fits in 126 bytes, else 4. */
    private static int varlena(int payload) {
        return payload + 1 <= 127 ? payload + 1 : payload + 4;
    }

    private static int payload(SqlType type, Object value) {
        return switch (value) {
            case String s -> s.getBytes(StandardCharsets.UTF_8).length;
            case Bytea b -> b.length();
            case BigDecimal d -> 2 + 2 * numericDigits(d);
            case Jsonb j -> jsonbPayload(j);
            case List<?> l -> arrayPayload(type, l);
            default -> type.toText(value).getBytes(StandardCharsets.UTF_8).length;
        };
    }

    /** Base-10000 digits of {@code d} without leading or trailing zero digits (PostgreSQL's NumericVar). */
    static int numericDigits(BigDecimal d) {
        if (d.signum() == 0) {
            return 0;
        }
        BigDecimal abs = d.abs().stripTrailingZeros();
        int scale = Math.max(abs.scale(), 0);
        String digits = abs.setScale(scale).unscaledValue().toString();
        int intLen = digits.length() - scale;
        String intPart = intLen > 0 ? digits.substring(0, intLen) : "";
        String fracPart = intLen > 0 ? digits.substring(intLen) : "0".repeat(-intLen) + digits;
        // align on the decimal point in groups of four
        intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        String all = intPart + fracPart;
        int first = 0;
        int groups = all.length() / 4;
        while (first < groups && all.startsWith("0000", first * 4)) {
            first++;
        }
        int last = groups;
        while (last > first && all.startsWith("0000", (last - 1) * 4)) {
            last--;
        }
        return last - first;
    }

    /** A rough jsonb size: container headers and entries of 4 bytes, scalars in their text size. */
    private static int jsonbPayload(Jsonb j) {
        String text = j.toString();
        return 4 + text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * vl_len, ndim, data offset, element type, per dimension length and lower bound [, null
     * bitmap], MAXALIGNed, then the elements packed at their alignment (one dimension).
     */
    private static int arrayPayload(SqlType type, List<?> elements) {
        SqlType element = type.isArray() ? type.elementType() : SqlType.TEXT;
        boolean nulls = elements.stream().anyMatch(java.util.Objects::isNull);
        int header = 4 + 12 + 8 + (nulls ? (elements.size() + 7) / 8 : 0);
        int size = alignUp(header, 8);
        for (Object e : elements) {
            if (e != null) {
                size = alignUp(size, align(element)) + width(element, e);
            }
        }
        return size - 4; // the payload after the varlena header
    }

    /** PostgreSQL's typalign of {@code type} in bytes. */
    static int align(SqlType type) {
        return switch (type) {
            case BOOLEAN, UUID -> 1;
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> 8;
            default -> 1; // varlena values short enough for a 1-byte header are not aligned
        };
    }

    private static int alignUp(int offset, int align) {
        return (offset + align - 1) / align * align;
    }

    /**
     * Packs heap tuples into 8 kB pages as PostgreSQL's insertions fill them. Feed every row's
     * values (same column types) with {@link #add}; {@link #pages} is then PostgreSQL's relpages.
     */
    public static final class PageCounter {
        private final List<SqlType> types;
        private long pages;
        private int free;

        public PageCounter(List<SqlType> types) {
            this.types = List.copyOf(types);
        }

        /** One row; {@code row[i]} is column i's value (extra trailing slots are ignored). */
        public void add(Object[] row) {
            boolean anyNull = false;
            int data = 0;
            for (int i = 0; i < types.size(); i++) {
                Object v = i < row.length ? row[i] : null;
                if (v == null) {
                    anyNull = true;
                    continue;
                }
                SqlType t = types.get(i);
                int w = width(t, v);
                int a = isVarWidth(t) && w > 127 ? 4 : align(t);
                data = alignUp(data, a) + w;
            }
            int header = alignUp(TUPLE_HEADER + (anyNull ? (types.size() + 7) / 8 : 0), 8);
            int need = alignUp(header + data, 8) + LINE_POINTER;
            if (pages == 0 || need > free) {
                pages++;
                free = BLOCK_SIZE - PAGE_HEADER;
            }
            free -= need;
        }

        public long pages() {
            return pages;
        }
    }
}
