package io.shaledb.sql.pgcatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PostgreSQL's "pretty" expression form ({@code pg_get_constraintdef(oid, true)},
 * {@code pg_get_expr(e, rel, true)}) made from the fully parenthesized one by dropping the
 * parentheses its pretty printer leaves out:
 *
 * <pre>
 *   ((a > 0) AND ((b)::text &lt;&gt; ''::text))   -&gt;   a &gt; 0 AND b::text &lt;&gt; ''::text
 *   (salary &gt;= (0)::numeric)                  -&gt;   salary &gt;= 0::numeric
 *   ((a = 1) OR ((b = 2) AND (c = 3)))          -&gt;   a = 1 OR b = 2 AND c = 3
 * </pre>
 *
 * Only what is certain is dropped: the outermost pair, a bracketed unsigned number or column
 * before {@code ::}, the operands of AND / OR chains (an OR inside an AND keeps its parentheses)
 * and the operand of NOT. Arithmetic inside comparisons keeps its parentheses, as PostgreSQL's does.
 */
public final class PrettyExpr {
    private static final Pattern SIMPLE_CAST = Pattern.compile("\\(([0-9]+(?:\\.[0-9]+)?|[a-z_][a-z0-9_]*)\\)::");

    private PrettyExpr() {}

    /** {@code CHECK (expr) ...} with its expression in the pretty form; other definitions unchanged. */
    public static String constraint(String definition) {
        if (definition == null || !definition.startsWith("CHECK (")) {
            return definition;
        }
        int depth = 0;
        for (int i = 6; i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (c == '\'' || c == '"') {
                i = quoteEnd(definition, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return "CHECK (" + of(definition.substring(7, i)) + ")" + definition.substring(i + 1);
            }
        }
        return definition;
    }

    public static String of(String expr) {
        return simplify(castsUnwrapped(expr.strip()));
    }

    private static String castsUnwrapped(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int end = quoteEnd(s, i);
                out.append(s, i, end);
                i = end;
                continue;
            }
            var m = SIMPLE_CAST.matcher(s).region(i, s.length());
            boolean afterName = i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_');
            if (c == '(' && !afterName && m.lookingAt()) {
                out.append(m.group(1)).append("::");
                i = m.end();
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String simplify(String s) {
        s = s.strip();
        if (isGroup(s)) {
            return simplify(s.substring(1, s.length() - 1));
        }
        List<String> ors = split(s, " OR ");
        if (ors.size() > 1) {
            return String.join(" OR ", ors.stream().map(p -> operand(p, false)).toList());
        }
        List<String> ands = split(s, " AND ");
        if (ands.size() > 1 && !hasTopLevel(s, " BETWEEN ")) {
            return String.join(" AND ", ands.stream().map(p -> operand(p, true)).toList());
        }
        if (s.startsWith("NOT ") && isGroup(s.substring(4).strip())) {
            String inner = s.substring(4).strip();
            String content = inner.substring(1, inner.length() - 1);
            if (split(content, " OR ").size() == 1 && split(content, " AND ").size() == 1) {
                return "NOT " + simplify(content);
            }
        }
        return s;
    }

    /** An operand of AND (underAnd) or OR: unwrapped unless it is an OR under an AND. */
    private static String operand(String part, boolean underAnd) {
        String p = part.strip();
        if (!isGroup(p)) {
            return p;
        }
        String content = p.substring(1, p.length() - 1);
        while (isGroup(content.strip())) {
            content = content.strip().substring(1, content.strip().length() - 1);
        }
        if (underAnd && split(content, " OR ").size() > 1) {
            return "(" + simplify(content) + ")";
        }
        return simplify(content);
    }

    /** Whether {@code s} is one parenthesized group from its first to its last character. */
    private static boolean isGroup(String s) {
        if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')') {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = quoteEnd(s, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i < s.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private static boolean hasTopLevel(String s, String word) {
        return split(s, word).size() > 1;
    }

    /** {@code s} split at {@code sep} where it is outside parentheses and quotes. */
    private static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = quoteEnd(s, i) - 1;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (depth == 0 && s.startsWith(sep, i)) {
                parts.add(s.substring(start, i));
                start = i + sep.length();
                i = start - 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** The index after the quoted text starting at {@code start} (doubled quotes stay inside). */
    private static int quoteEnd(String s, int start) {
        char q = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }
}
