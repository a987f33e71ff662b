package io.shaledb.sql.exec;

import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import io.shaledb.sql.types.Values.CastContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The scalar function registry: every built-in function is one or more {@link Overload}s
 * registered by name, and a call is resolved the way PostgreSQL's func_select_candidate does it,
 * simplified:
 *
 * <pre>
 *   candidates = overloads of the name with the right arity
 *   keep those where every argument is the parameter's type, an untyped literal, or implicitly castable
 *   score: most exact matches first; then +1 per converted argument landing on its category's preferred type
 *          (double precision, text, timestamptz, interval); an untyped literal prefers text
 *   best score wins; ties go to the overload registered first
 * </pre>
 *
 * Families register themselves: {@link StringFunctions}, {@link MathFunctions},
 * {@link DateTimeFunctions}. To add a function, add a {@code register(...)} line there (or a new
 * family class listed in the static block below).
 */
final class Functions {
    /**
     * One signature. {@code variadic} (or null) is the type of any further arguments after
     * {@code params}; {@code strict} functions return NULL for any NULL argument without running.
     */
    record Overload(String name, List<SqlType> params, SqlType variadic, SqlType result, boolean strict,
                    Function<Object[], Object> fn) {}

    private static final Map<String, List<Overload>> REGISTRY = new HashMap<>();
    /** Functions whose result changes between calls with the same arguments: never folded at bind time. */
    private static final Set<String> VOLATILE = Set.of("random", "clock_timestamp", "timeofday", "gen_random_uuid",
            "set_config", "current_setting");

    static {
        StringFunctions.registerAll();
        MathFunctions.registerAll();
        DateTimeFunctions.registerAll();
        Patterns.register();
        SettingFunctions.registerAll();
        SessionFunctions.registerAll();
    }

    private Functions() {}

    static void register(String name, SqlType result, Function<Object[], Object> fn, SqlType... params) {
        add(new Overload(name, List.of(params), null, result, true, fn));
    }

    static void add(Overload o) {
        REGISTRY.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o);
    }

    static boolean isImmutable(String name) {
        return !VOLATILE.contains(name);
    }

    /** Every registered overload, as pg_proc lists built-in functions ("any" for untyped parameters). */
    static List<io.shaledb.sql.pgcatalog.PgContext.Builtin> builtins() {
        List<io.shaledb.sql.pgcatalog.PgContext.Builtin> out = new ArrayList<>();
        REGISTRY.forEach((name, overloads) -> {
            for (Overload o : overloads) {
                List<String> args = o.params().stream().map(t -> t == null ? "any" : t.sqlName()).toList();
                out.add(new io.shaledb.sql.pgcatalog.PgContext.Builtin(name, args, o.result() == null ? "any" : o.result().sqlName(), 'f'));
            }
        });
        return out;
    }

    static boolean exists(String name) {
        return REGISTRY.containsKey(name);
    }

    /** Resolves {@code f} over its bound arguments; null when no overload matches (the caller reports 42883). */
    static Bound.Call bind(Expr.FunctionCall f, List<Bound> args) {
        List<Overload> candidates = REGISTRY.get(f.name());
        if (candidates == null) {
            return null;
        }
        Overload best = null;
        int bestScore = -1;
        for (Overload o : candidates) {
            int score = score(o, args);
            if (score > bestScore) {
                best = o;
                bestScore = score;
            }
        }
        if (best == null) {
            return null;
        }
        List<Bound> converted = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            SqlType want = paramType(best, i);
            Bound a = args.get(i);
            if (a.type() == SqlType.UNKNOWN) {
                converted.add(Binder.coerceUnknown(a, f.args().get(i), want == null ? SqlType.TEXT : want));
            } else if (want == null) {
                converted.add(a.type().isString() ? a : outputText(a));
            } else if (a.type() == want) {
                converted.add(a);
            } else {
                converted.add(new Bound.Convert(a, a.type(), want, -1, false));
            }
        }
        return new Bound.Call(best.name(), List.copyOf(converted), best.result(), best.strict(), best.fn());
    }

    /** An "any" argument as its output text (what concat and format see). */
    private static Bound outputText(Bound a) {
        SqlType t = a.type();
        return new Bound.Call("textout", List.of(a), SqlType.TEXT, true, v -> t.toText(v[0]));
    }

    /** The type of parameter {@code i}: a declared one, the variadic type, or null for "any". */
    private static SqlType paramType(Overload o, int i) {
        return i < o.params().size() ? o.params().get(i) : o.variadic();
    }

    /** -1 when {@code o} cannot take {@code args}. */
    private static int score(Overload o, List<Bound> args) {
        if (args.size() < o.params().size() || (args.size() > o.params().size() && o.variadic() == null
                && !isAnyVariadic(o))) {
            return -1;
        }
        int score = 0;
        for (int i = 0; i < args.size(); i++) {
            SqlType want = paramType(o, i);
            SqlType have = args.get(i).type();
            if (want == null) {
                continue; // "any"
            }
            if (have == want) {
                score += 100; // exact matches count first, preferred types only break ties

            } else if (have == SqlType.UNKNOWN) {
                score += want == SqlType.TEXT ? 1 : 0;
            } else if (Values.castContext(have, want) == CastContext.IMPLICIT) {
                score += isPreferred(want) ? 1 : 0;
            } else {
                return -1;
            }
        }
        return score;
    }

    /** Overloads with a null variadic type and no parameters after them take any number of "any" arguments. */
    private static boolean isAnyVariadic(Overload o) {
        return o.variadic() == null && ANY_VARIADIC.contains(o.name());
    }

    private static final Set<String> ANY_VARIADIC = Set.of("concat", "concat_ws", "format");

    private static boolean isPreferred(SqlType t) {
        return t == SqlType.DOUBLE || t == SqlType.TEXT || t == SqlType.TIMESTAMPTZ || t == SqlType.INTERVAL;
    }

    // ------------------------------------------------------------------ polymorphic built-ins bound by the Binder

    /** greatest/least over arguments already converted to their common type; NULLs are ignored. */
    static Bound greatestLeast(boolean greatest, List<Bound> args) {
        SqlType type = args.getFirst().type();
        return new Bound.Call(greatest ? "greatest" : "least", List.copyOf(args), type, false, values -> {
            Object best = null;
            for (Object v : values) {
                if (v != null && (best == null || (greatest ? Values.compare(v, best) > 0 : Values.compare(v, best) < 0))) {
                    best = v;
                }
            }
            return best;
        });
    }

    /** nullif(a, b): NULL when {@code a = b} is true, else a. */
    static Bound nullif(Bound first, Bound equal) {
        return new Bound.Call("nullif", List.of(first, equal), first.type(), false,
                values -> Boolean.TRUE.equals(values[1]) ? null : values[0]);
    }
}
