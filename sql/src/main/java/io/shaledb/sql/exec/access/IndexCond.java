package io.shaledb.sql.exec.access;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.common.encoding.SortOrder;
import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.rows.IndexEntries;
import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.KeyRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions an index scan reads by: equalities on the first {@link #equal} key columns (each
 * a list of values: one for {@code =}, several for {@code IN}, {@link #IS_NULL} for {@code IS
 * NULL}) and an optional range on the next key column. The values are expressions that stay fixed
 * while the scan runs (constants, parameters, {@code now()}, an enclosing query's columns), so
 * {@link #ranges} evaluates them each time the scan opens.
 *
 * <pre>
 *   (status, created_at DESC)   status IN ('a','b') AND created_at &gt; $t
 *     equal = [['a','b']]   low = $t (exclusive)
 *     ranges: ['a'|NULL-side .. 'a'|$t)   ['b'|NULL-side .. 'b'|$t)    (DESC: a value bound is a key upper bound)
 * </pre>
 *
 * A range stops at the NULL marker of its column, so {@code x > 5} never walks the NULLs. The
 * conditions only narrow what is read: every WHERE conjunct is still evaluated on each row.
 *
 * @param conds the query conjuncts the ranges came from (PostgreSQL's Index Cond)
 */
public record IndexCond(IndexCandidate index, List<List<Bound>> equal, Bound low, boolean lowInclusive, Bound high,
                        boolean highInclusive, List<Bound> conds) {

    /** The value standing for {@code IS NULL} in an equality list (compared by identity). */
    public static final Bound IS_NULL = new Bound.Const(null, SqlType.UNKNOWN);

    /** At most this many ranges (the product of IN lists); beyond it the scan reads the whole index. */
    static final int MAX_RANGES = 1024;

    private static final Object[] NO_ROW = new Object[0];

    public boolean hasRange() {
        return low != null || high != null;
    }

    /** Key columns the scan is restricted on. */
    public int columns() {
        return equal.size() + (hasRange() ? 1 : 0);
    }

    /** Whether at most one equality value per column is given (the scan reads one contiguous range). */
    public boolean singleRange() {
        return equal.stream().allMatch(l -> l.size() == 1);
    }

    /**
     * The key ranges to read, in key order; an empty list when a condition is NULL (nothing can
     * match), null when a value does not fit the key's type or the lists are too long to expand
     * (then the caller reads without the index).
     */
    public List<KeyRange> ranges() {
        int storage = index.index().storageId();
        List<Object[]> prefixes = new ArrayList<>();
        prefixes.add(new Object[0]);
        for (int col = 0; col < equal.size(); col++) {
            List<Object> values = new ArrayList<>();
            for (Bound b : equal.get(col)) {
                if (b == IS_NULL) {
                    values.add(null);
                    continue;
                }
                Object v = b.eval(NO_ROW);
                if (v == null) {
                    continue; // x = NULL matches nothing
                }
                if (!fits(index.keyColumns()[col].type(), v)) {
                    return null;
                }
                values.add(v);
            }
            if ((long) prefixes.size() * values.size() > MAX_RANGES) {
                return null;
            }
            List<Object[]> next = new ArrayList<>();
            for (Object[] p : prefixes) {
                for (Object v : values) {
                    Object[] q = java.util.Arrays.copyOf(p, col + 1);
                    q[col] = v;
                    next.add(q);
                }
            }
            prefixes = next;
        }
        Object lowV = null;
        Object highV = null;
        if (hasRange()) {
            SqlType t = index.keyColumns()[equal.size()].type();
            if (low != null) {
                lowV = low.eval(NO_ROW);
                if (lowV == null) {
                    return List.of();
                }
                if (!fits(t, lowV)) {
                    return null;
                }
            }
            if (high != null) {
                highV = high.eval(NO_ROW);
                if (highV == null) {
                    return List.of();
                }
                if (!fits(t, highV)) {
                    return null;
                }
            }
        }
        List<KeyRange> out = new ArrayList<>();
        for (Object[] p : prefixes) {
            byte[] prefix = IndexEntries.prefixKey(storage, index.keyColumns(), index.orders(), p, p.length);
            KeyRange r = hasRange() ? range(storage, p, prefix, lowV, highV) : KeyRange.prefix(prefix);
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        out.sort((a, b) -> Bytes.compare(a.low(), b.low()));
        List<KeyRange> distinct = new ArrayList<>();
        for (KeyRange r : out) {
            // equal values with one key (1.0 and 1.00) must not read their entries twice
            if (distinct.isEmpty() || !java.util.Arrays.equals(distinct.getLast().low(), r.low())) {
                distinct.add(r);
            }
        }
        return distinct;
    }

    /** The range of column {@code prefixValues.length} between the value bounds, inside {@code prefix}. */
    private KeyRange range(int storage, Object[] prefixValues, byte[] prefix, Object lowV, Object highV) {
        int col = prefixValues.length;
        SortOrder order = index.orders()[col];
        byte[] nullKey = IndexEntries.bound(storage, index.keyColumns(), index.orders(), prefixValues, null);
        // the non-NULL values of the column, in key space: NULLs sit before or after them
        byte[] keyLow = order.nullsFirst() ? Bytes.prefixEnd(nullKey) : prefix;
        boolean keyLowInc = true;
        byte[] keyHigh = order.nullsFirst() ? Bytes.prefixEnd(prefix) : nullKey;
        boolean keyHighInc = false;
        if (lowV != null) {
            byte[] b = IndexEntries.bound(storage, index.keyColumns(), index.orders(), prefixValues, lowV);
            if (!order.descending()) { // value >= v: keys from v's
                keyLow = max(keyLow, lowInclusive ? b : Bytes.prefixEnd(b));
            } else { // DESC: value >= v: keys up to v's
                keyHigh = min(keyHigh, lowInclusive ? Bytes.prefixEnd(b) : b);
            }
        }
        if (highV != null) {
            byte[] b = IndexEntries.bound(storage, index.keyColumns(), index.orders(), prefixValues, highV);
            if (!order.descending()) {
                keyHigh = min(keyHigh, highInclusive ? Bytes.prefixEnd(b) : b);
            } else {
                keyLow = max(keyLow, highInclusive ? b : Bytes.prefixEnd(b));
            }
        }
        return new KeyRange(keyLow, keyLowInc, keyHigh, keyHighInc);
    }

    private static byte[] max(byte[] a, byte[] b) {
        return Bytes.compare(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return Bytes.compare(a, b) <= 0 ? a : b;
    }

    /** Key column types whose key order is exactly the comparison order of the executor's values. */
    static boolean orderedType(SqlType t) {
        return switch (t) {
            case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, REAL, DOUBLE, TEXT, VARCHAR, NUMERIC,
                 BOOLEAN, UUID -> true;
            default -> false;
        };
    }

    /** Whether a value of type {@code value} compares with a key of type {@code key} as their key bytes do. */
    static boolean comparable(SqlType key, SqlType value) {
        return family(key) != null && family(key).equals(family(value));
    }

    private static String family(SqlType t) {
        return switch (t) {
            case SMALLINT, INTEGER, BIGINT -> "int";
            case REAL, DOUBLE -> "float";
            case TEXT, VARCHAR, UNKNOWN -> "text";
            case NUMERIC, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, BOOLEAN, UUID -> t.name();
            default -> null;
        };
    }

    /** Whether the runtime value {@code v} can be written as a key of type {@code t}. */
    static boolean fits(SqlType t, Object v) {
        return switch (t) {
            case SMALLINT, INTEGER, BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> v instanceof Integer || v instanceof Long || v instanceof Short;
            case DATE -> v instanceof Integer;
            case REAL, DOUBLE -> v instanceof Double || v instanceof Float;
            case TEXT, VARCHAR -> v instanceof String;
            case NUMERIC -> v instanceof BigDecimal;
            case BOOLEAN -> v instanceof Boolean;
            case UUID -> v instanceof java.util.UUID;
            default -> false;
        };
    }
}
