package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlArrays;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * Binding of the expressions and operators of arrays and jsonb, called by the {@link Binder}:
 *
 * <pre>
 *   ARRAY[a, b]          common element type (untyped literals: text); ARRAY[] alone is 42P18
 *   a[i]                 1-based element, NULL out of range;  jsonb['k'] is jsonb -> 'k'
 *   x op ANY|ALL (arr)   three-valued: ANY true if one is true, else NULL if a NULL met, else false
 *   jsonb  -> ->> #> #>> @> <@ ? ?| ?& || -
 *   arrays @> <@ && ||
 * </pre>
 *
 * An untyped literal operand takes the type the operator expects on its side ({@code '{1,2}'} an
 * array, {@code 'a'} a text key).
 */
final class ContainerExprs {
    private static final Set<String> ALWAYS = Set.of("->", "->>", "#>", "#>>", "@>", "<@", "?", "?|", "?&", "&&");

    private ContainerExprs() {}

    // ------------------------------------------------------------------ constructor, subscript, ANY/ALL

    static Bound arrayConstructor(Binder binder, Expr.ArrayConstructor a, SqlType castTo) {
        if (a.items().isEmpty()) {
            if (castTo != null && castTo.isArray()) {
                return new Bound.Const(new ArrayList<>(), castTo);
            }
            throw new SqlException(SqlState.INDETERMINATE_DATATYPE, "cannot determine type of empty array", a.pos() + 1,
                    null, "Explicitly cast to the desired type, for example ARRAY[]::integer[].", null);
        }
        List<Bound> items = binder.commonType(a.items(), "ARRAY");
        SqlType element = items.getFirst().type();
        SqlType array = element.arrayType();
        if (array == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                    + element.sqlName(), a.pos() + 1);
        }
        Bound.Call call = new Bound.Call("array", items, array, false, values -> new ArrayList<>(Arrays.asList(values)));
        return items.stream().allMatch(x -> x instanceof Bound.Const) ? new Bound.Const(call.eval(new Object[0]), array) : call;
    }

    static Bound subscript(Binder binder, Expr.Subscript s) {
        Bound operand = binder.bind(s.operand());
        Bound index = binder.bind(s.index());
        if (operand.type() == SqlType.JSONB) {
            return jsonbOperator("->", operand, index, s.index(), s.pos());
        }
        if (!operand.type().isArray()) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + operand.type().sqlName()
                    + " because it does not support subscripting", s.operand().pos() + 1);
        }
        index = toType(index, s.index(), SqlType.INTEGER, "array subscript must have type integer");
        int lower = operand.type() == SqlType.INT2VECTOR ? 0 : 1; // int2vector subscripts start at 0
        return new Bound.BinaryOp("[]", operand, index, operand.type().elementType(), (arr, i) -> {
            List<?> list = (List<?>) arr;
            int k = (Integer) i + 1 - lower;
            return k >= 1 && k <= list.size() ? list.get(k - 1) : null;
        });
    }

    static Bound arrayCompare(Binder binder, Expr.ArrayCompare c) {
        Bound operand = binder.bind(c.operand());
        Bound array = binder.bind(c.array());
        if (array.type() == SqlType.UNKNOWN) {
            SqlType t = operand.type() == SqlType.UNKNOWN ? SqlType.TEXT_ARRAY : operand.type().arrayType();
            array = Binder.coerceUnknown(array, c.array(), t == null ? SqlType.TEXT_ARRAY : t);
        }
        String name = c.op() + " " + (c.all() ? "ALL" : "ANY") + "/ALL";
        if (!array.type().isArray()) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "op " + (c.all() ? "ALL" : "ANY")
                    + "/ALL (array) requires array on right side", c.pos() + 1);
        }
        SqlType element = array.type().elementType();
        if (operand.type() == SqlType.UNKNOWN) {
            operand = Binder.coerceUnknown(operand, c.operand(), element);
        }
        SqlType common = Operators.common(operand.type(), element);
        if (common == null) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + operand.type().sqlName() + " "
                    + c.op() + " " + element.sqlName(), c.pos() + 1, null,
                    "No operator matches the given name and argument types. You might need to add explicit type casts.", null);
        }
        SqlType from = operand.type();
        String op = c.op();
        boolean all = c.all();
        return new Bound.Call(name, List.of(operand, array), SqlType.BOOLEAN, false, v -> {
            if (v[1] == null) {
                return null;
            }
            List<?> list = (List<?>) v[1];
            if (list.isEmpty()) {
                return all;
            }
            if (v[0] == null) {
                return null;
            }
            Object x = Values.cast(v[0], from, common);
            boolean sawNull = false;
            for (Object e : list) {
                if (e == null) {
                    sawNull = true;
                    continue;
                }
                boolean r = test(op, Values.compare(x, Values.cast(e, element, common)));
                if (r != all) {
                    return r;
                }
            }
            return sawNull ? null : all;
        });
    }

    private static boolean test(String op, int c) {
        return switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    // ------------------------------------------------------------------ binary operators

    /** Binds {@code b} when it is an array or jsonb operator, else returns null. */
    static Bound binary(Binder binder, Expr.Binary b) {
        boolean always = ALWAYS.contains(b.op());
        if (!always && !b.op().equals("||") && !b.op().equals("-")) {
            return null;
        }
        Bound l = binder.bind(b.left());
        Bound r = binder.bind(b.right());
        if (!always && !isContainer(l.type()) && !isContainer(r.type())) {
            return null;
        }
        if (l.type() == SqlType.JSONB || r.type() == SqlType.JSONB && l.type() == SqlType.UNKNOWN) {
            if (l.type() == SqlType.UNKNOWN) {
                l = Binder.coerceUnknown(l, b.left(), SqlType.JSONB);
            }
            return jsonbOperator(b.op(), l, r, b.right(), b.pos());
        }
        if (l.type().isArray() || r.type().isArray()) {
            return arrayOperator(b, l, r);
        }
        return null; // reported as a missing operator by the caller
    }

    private static boolean isContainer(SqlType t) {
        return t == SqlType.JSONB || t.isArray();
    }

    private static Bound jsonbOperator(String op, Bound l, Bound r, Expr re, int pos) {
        SqlType rt = r.type();
        switch (op) {
            case "->", "->>" -> {
                boolean text = op.equals("->>");
                if (rt == SqlType.UNKNOWN || rt.isString()) {
                    r = toType(r, re, SqlType.TEXT, null);
                    return strict(op, l, r, text ? SqlType.TEXT : SqlType.JSONB, (j, k) -> result(field(j, (String) k), text));
                }
                if (rt == SqlType.INTEGER || rt == SqlType.SMALLINT) {
                    r = toType(r, re, SqlType.INTEGER, null);
                    return strict(op, l, r, text ? SqlType.TEXT : SqlType.JSONB, (j, i) -> result(element(j, (Integer) i), text));
                }
            }
            case "#>", "#>>" -> {
                boolean text = op.equals("#>>");
                if (rt == SqlType.UNKNOWN || rt == SqlType.TEXT_ARRAY || rt == SqlType.VARCHAR_ARRAY) {
                    r = toType(r, re, SqlType.TEXT_ARRAY, null);
                    return strict(op, l, r, text ? SqlType.TEXT : SqlType.JSONB, (j, p) -> result(path(j, (List<?>) p), text));
                }
            }
            case "@>", "<@" -> {
                if (rt == SqlType.UNKNOWN || rt == SqlType.JSONB) {
                    r = toType(r, re, SqlType.JSONB, null);
                    boolean contains = op.equals("@>");
                    return strict(op, l, r, SqlType.BOOLEAN, (a, b) -> contains
                            ? Jsonb.contains(((Jsonb) a).root(), ((Jsonb) b).root(), true)
                            : Jsonb.contains(((Jsonb) b).root(), ((Jsonb) a).root(), true));
                }
            }
            case "?" -> {
                if (rt == SqlType.UNKNOWN || rt.isString()) {
                    r = toType(r, re, SqlType.TEXT, null);
                    return strict(op, l, r, SqlType.BOOLEAN, (j, k) -> Jsonb.exists(((Jsonb) j).root(), (String) k));
                }
            }
            case "?|", "?&" -> {
                if (rt == SqlType.UNKNOWN || rt == SqlType.TEXT_ARRAY) {
                    r = toType(r, re, SqlType.TEXT_ARRAY, null);
                    boolean any = op.equals("?|");
                    return strict(op, l, r, SqlType.BOOLEAN, (j, keys) -> {
                        for (Object k : (List<?>) keys) {
                            boolean has = k != null && Jsonb.exists(((Jsonb) j).root(), (String) k);
                            if (any == has) {
                                return any;
                            }
                        }
                        return !any;
                    });
                }
            }
            case "||" -> {
                if (rt == SqlType.UNKNOWN || rt == SqlType.JSONB) {
                    r = toType(r, re, SqlType.JSONB, null);
                    return strict(op, l, r, SqlType.JSONB, (a, b) -> JsonbFunctions.concat((Jsonb) a, (Jsonb) b));
                }
            }
            case "-" -> {
                if (rt == SqlType.UNKNOWN || rt.isString()) {
                    r = toType(r, re, SqlType.TEXT, null);
                    return strict(op, l, r, SqlType.JSONB, (j, k) -> JsonbFunctions.delete((Jsonb) j, List.of(k)));
                }
                if (rt == SqlType.INTEGER || rt == SqlType.SMALLINT) {
                    r = toType(r, re, SqlType.INTEGER, null);
                    return strict(op, l, r, SqlType.JSONB, (j, i) -> JsonbFunctions.deleteIndex((Jsonb) j, (Integer) i));
                }
                if (rt == SqlType.TEXT_ARRAY) {
                    return strict(op, l, r, SqlType.JSONB, (j, ks) -> JsonbFunctions.delete((Jsonb) j, (List<?>) ks));
                }
            }
            default -> { }
        }
        throw noOperator(l.type(), op, rt, pos);
    }

    private static Object field(Object j, String key) {
        return ((Jsonb) j).root() instanceof Map<?, ?> m ? m.get(key) : null;
    }

    private static Object element(Object j, int i) {
        if (((Jsonb) j).root() instanceof List<?> list) {
            int k = i < 0 ? list.size() + i : i;
            return k >= 0 && k < list.size() ? list.get(k) : null;
        }
        return null;
    }

    static Object path(Object j, List<?> path) {
        Object node = ((Jsonb) j).root();
        for (Object step : path) {
            if (step == null) {
                return null;
            }
            String s = (String) step;
            if (node instanceof Map<?, ?> m) {
                node = m.get(s);
            } else if (node instanceof List<?> list) {
                int i;
                try {
                    i = Integer.parseInt(s.strip());
                } catch (NumberFormatException notIndex) {
                    return null;
                }
                int k = i < 0 ? list.size() + i : i;
                node = k >= 0 && k < list.size() ? list.get(k) : null;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** A node as the result of -> (jsonb) or ->> (text; JSON null is SQL NULL). */
    private static Object result(Object node, boolean text) {
        if (node == null) {
            return null;
        }
        return text ? Jsonb.scalarText(node) : new Jsonb(node);
    }

    private static Bound arrayOperator(Expr.Binary b, Bound l, Bound r) {
        SqlType lt = l.type();
        SqlType rt = r.type();
        String op = b.op();
        if (op.equals("||")) {
            if (lt.isArray() && (rt.isArray() || rt == SqlType.UNKNOWN)) {
                SqlType t = rt == SqlType.UNKNOWN ? lt : Operators.common(lt, rt);
                if (t != null) {
                    Bound lc = toType(l, b.left(), t, null);
                    Bound rc = toType(r, b.right(), t, null);
                    return nonStrict("||", lc, rc, t, ContainerExprs::concat);
                }
            } else if (lt == SqlType.UNKNOWN && rt.isArray()) {
                Bound lc = toType(l, b.left(), rt, null);
                return nonStrict("||", lc, r, rt, (x, y) -> concat(x, y));
            } else if (lt.isArray() && Operators.common(lt.elementType(), rt) != null) {
                Bound rc = toType(r, b.right(), lt.elementType(), null);
                return nonStrict("||", l, rc, lt, (x, y) -> x == null ? list(y) : append(x, y));
            } else if (rt.isArray() && (lt == SqlType.UNKNOWN || Operators.common(lt, rt.elementType()) != null)) {
                Bound lc = toType(l, b.left(), rt.elementType(), null);
                return nonStrict("||", lc, r, rt, (x, y) -> y == null ? list(x) : prepend(x, y));
            }
            throw noOperator(lt, op, rt, b.pos());
        }
        if (op.equals("@>") || op.equals("<@") || op.equals("&&")) {
            SqlType t = lt == SqlType.UNKNOWN ? rt : rt == SqlType.UNKNOWN ? lt : Operators.common(lt, rt);
            if (t == null || !t.isArray()) {
                throw noOperator(lt, op, rt, b.pos());
            }
            Bound lc = toType(l, b.left(), t, null);
            Bound rc = toType(r, b.right(), t, null);
            BinaryOperator<Object> fn = switch (op) {
                case "@>" -> (x, y) -> containsAll((List<?>) x, (List<?>) y);
                case "<@" -> (x, y) -> containsAll((List<?>) y, (List<?>) x);
                default -> (x, y) -> overlaps((List<?>) x, (List<?>) y);
            };
            return strict(op, lc, rc, SqlType.BOOLEAN, fn);
        }
        throw noOperator(lt, op, rt, b.pos());
    }

    static Object concat(Object x, Object y) {
        if (x == null) {
            return y;
        }
        if (y == null) {
            return x;
        }
        List<Object> out = new ArrayList<>((List<?>) x);
        out.addAll((List<?>) y);
        return out;
    }

    static Object append(Object arr, Object e) {
        List<Object> out = new ArrayList<>((List<?>) arr);
        out.add(e);
        return out;
    }

    static Object prepend(Object e, Object arr) {
        List<Object> out = new ArrayList<>();
        out.add(e);
        out.addAll((List<?>) arr);
        return out;
    }

    private static Object list(Object e) {
        List<Object> out = new ArrayList<>();
        out.add(e);
        return out;
    }

    private static boolean containsAll(List<?> a, List<?> b) {
        for (Object y : b) {
            if (a.stream().noneMatch(x -> SqlArrays.elementEquals(x, y))) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlaps(List<?> a, List<?> b) {
        for (Object y : b) {
            if (a.stream().anyMatch(x -> SqlArrays.elementEquals(x, y))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ helpers

    private static Bound strict(String op, Bound l, Bound r, SqlType type, BinaryOperator<Object> fn) {
        return new Bound.BinaryOp(op, l, r, type, fn);
    }

    private static Bound nonStrict(String op, Bound l, Bound r, SqlType type, BinaryOperator<Object> fn) {
        return new Bound.Call(op, List.of(l, r), type, false, v -> fn.apply(v[0], v[1]));
    }

    /** {@code b} as {@code to}: an untyped literal is read as one, other types get an implicit cast. */
    static Bound toType(Bound b, Expr src, SqlType to, String error) {
        if (b.type() == to) {
            return b;
        }
        if (b.type() == SqlType.UNKNOWN) {
            return Binder.coerceUnknown(b, src, to);
        }
        if (Values.castContext(b.type(), to) != Values.CastContext.IMPLICIT && error != null) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, error, src.pos() + 1);
        }
        return new Bound.Convert(b, b.type(), to, -1, false);
    }

    static SqlException noOperator(SqlType l, String op, SqlType r, int pos) {
        return new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + l.sqlName() + " " + op + " "
                + r.sqlName(), pos + 1, null,
                "No operator matches the given name and argument types. You might need to add explicit type casts.", null);
    }
}
