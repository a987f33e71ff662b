package io.shaledb.sql.exec;

import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlArrays;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The array and jsonb scalar functions. Many are polymorphic in PostgreSQL ({@code anyarray},
 * {@code anyelement}, {@code "any"}), which the {@link Functions} registry of fixed signatures
 * cannot express, so they are bound here: the {@link Binder} asks {@link #bind} first and falls
 * back to the registry when the name is not one of these.
 *
 * <pre>
 *   array_length(a, 1)  cardinality(a)  array_upper/lower(a, 1)  array_ndims(a)
 *   array_position(a, x)  array_positions(a, x)  array_append(a, x)  array_prepend(x, a)
 *   array_cat(a, b)  array_remove(a, x)  array_to_string(a, sep [, null])  string_to_array(s, sep [, null])
 *   to_jsonb(x)  jsonb_build_object(k, v, ...)  jsonb_build_array(...)  jsonb_typeof  jsonb_array_length
 *   jsonb_set(j, path, v [, create])  jsonb_strip_nulls  jsonb_pretty  jsonb_extract_path[_text](j, k...)
 * </pre>
 */
final class ContainerFunctions {
    private static final Set<String> NAMES = Set.of("array_length", "cardinality", "array_upper", "array_lower",
            "array_ndims", "array_position", "array_positions", "array_append", "array_prepend", "array_cat",
            "array_remove", "array_to_string", "string_to_array", "to_jsonb", "jsonb_build_object", "jsonb_build_array",
            "jsonb_typeof", "jsonb_array_length", "jsonb_set", "jsonb_strip_nulls", "jsonb_pretty",
            "jsonb_extract_path", "jsonb_extract_path_text", "unnest", "jsonb_array_elements",
            "jsonb_array_elements_text", "jsonb_each", "jsonb_each_text", "jsonb_object_keys");
    /** Set-returning functions: planned by {@link ContainerTableFunctions} in FROM, not callable as scalars. */
    private static final Set<String> SET_RETURNING = Set.of("unnest", "jsonb_array_elements",
            "jsonb_array_elements_text", "jsonb_each", "jsonb_each_text", "jsonb_object_keys");

    private ContainerFunctions() {}

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    /** Binds {@code f}; throws 42883 when the arguments do not fit. */
    static Bound bind(Binder binder, Expr.FunctionCall f) {
        if (SET_RETURNING.contains(f.name())) {
            throw new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.FEATURE_NOT_SUPPORTED, "set-returning function "
                    + f.name() + " is only supported in FROM yet", f.pos() + 1);
        }
        List<Bound> args = new ArrayList<>();
        for (Expr a : f.args()) {
            args.add(binder.bind(a));
        }
        Bound b = bindArgs(f, args);
        if (b == null) {
            throw Binder.noFunction(f, args.stream().map(Bound::type).toList());
        }
        return b;
    }

    private static Bound bindArgs(Expr.FunctionCall f, List<Bound> args) {
        int n = args.size();
        List<SqlType> types = args.stream().map(Bound::type).toList();
        SqlType first = n > 0 ? types.getFirst() : null;
        switch (f.name()) {
            case "to_jsonb" -> {
                if (n == 1) {
                    SqlType t = first == SqlType.UNKNOWN ? SqlType.TEXT : first;
                    Bound a = typed(args, f, 0, t);
                    return call(f, List.of(a), SqlType.JSONB, true, v -> new Jsonb(JsonbFunctions.toNode(v[0], t)));
                }
            }
            case "jsonb_build_object", "jsonb_build_array" -> {
                List<Bound> typed = new ArrayList<>();
                List<SqlType> ts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    SqlType t = types.get(i) == SqlType.UNKNOWN ? SqlType.TEXT : types.get(i);
                    typed.add(typed(args, f, i, t));
                    ts.add(t);
                }
                boolean object = f.name().equals("jsonb_build_object");
                return call(f, typed, SqlType.JSONB, false, v -> object ? JsonbFunctions.buildObject(v, ts)
                        : JsonbFunctions.buildArray(v, ts));
            }
            case "jsonb_typeof", "jsonb_array_length", "jsonb_strip_nulls", "jsonb_pretty" -> {
                if (n == 1 && (first == SqlType.JSONB || first == SqlType.UNKNOWN)) {
                    Bound a = typed(args, f, 0, SqlType.JSONB);
                    return switch (f.name()) {
                        case "jsonb_typeof" -> call(f, List.of(a), SqlType.TEXT, true, v -> Jsonb.typeOf(((Jsonb) v[0]).root()));
                        case "jsonb_array_length" -> call(f, List.of(a), SqlType.INTEGER, true,
                                v -> JsonbFunctions.arrayLength((Jsonb) v[0]));
                        case "jsonb_strip_nulls" -> call(f, List.of(a), SqlType.JSONB, true,
                                v -> new Jsonb(JsonbFunctions.stripNulls(((Jsonb) v[0]).root())));
                        default -> call(f, List.of(a), SqlType.TEXT, true, v -> ((Jsonb) v[0]).pretty());
                    };
                }
            }
            case "jsonb_set" -> {
                if ((n == 3 || n == 4) && fits(first, SqlType.JSONB)) {
                    List<Bound> typed = new ArrayList<>(List.of(typed(args, f, 0, SqlType.JSONB),
                            typed(args, f, 1, SqlType.TEXT_ARRAY), typed(args, f, 2, SqlType.JSONB)));
                    if (n == 4) {
                        typed.add(typed(args, f, 3, SqlType.BOOLEAN));
                    }
                    return call(f, typed, SqlType.JSONB, true, v -> JsonbFunctions.set((Jsonb) v[0], (List<?>) v[1],
                            (Jsonb) v[2], v.length < 4 || (Boolean) v[3]));
                }
            }
            case "jsonb_extract_path", "jsonb_extract_path_text" -> {
                if (n >= 1 && fits(first, SqlType.JSONB)) {
                    List<Bound> typed = new ArrayList<>();
                    typed.add(typed(args, f, 0, SqlType.JSONB));
                    for (int i = 1; i < n; i++) {
                        typed.add(typed(args, f, i, SqlType.TEXT));
                    }
                    boolean text = f.name().endsWith("_text");
                    return call(f, typed, text ? SqlType.TEXT : SqlType.JSONB, true, v -> {
                        Object node = ContainerExprs.path(v[0], List.of(v).subList(1, v.length));
                        return node == null ? null : text ? Jsonb.scalarText(node) : new Jsonb(node);
                    });
                }
            }
            case "string_to_array" -> {
                if (n == 2 || n == 3) {
                    List<Bound> typed = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        typed.add(typed(args, f, i, SqlType.TEXT));
                    }
                    return call(f, typed, SqlType.TEXT_ARRAY, false, ContainerFunctions::stringToArray);
                }
            }
            default -> {
                return arrayFunction(f, args, types);
            }
        }
        return null;
    }

    private static Bound arrayFunction(Expr.FunctionCall f, List<Bound> args, List<SqlType> types) {
        int n = args.size();
        if (n == 0) {
            return null;
        }
        SqlType arrayType = types.getFirst().isArray() ? types.getFirst()
                : n > 1 && types.get(1).isArray() ? types.get(1) : null;
        if (arrayType == null) {
            return null;
        }
        SqlType element = arrayType.elementType();
        switch (f.name()) {
            case "array_length", "array_upper", "array_lower" -> {
                if (n == 2 && types.getFirst().isArray()) {
                    Bound dim = typed(args, f, 1, SqlType.INTEGER);
                    boolean lower = f.name().equals("array_lower");
                    return call(f, List.of(args.get(0), dim), SqlType.INTEGER, true, v -> {
                        List<?> list = (List<?>) v[0];
                        return (Integer) v[1] != 1 || list.isEmpty() ? null : lower ? 1 : list.size();
                    });
                }
            }
            case "cardinality", "array_ndims" -> {
                if (n == 1) {
                    boolean card = f.name().equals("cardinality");
                    return call(f, args, SqlType.INTEGER, true,
                            v -> card ? ((List<?>) v[0]).size() : ((List<?>) v[0]).isEmpty() ? null : 1);
                }
            }
            case "array_position", "array_positions" -> {
                if (n == 2 && types.getFirst().isArray()) {
                    Bound x = typed(args, f, 1, element);
                    boolean all = f.name().equals("array_positions");
                    return call(f, List.of(args.get(0), x), all ? SqlType.INT4_ARRAY : SqlType.INTEGER, false, v -> {
                        if (v[0] == null) {
                            return null;
                        }
                        List<Object> found = new ArrayList<>();
                        List<?> list = (List<?>) v[0];
                        for (int i = 0; i < list.size(); i++) {
                            Object e = list.get(i);
                            if (v[1] == null ? e == null : SqlArrays.elementEquals(e, v[1])) {
                                if (!all) {
                                    return i + 1;
                                }
                                found.add(i + 1);
                            }
                        }
                        return all ? found : null;
                    });
                }
            }
            case "array_append", "array_remove" -> {
                if (n == 2 && types.getFirst().isArray()) {
                    Bound x = typed(args, f, 1, element);
                    boolean append = f.name().equals("array_append");
                    return call(f, List.of(args.get(0), x), arrayType, false, v -> {
                        if (append) {
                            return v[0] == null ? ContainerExprs.append(new ArrayList<>(), v[1]) : ContainerExprs.append(v[0], v[1]);
                        }
                        if (v[0] == null) {
                            return null;
                        }
                        List<Object> out = new ArrayList<>();
                        for (Object e : (List<?>) v[0]) {
                            if (!(v[1] == null ? e == null : SqlArrays.elementEquals(e, v[1]))) {
                                out.add(e);
                            }
                        }
                        return out;
                    });
                }
            }
            case "array_prepend" -> {
                if (n == 2 && types.get(1).isArray()) {
                    Bound x = typed(args, f, 0, element);
                    return call(f, List.of(x, args.get(1)), arrayType, false,
                            v -> ContainerExprs.prepend(v[0], v[1] == null ? new ArrayList<>() : v[1]));
                }
            }
            case "array_cat" -> {
                if (n == 2) {
                    SqlType t = types.get(1) == SqlType.UNKNOWN ? arrayType : types.get(0) == SqlType.UNKNOWN ? arrayType
                            : Operators.common(types.get(0), types.get(1));
                    if (t != null && t.isArray()) {
                        return call(f, List.of(typed(args, f, 0, t), typed(args, f, 1, t)), t, false,
                                v -> ContainerExprs.concat(v[0], v[1]));
                    }
                }
            }
            case "array_to_string" -> {
                if ((n == 2 || n == 3) && types.getFirst().isArray()) {
                    List<Bound> typed = new ArrayList<>(List.of(args.get(0), typed(args, f, 1, SqlType.TEXT)));
                    if (n == 3) {
                        typed.add(typed(args, f, 2, SqlType.TEXT));
                    }
                    return call(f, typed, SqlType.TEXT, false, v -> {
                        if (v[0] == null || v[1] == null) {
                            return null;
                        }
                        StringBuilder sb = new StringBuilder();
                        boolean firstOut = true;
                        for (Object e : (List<?>) v[0]) {
                            if (e == null && (v.length < 3 || v[2] == null)) {
                                continue;
                            }
                            sb.append(firstOut ? "" : (String) v[1]);
                            firstOut = false;
                            sb.append(e == null ? (String) v[2] : element.toText(e));
                        }
                        return sb.toString();
                    });
                }
            }
            default -> { }
        }
        return null;
    }

    private static Object stringToArray(Object[] v) {
        if (v[0] == null) {
            return null;
        }
        String s = (String) v[0];
        String sep = (String) v[1];
        String nullString = v.length > 2 ? (String) v[2] : null;
        List<Object> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        if (sep == null) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else if (sep.isEmpty()) {
            out.add(s);
        } else {
            int from = 0;
            while (true) {
                int at = s.indexOf(sep, from);
                out.add(at < 0 ? s.substring(from) : s.substring(from, at));
                if (at < 0) {
                    break;
                }
                from = at + sep.length();
            }
        }
        if (nullString != null) {
            out.replaceAll(e -> nullString.equals(e) ? null : e);
        }
        return out;
    }

    private static boolean fits(SqlType have, SqlType want) {
        return have == want || have == SqlType.UNKNOWN;
    }

    private static Bound typed(List<Bound> args, Expr.FunctionCall f, int i, SqlType to) {
        SqlType have = args.get(i).type();
        if (have != SqlType.UNKNOWN && io.shaledb.sql.types.Values.castContext(have, to)
                != io.shaledb.sql.types.Values.CastContext.IMPLICIT) {
            throw Binder.noFunction(f, args.stream().map(Bound::type).toList());
        }
        return ContainerExprs.toType(args.get(i), f.args().get(i), to, null);
    }

    private static Bound call(Expr.FunctionCall f, List<Bound> args, SqlType type, boolean strict,
                              Function<Object[], Object> fn) {
        return new Bound.Call(f.name(), List.copyOf(args), type, strict, fn);
    }
}
