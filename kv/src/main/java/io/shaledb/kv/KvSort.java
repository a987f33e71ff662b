package io.shaledb.kv;

import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Version;
import io.shaledb.txn.VersionScan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO with Redis 7.0's semantics: the elements of a list, set or sorted set, ordered
 * by their own value or by the value of other keys named by a pattern, windowed by LIMIT, each
 * replaced by the values GET patterns name, replied or stored as a list.
 *
 * <pre>
 *   SORT ids BY w_* GET # GET obj:*->name LIMIT 0 10 DESC STORE out
 *        │        │      │     │                 │          └ a list (an empty result deletes out)
 *        │        │      │     └ field "name" of hash obj:&lt;id&gt;  (missing: nil, or "" when stored)
 *        │        │      └ the element itself
 *        │        └ sort by the string w_&lt;id&gt; (missing: 0 / sorts first); no '*': don't sort
 *        └ list (its order), set, or sorted set (by score when not sorted)
 * </pre>
 *
 * Numeric order parses each sort value as C's {@code strtod} does (leading blanks, hex, inf, up to
 * a NUL byte) and fails with Redis's "One or more scores can't be converted into double"; ties are
 * broken by the element's bytes. ALPHA compares bytes as C strings (Redis's strcoll in the C
 * locale), or every byte when the result is stored. Everything — the
 * source, the pattern keys and the stored result — is read and written in one transaction; the
 * pattern keys are read without the lazy expiry delete, since this command holds no lock on them.
 */
public final class KvSort {
    private final KvStore store;
    private final int db;

    KvSort(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    /**
     * A parsed SORT: {@code limitCount} negative means all; {@code by} null sorts by the elements;
     * {@code dontSort} is BY with a pattern without '*'; {@code storeKey} null replies instead.
     */
    public record Spec(byte[] key, boolean desc, boolean alpha, long limitStart, long limitCount, byte[] by,
                       boolean dontSort, List<byte[]> gets, byte[] storeKey) {}

    /** SORT / SORT_RO without STORE: the output, one entry per element and GET pattern (null: nil). */
    public List<byte[]> sort(Spec s) {
        return store.read(t -> run(t, s));
    }

    /** SORT ... STORE: replaces {@code s.storeKey()} with the output as a list (deletes it when empty); its length. */
    public long sortStore(Spec s) {
        return store.write(db, List.of(s.key(), s.storeKey()), t -> {
            List<byte[]> out = run(t, s);
            KvMeta old = t.get(db, s.storeKey());
            if (out.isEmpty()) {
                t.delete(db, s.storeKey());
                return 0L;
            }
            KvMeta list = new KvMeta(KvType.LIST, 0, store.newVersion(), out.size(), null, 0);
            for (int i = 0; i < out.size(); i++) {
                byte[] v = out.get(i);
                t.putRow(KvKeys.sub(db, s.storeKey(), list.version(), KvLists.indexField(i)), v == null ? new byte[0] : v);
            }
            t.put(db, s.storeKey(), old, list);
            return (long) out.size();
        });
    }

    /** One element and what it sorts by. */
    private static final class Item {
        final byte[] element;
        double score;
        byte[] compareBy;

        Item(byte[] element) {
            this.element = element;
        }
    }

    private List<byte[]> run(KvTxn t, Spec s) {
        KvMeta m = t.get(db, s.key());
        if (m != null && m.type() != KvType.LIST && m.type() != KvType.SET && m.type() != KvType.ZSET) {
            throw KvException.wrongType();
        }
        boolean dontSort = s.dontSort();
        boolean alpha = s.alpha();
        byte[] by = s.by();
        if (dontSort && m != null && m.type() == KvType.SET && s.storeKey() != null) {
            dontSort = false; // a stored set result must not depend on hash order: Redis sorts it ALPHA
            alpha = true;
            by = null;
        }
        List<byte[]> elements = m == null ? List.of() : elements(t, s.key(), m);
        long length = elements.size();
        long start = s.limitStart() < 0 ? 0 : s.limitStart();
        long end = s.limitCount() < 0 ? length - 1 : saturatedAdd(start, s.limitCount() - 1); // no wrap-around, as Redis's build behaves
        if (start >= length) {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) {
            end = length - 1;
        }
        List<Item> items = new ArrayList<>(elements.size());
        boolean ordered = m != null && (m.type() == KvType.LIST || m.type() == KvType.ZSET);
        if (dontSort && ordered) {
            // the native order (reversed by DESC), only the LIMIT window
            List<byte[]> inOrder = new ArrayList<>(elements);
            if (s.desc()) {
                Collections.reverse(inOrder);
            }
            if (end >= start) {
                for (long i = start; i <= end; i++) {
                    items.add(new Item(inOrder.get((int) i)));
                }
                end -= start;
                start = 0;
            }
        } else {
            for (byte[] e : elements) {
                items.add(new Item(e));
            }
        }
        if (!dontSort) {
            boolean conversionError = false;
            for (Item it : items) {
                byte[] value = it.element;
                if (by != null) {
                    value = lookup(t, by, it.element);
                    if (value == null) {
                        continue;
                    }
                }
                if (alpha) {
                    if (by != null) {
                        it.compareBy = value;
                    }
                } else {
                    it.score = strtod(value);
                    conversionError |= Double.isNaN(it.score);
                }
            }
            if (conversionError) {
                throw new KvException("ERR One or more scores can't be converted into double");
            }
            items.sort(comparator(alpha, by != null, s.storeKey() != null, s.desc()));
        }
        List<byte[]> out = new ArrayList<>();
        for (long j = start; j <= end; j++) {
            Item it = items.get((int) j);
            if (s.gets().isEmpty()) {
                out.add(it.element);
            }
            for (byte[] pattern : s.gets()) {
                out.add(lookup(t, pattern, it.element));
            }
        }
        return out;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    /**
     * Redis's sortCompare: numbers, ties by the elements' bytes; ALPHA compares as C strings (up to
     * a NUL byte: strcoll, in the C locale) unless the result is stored (then every byte counts).
     */
    private static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean stored, boolean desc) {
        java.util.function.ToIntBiFunction<byte[], byte[]> text = stored ? Arrays::compareUnsigned : KvSort::compareCString;
        Comparator<Item> c;
        if (!alpha) {
            c = (a, b) -> a.score > b.score ? 1 : a.score < b.score ? -1 : Arrays.compareUnsigned(a.element, b.element);
        } else if (byPattern) {
            c = (a, b) -> a.compareBy == null || b.compareBy == null
                    ? (a.compareBy == b.compareBy ? 0 : a.compareBy == null ? -1 : 1)
                    : text.applyAsInt(a.compareBy, b.compareBy);
        } else {
            c = (a, b) -> text.applyAsInt(a.element, b.element);
        }
        return desc ? c.reversed() : c;
    }

    /** Where a C string of {@code b} ends: its first NUL byte, else its length. */
    private static int cLength(byte[] b) {
        int n = indexOf(b, (byte) 0, 0);
        return n < 0 ? b.length : n;
    }

    private static int compareCString(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, cLength(a), b, 0, cLength(b));
    }

