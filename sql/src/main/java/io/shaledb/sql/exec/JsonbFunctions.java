package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The jsonb functions and the value manipulations behind its operators: building values from SQL
 * values ({@code to_jsonb}, {@code jsonb_build_object}), concatenation, deletion, {@code jsonb_set},
 * {@code jsonb_strip_nulls}. Every function returns a new tree; input trees are never modified.
 */
final class JsonbFunctions {
    private JsonbFunctions() {}

    /** to_jsonb: the JSON node for an SQL value of {@code type} (SQL NULL is JSON null). */
    static Object toNode(Object v, SqlType type) {
        return Jsonb.fromSql(v, type);
    }

    static Jsonb buildObject(Object[] values, List<SqlType> types) {
        if (values.length % 2 != 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements",
                    0, null, "The arguments of jsonb_build_object() must consist of alternating keys and values.", null);
        }
        TreeMap<String, Object> map = Jsonb.newObject();
        for (int i = 0; i < values.length; i += 2) {
            if (values[i] == null) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "argument " + (i + 1)
                        + ": key must not be null");
            }
            map.put(keyText(values[i], types.get(i)), toNode(values[i + 1], types.get(i + 1)));
        }
        return new Jsonb(map);
    }

    static String keyText(Object key, SqlType type) {
        return type == SqlType.BOOLEAN ? ((Boolean) key ? "true" : "false") : type.toText(key);
    }

    static Jsonb buildArray(Object[] values, List<SqlType> types) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(toNode(values[i], types.get(i)));
        }
        return new Jsonb(out);
    }

    /** jsonb || jsonb: objects merge (right wins), arrays concatenate, a scalar counts as a one-element array. */
    @SuppressWarnings("unchecked")
    static Jsonb concat(Jsonb a, Jsonb b) {
        Object x = a.root();
        Object y = b.root();
        if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
            TreeMap<String, Object> out = Jsonb.newObject();
            out.putAll((Map<String, Object>) mx);
            out.putAll((Map<String, Object>) my);
            return new Jsonb(out);
        }
        List<Object> out = new ArrayList<>();
        addAsArray(out, x);
        addAsArray(out, y);
        return new Jsonb(out);
    }

    private static void addAsArray(List<Object> out, Object node) {
        if (node instanceof List<?> l) {
            out.addAll(l);
        } else {
            out.add(node);
        }
    }

    /** jsonb - text / jsonb - text[]: removes keys from an object, matching string elements from an array. */
    static Jsonb delete(Jsonb j, List<?> keys) {
        Object root = j.root();
        if (root instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = (Map<String, Object>) Jsonb.shallowCopy(root);
            keys.forEach(copy::remove);
            return new Jsonb(copy);
        }
        if (root instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                if (!(e instanceof String s && keys.contains(s))) {
                    out.add(e);
                }
            }
            return new Jsonb(out);
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
    }

    /** jsonb - integer: removes an array element (negative counts from the end). */
    static Jsonb deleteIndex(Jsonb j, int i) {
        if (j.root() instanceof List<?> list) {
            int k = i < 0 ? list.size() + i : i;
            List<Object> out = new ArrayList<>(list);
            if (k >= 0 && k < out.size()) {
                out.remove(k);
            }
            return new Jsonb(out);
        }
        if (j.root() instanceof Map<?, ?>) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from object using integer index");
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
    }

    /** jsonb_set(target, path, value, create_missing). */
    static Jsonb set(Jsonb target, List<?> path, Jsonb value, boolean create) {
        if (!(target.root() instanceof Map<?, ?> || target.root() instanceof List<?>)) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot set path in scalar");
        }
        if (path.isEmpty()) {
            return target;
        }
        return new Jsonb(setIn(target.root(), path, 0, value.root(), create));
    }

    @SuppressWarnings("unchecked")
    private static Object setIn(Object node, List<?> path, int depth, Object value, boolean create) {
        String step = (String) path.get(depth);
        boolean last = depth == path.size() - 1;
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = (Map<String, Object>) Jsonb.shallowCopy(m);
            Object child = copy.get(step);
            if (child == null) {
                if (last && create) {
                    copy.put(step, value);
                }
                return copy;
            }
            copy.put(step, last ? value : setIn(child, path, depth + 1, value, create));
            return copy;
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l);
            int i;
            try {
                i = Integer.parseInt(step.strip());
            } catch (NumberFormatException notIndex) {
                throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position " + (depth + 1)
                        + " is not an integer: \"" + step + "\"");
            }
            int k = i < 0 ? copy.size() + i : i;
            if (k < 0 || k >= copy.size()) {
                if (last && create) {
                    if (k < 0) {
                        copy.addFirst(value);
                    } else {
                        copy.add(value);
                    }
                }
                return copy;
            }
            copy.set(k, last ? value : setIn(copy.get(k), path, depth + 1, value, create));
            return copy;
        }
        return node;
    }

    /** jsonb_strip_nulls: removes object fields whose value is null, recursively. */
    static Object stripNulls(Object node) {
        if (node instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = Jsonb.newObject();
            m.forEach((k, v) -> {
                if (v != Jsonb.NULL) {
                    out.put((String) k, stripNulls(v));
                }
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(stripNulls(v)));
            return out;
        }
        return node;
    }

    static int arrayLength(Jsonb j) {
        if (j.root() instanceof List<?> l) {
            return l.size();
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, j.root() instanceof Map<?, ?>
                ? "cannot get array length of a non-array" : "cannot get array length of a scalar");
    }
}
