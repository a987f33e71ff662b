package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A jsonb value, normalized the way PostgreSQL normalizes jsonb on input: object keys sorted
 * (shorter keys first, then by bytes), duplicate keys resolved last-wins, numbers kept as exact
 * decimals, insignificant whitespace gone. The tree is made of
 *
 * <pre>
 *   {@link #NULL}  Boolean  BigDecimal  String  List&lt;Object&gt; (array)  SortedMap&lt;String,Object&gt; (object)
 * </pre>
 *
 * and {@link #toString()} is PostgreSQL's jsonb output ({@code {"a": 1, "b": [1, 2]}}).
 * Instances are immutable by convention: never modify the tree of a value once built.
 */
public final class Jsonb implements Comparable<Jsonb> {
    /** JSON's null (distinct from SQL NULL, which is a Java null around the whole value). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** PostgreSQL's jsonb key order: by length in bytes, then bytewise. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : java.util.Arrays.compareUnsigned(x, y);
    };

    private final Object root;

    public Jsonb(Object root) {
        this.root = root;
    }

    /** The root node. */
    public Object root() {
        return root;
    }

    /** A new empty object map with the jsonb key order. */
    public static TreeMap<String, Object> newObject() {
        return new TreeMap<>(KEY_ORDER);
    }

    /** jsonb_in: parses JSON text; errors are 22P02 with PostgreSQL's DETAIL. */
    public static Jsonb parse(String text) {
        return new Jsonb(new JsonParser(text).parseDocument());
    }

    /** A node for a Java/SQL value: numbers become BigDecimal, null becomes {@link #NULL}. */
    public static Object node(Object v) {
        return switch (v) {
            case null -> NULL;
            case Jsonb j -> j.root;
            case BigDecimal d -> d;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Short s -> BigDecimal.valueOf(s);
            default -> v;
        };
    }

    /** to_jsonb (and the conversion behind jsonb_agg): the JSON node for an SQL value of {@code type} (SQL NULL is JSON null). */
    public static Object fromSql(Object v, SqlType type) {
        if (v == null) {
            return NULL;
        }
        if (type.isArray()) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) v) {
                out.add(fromSql(e, type.elementType()));
            }
            return out;
        }
        return switch (type) {
            case JSONB -> ((Jsonb) v).root;
            case BOOLEAN -> v;
            case SMALLINT, INTEGER, BIGINT -> BigDecimal.valueOf(((Number) v).longValue());
            case NUMERIC -> v;
            case REAL, DOUBLE -> {
                double d = ((Number) v).doubleValue();
                yield Double.isFinite(d) ? new BigDecimal(type.toText(v)) : type.toText(v);
            }
            case TIMESTAMP -> type.toText(v).replace(' ', 'T');
            case TIMESTAMPTZ -> isoWithZone(type.toText(v));
            default -> type.toText(v);
        };
    }

    /** {@code 2024-01-02 03:04:05+01} as JSON spells it: {@code 2024-01-02T03:04:05+01:00}. */
    private static String isoWithZone(String text) {
        String s = text.replace(' ', 'T');
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (sign > 10 && s.length() - sign == 3) {
            s = s + ":00";
        }
        return s;
    }

    /** jsonb_typeof. */
    public static String typeOf(Object node) {
        return switch (node) {
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case BigDecimal d -> "number";
            case Boolean b -> "boolean";
            default -> "null";
        };
    }

    // ------------------------------------------------------------------ output

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        write(sb, root, -1, 0);
        return sb.toString();
    }

    /** jsonb_pretty: four-space indentation as in PostgreSQL. */
    public String pretty() {
        StringBuilder sb = new StringBuilder();
        write(sb, root, 0, 0);
        return sb.toString();
    }

    /** The text of a scalar node as {@code ->>} returns it (strings unquoted), or null for JSON null. */
    public static String scalarText(Object node) {
        if (node == NULL) {
            return null;
        }
        if (node instanceof String s) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        write(sb, node, -1, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object node, int indent, int level) {
        switch (node) {
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    newline(sb, indent, level + 1);
                    quote(sb, (String) e.getKey());
                    sb.append(": ");
                    write(sb, e.getValue(), indent, level + 1);
                }
                newline(sb, indent, level);
                sb.append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i > 0 ? "," : "");
                    newline(sb, indent, level + 1);
                    write(sb, l.get(i), indent, level + 1);
                }
                newline(sb, indent, level);
                sb.append(']');
            }
            case String s -> quote(sb, s);
            case BigDecimal d -> sb.append(Numerics.toText(d.scale() < 0 ? d.setScale(0) : d));
            case Boolean b -> sb.append(b ? "true" : "false");
            default -> sb.append("null");
        }
    }

    private static void newline(StringBuilder sb, int indent, int level) {
        if (indent < 0) {
            if (level > 0 && sb.charAt(sb.length() - 1) == ',') {
                sb.append(' ');
            }
            return;
        }
        sb.append('\n').append("    ".repeat(level));
    }

    /** PostgreSQL's escape_json. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ------------------------------------------------------------------ equality and order

    @Override
    public boolean equals(Object o) {
        return o instanceof Jsonb j && compareNodes(root, j.root) == 0;
    }

    /** Consistent with {@link #equals}: numbers hash by value ({@code 1.0} and {@code 1} are equal jsonb). */
    @Override
    public int hashCode() {
        return hash(root);
    }

    private static int hash(Object node) {
        return switch (node) {
            case Map<?, ?> m -> {
                int h = 7;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    h = h * 31 + e.getKey().hashCode() * 17 + hash(e.getValue());
                }
                yield h;
            }
            case List<?> l -> {
                int h = 3;
                for (Object e : l) {
                    h = h * 31 + hash(e);
                }
                yield h;
            }
            case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
            default -> node.hashCode();
        };
    }

    @Override
    public int compareTo(Jsonb o) {
        return compareNodes(root, o.root);
    }

    /**
     * PostgreSQL's jsonb btree order: object &gt; array &gt; boolean &gt; number &gt; string &gt; null;
     * objects and arrays with more members are greater, equal sizes compare member by member
     * (objects key, value, key, value… in key order). An empty top-level array sorts below null.
     */
    public static int compareNodes(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            if (a instanceof List<?> la && la.isEmpty() && b == NULL) {
                return -1;
            }
            if (b instanceof List<?> lb && lb.isEmpty() && a == NULL) {
                return 1;
            }
            return Integer.compare(ra, rb);
        }
        switch (a) {
            case Map<?, ?> ma -> {
                Map<?, ?> mb = (Map<?, ?>) b;
                if (ma.size() != mb.size()) {
                    return Integer.compare(ma.size(), mb.size());
                }
                var ia = ma.entrySet().iterator();
                var ib = mb.entrySet().iterator();
                while (ia.hasNext()) {
                    var ea = ia.next();
                    var eb = ib.next();
                    int c = KEY_ORDER.compare((String) ea.getKey(), (String) eb.getKey());
                    if (c != 0) {
                        return c;
                    }
                    c = compareNodes(ea.getValue(), eb.getValue());
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            case List<?> la -> {
                List<?> lb = (List<?>) b;
                if (la.size() != lb.size()) {
                    return Integer.compare(la.size(), lb.size());
                }
                for (int i = 0; i < la.size(); i++) {
                    int c = compareNodes(la.get(i), lb.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            case String s -> {
                return Values.compareText(s, (String) b);
            }
            case BigDecimal d -> {
                return d.compareTo((BigDecimal) b);
            }
            case Boolean x -> {
                return Boolean.compare(x, (Boolean) b);
            }
            default -> {
                return 0;
            }
        }
    }

    private static int rank(Object n) {
        return switch (n) {
            case Map<?, ?> m -> 5;
            case List<?> l -> 4;
            case Boolean b -> 3;
            case BigDecimal d -> 2;
            case String s -> 1;
            default -> 0;
        };
    }

    // ------------------------------------------------------------------ containment and existence

    /** {@code a @> b} (jsonb_contains). */
    public static boolean contains(Object a, Object b, boolean top) {
        if (a instanceof Map<?, ?> ma) {
            if (!(b instanceof Map<?, ?> mb)) {
                return false;
            }
            for (Map.Entry<?, ?> e : mb.entrySet()) {
                if (!ma.containsKey(e.getKey()) || !contains(ma.get(e.getKey()), e.getValue(), false)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la) {
            if (b instanceof List<?> lb) {
                for (Object x : lb) {
                    if (!anyContains(la, x)) {
                        return false;
                    }
                }
                return true;
            }
            // a raw scalar on the right of a top-level array: the array contains the scalar
            return top && !(b instanceof Map<?, ?>) && anyContains(la, b);
        }
        return !(b instanceof Map<?, ?>) && !(b instanceof List<?>) && compareNodes(a, b) == 0;
    }

    private static boolean anyContains(List<?> la, Object x) {
        for (Object y : la) {
            boolean container = y instanceof Map<?, ?> || y instanceof List<?>;
            if (container ? contains(y, x, false) : (!(x instanceof Map<?, ?> || x instanceof List<?>)
                    && compareNodes(y, x) == 0)) {
                return true;
            }
        }
        return false;
    }

    /** {@code a ? key}: a top-level key, an array's string element, or the string scalar itself. */
    public static boolean exists(Object a, String key) {
        return switch (a) {
            case Map<?, ?> m -> m.containsKey(key);
            case List<?> l -> l.contains(key);
            case String s -> s.equals(key);
            default -> false;
        };
    }

    /** An unmodifiable view of a list node (helper for functions). */
    public static List<Object> elements(Object node) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) node;
        return Collections.unmodifiableList(l);
    }

    /** A mutable copy of an object or array node (one level deep). */
    @SuppressWarnings("unchecked")
    public static Object shallowCopy(Object node) {
        if (node instanceof Map<?, ?> m) {
            TreeMap<String, Object> copy = newObject();
            copy.putAll((Map<String, Object>) m);
            return copy;
        }
        if (node instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return node;
    }

    /** Invalid input in PostgreSQL's words. */
    static SqlException invalid(String detail) {
        return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json", 0, detail,
                null, null);
    }
}
