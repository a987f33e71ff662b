package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Regular-expression functions beyond the operators ({@link Patterns}):
 *
 * <pre>
 *   regexp_match(s, re [, flags])      text[]: the first match's groups (or the whole match); NULL if none
 *   regexp_matches(s, re [, flags])    FROM only: one text[] row per match (every match with flag g)
 *   similar_to_escape(pat [, esc])     the POSIX regex SIMILAR TO compiles to: ^(?:...)$
 * </pre>
 *
 * Flags: {@code i} (case-insensitive), {@code c} (case-sensitive, the default), {@code g} (all
 * matches; regexp_matches only, regexp_match rejects it as PostgreSQL does).
 */
final class RegexFunctions {
    private RegexFunctions() {}

    static void register() {
        Functions.register("regexp_match", SqlType.TEXT_ARRAY, a -> match((String) a[0], (String) a[1], ""),
                SqlType.TEXT, SqlType.TEXT);
        Functions.register("regexp_match", SqlType.TEXT_ARRAY, a -> {
            if (((String) a[2]).indexOf('g') >= 0) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "regexp_match() does not support the \"global\" option",
                        0, null, "Use the regexp_matches function instead.", null);
            }
            return match((String) a[0], (String) a[1], (String) a[2]);
        }, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT);
        Functions.register("similar_to_escape", SqlType.TEXT, a -> similarToRegex((String) a[0], "\\"), SqlType.TEXT);
        Functions.register("similar_to_escape", SqlType.TEXT, a -> similarToRegex((String) a[0], (String) a[1]),
                SqlType.TEXT, SqlType.TEXT);
        TableFunctions.register("regexp_matches", RegexFunctions::matches);
    }

    private static java.util.regex.Pattern compile(String re, String flags) {
        boolean insensitive = false;
        for (char f : flags.toCharArray()) {
            switch (f) {
                case 'i' -> insensitive = true;
                case 'c' -> insensitive = false;
                case 'g' -> { }
                default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid regular expression option: \"" + f + "\"");
            }
        }
        return Patterns.regex(re, insensitive);
    }

    static List<Object> match(String s, String re, String flags) {
        Matcher m = compile(re, flags).matcher(s);
        return m.find() ? groups(m) : null;
    }

    private static List<Object> groups(Matcher m) {
        List<Object> out = new ArrayList<>();
        if (m.groupCount() == 0) {
            out.add(m.group());
        } else {
            for (int g = 1; g <= m.groupCount(); g++) {
                out.add(m.group(g));
            }
        }
        return out;
    }

    private static QueryPlanner.Planned matches(Expr.FunctionCall call, List<Bound> args, Runnable tick) {
        if (args.size() < 2 || args.size() > 3) {
            throw Binder.noFunction(call, args.stream().map(Bound::type).toList());
        }
        List<Bound> texts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            texts.add(ContainerExprs.toType(args.get(i), call.args().get(i), SqlType.TEXT, null));
        }
        Bound all = new Bound.Call("regexp_matches", texts, SqlType.TEXT_ARRAY, false,
                values -> java.util.Arrays.asList(values));
        return ContainerTableFunctions.planned(call, List.of(new ColumnInfo("regexp_matches", SqlType.TEXT_ARRAY)), all, v -> {
            List<?> a = (List<?>) v;
            if (a.contains(null)) {
                return List.of();
            }
            String flags = a.size() > 2 ? (String) a.get(2) : "";
            Matcher m = compile((String) a.get(1), flags).matcher((String) a.get(0));
            List<Object[]> rows = new ArrayList<>();
            while (m.find()) {
                rows.add(new Object[] {groups(m)});
                if (flags.indexOf('g') < 0) {
                    break;
                }
            }
            return rows;
        });
    }

    /**
     * PostgreSQL's similar_escape: SQL's regex dialect to a POSIX one. {@code %} is {@code .*},
     * {@code _} is {@code .}, the escape character quotes the next one, brackets are copied,
     * {@code .}, {@code ^}, {@code $} and backslashes are literals; the whole is anchored.
     */
    static String similarToRegex(String pattern, String escape) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string", 0, null,
                    "Escape string must be empty or one character.", null);
        }
        int esc = escape.isEmpty() ? -1 : escape.charAt(0);
        StringBuilder out = new StringBuilder("^(?:");
        boolean inBracket = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == esc && i + 1 < pattern.length()) {
                char n = pattern.charAt(++i);
                out.append(n == '"' ? "" : "\\").append(n == '"' ? "" : String.valueOf(n));
            } else if (inBracket) {
                if (c == '\\') {
                    out.append('\\');
                }
                out.append(c);
                if (c == ']') {
                    inBracket = false;
                }
            } else if (c == '[') {
                inBracket = true;
                out.append(c);
            } else if (c == '%') {
                out.append(".*");
            } else if (c == '_') {
                out.append('.');
            } else if (c == '(') {
                out.append("(?:");
            } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append(")$").toString();
    }
}