    /** The elements of a list (in order), set (byte order) or sorted set (by score). */
    private List<byte[]> elements(KvTxn t, byte[] key, KvMeta m) {
        List<byte[]> out = new ArrayList<>();
        if (m.type() == KvType.ZSET) {
            byte[] prefix = KvKeys.scorePrefix(db, key, m.version());
            try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
                while (s.next()) {
                    out.add(KvKeys.parseScore(s.current().userKey(), prefix.length).member());
                }
            }
            return out;
        }
        byte[] prefix = KvKeys.subPrefix(db, key, m.version());
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                Version v = s.current();
                out.add(m.type() == KvType.LIST ? v.payload() : KvKeys.fieldOfSub(v.userKey(), prefix.length));
            }
        }
        return out;
    }

    /**
     * Redis's lookupKeyByPattern: "#" is the element itself; otherwise the first '*' is replaced
     * by the element and the string at that key is read, or with {@code ->field} after the '*' the
     * hash field. Null when there is no '*', the key is missing or of another type.
     */
    private byte[] lookup(KvTxn t, byte[] pattern, byte[] element) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        byte[] field = arrow >= 0 && arrow + 2 < pattern.length ? Arrays.copyOfRange(pattern, arrow + 2, pattern.length) : null;
        int postfixEnd = field != null ? arrow : pattern.length;
        byte[] key = new byte[star + element.length + postfixEnd - star - 1];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, postfixEnd - star - 1);
        Version v = t.read(KvKeys.meta(db, key));
        if (v == null) {
            return null;
        }
        KvMeta m = KvMeta.decode(v.payload());
        if (m.expiredAt(t.now())) {
            return null;
        }
        if (field == null) {
            return m.type() == KvType.STRING ? m.value() : null;
        }
        if (m.type() != KvType.HASH) {
            return null;
        }
        Version f = t.read(KvKeys.sub(db, key, m.version(), field));
        return f == null ? null : f.payload();
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * C's strtod as SORT uses it: the whole value must parse (leading blanks allowed), NaN and
     * out-of-range values (overflow, underflow) are errors. Returns NaN for an error.
     */
    static double strtod(byte[] value) {
        String s = new String(value, 0, cLength(value), StandardCharsets.ISO_8859_1); // C reads up to a NUL byte
        int i = 0;
        while (i < s.length() && " \t\n\u000B\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (i == s.length()) {
            return s.isEmpty() ? 0 : Double.NaN; // "": nothing to parse, strtod stops at the end; blanks: at the first blank
        }
        String body = s.substring(i);
        String unsigned = body.startsWith("+") || body.startsWith("-") ? body.substring(1) : body;
        boolean negative = body.startsWith("-");
        String lower = unsigned.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double d;
        try {
            if (lower.startsWith("0x")) {
                if (!lower.matches("0x([0-9a-f]+\\.?[0-9a-f]*|\\.[0-9a-f]+)(p[+-]?[0-9]+)?")) {
                    return Double.NaN;
                }
                d = Double.parseDouble((negative ? "-" : "") + (lower.contains("p") ? lower : lower + "p0"));
            } else {
                if (!lower.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
                    return Double.NaN;
                }
                d = Double.parseDouble(body);
            }
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        String mantissa = lower.startsWith("0x") ? lower.substring(2).replaceAll("p.*$", "") : lower.replaceAll("e.*$", "");
        boolean nonZeroDigits = mantissa.chars().anyMatch(ch -> ch >= '1' && ch <= '9' || ch >= 'a' && ch <= 'f');
        if (Double.isInfinite(d) || nonZeroDigits && Math.abs(d) < Double.MIN_NORMAL) {
            return Double.NaN; // ERANGE: overflow or underflow
        }
        return d;
    }
}
