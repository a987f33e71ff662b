package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.SqlType;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Pattern matching operators: {@code LIKE} ({@code ~~}), {@code ILIKE} ({@code ~~*}), their
 * negations, and the POSIX regex operators {@code ~ ~* !~ !~*}.
 *
 * <p>LIKE patterns are translated to a Java regex ({@code %} any run, {@code _} one character,
 * backslash escapes the next character; {@code ESCAPE c} is rewritten to backslash form by
 * {@code like_escape}, as PostgreSQL does). Regex operators use Java's regex engine, which agrees
 * with PostgreSQL's advanced regular expressions on the common constructs (classes, anchors,
 * quantifiers, groups, alternation); {@link RegexTranslation} rewrites where they differ ({@code .}
 * and {@code $} around newlines, POSIX classes, word boundaries {@code \m \M \y [[:<:]]}). Each operator caches the last compiled pattern, so a constant pattern compiles once.
 */
final class Patterns {
    private Patterns() {}

    static boolean isPatternOperator(String op) {
        return switch (op) {
            case "~~", "!~~", "~~*", "!~~*", "~", "~*", "!~", "!~*" -> true;
            default -> false;
        };
    }

    /** The implementation of {@code op} over two text values. */
    static BinaryOperator<Object> operator(String op) {
        boolean negated = op.startsWith("!");
        boolean insensitive = op.endsWith("*");
        boolean like = op.contains("~~");
        Pattern[] cache = new Pattern[1];
        String[] cachedSource = new String[1];
        return (a, b) -> {
            String pattern = (String) b;
            Pattern p;
            synchronized (cache) {
                if (!pattern.equals(cachedSource[0])) {
                    cache[0] = like ? likePattern(pattern, insensitive) : regex(pattern, insensitive);
                    cachedSource[0] = pattern;
                }
                p = cache[0];
            }
            boolean found = like ? p.matcher((String) a).matches() : p.matcher((String) a).find();
            return found != negated;
        };
    }

    static Pattern likePattern(String pattern, boolean insensitive) {
        StringBuilder re = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '%' -> re.append(".*");
                case '_' -> re.append('.');
                case '\\' -> {
                    if (i + 1 >= pattern.length()) {
                        re.append("(?!)"); // PostgreSQL: a pattern ending in the escape character matches nothing
                        break;
                    }
                    i++;
                    re.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                default -> re.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (insensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags);
    }

    static Pattern regex(String pattern, boolean insensitive) {
        try {
            return Pattern.compile(RegexTranslation.toJava(pattern),
                    Pattern.DOTALL | (insensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        } catch (PatternSyntaxException e) {
            throw new SqlException(SqlState.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression: " + RegexTranslation.postgresMessage(e.getDescription()));
        }
    }

    /** like_escape(pattern, escape): rewrites a pattern with a custom escape character to backslash form. */
    static String likeEscape(String pattern, String escape) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string", 0, null,
                    "Escape string must be empty or one character.", null);
        }
        StringBuilder sb = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape.isEmpty()) {
                sb.append(c == '\\' ? "\\\\" : String.valueOf(c));
            } else if (c == escape.charAt(0)) {
                sb.append('\\');
                if (i + 1 < pattern.length()) {
                    sb.append(pattern.charAt(++i));
                }
            } else if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static void register() {
        Functions.register("like_escape", SqlType.TEXT, a -> likeEscape((String) a[0], (String) a[1]), SqlType.TEXT, SqlType.TEXT);
        Functions.register("regexp_replace", SqlType.TEXT, a -> regexpReplace((String) a[0], (String) a[1], (String) a[2], ""),
                SqlType.TEXT, SqlType.TEXT, SqlType.TEXT);
        Functions.register("regexp_replace", SqlType.TEXT, a -> regexpReplace((String) a[0], (String) a[1], (String) a[2],
                (String) a[3]), SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT);
        // substring(text FROM pattern): the first match, or its first parenthesized group
        Functions.register("substring", SqlType.TEXT, a -> regexSubstring((String) a[0], (String) a[1]), SqlType.TEXT, SqlType.TEXT);
        RegexFunctions.register();
        SubscriptSeries.register();
        SessionInfoFunctions.register();
    }

    /** regexp_replace: flags g (all matches) and i (case-insensitive); \\n (group) and \\& (whole match) in the replacement. */
    static String regexpReplace(String source, String pattern, String replacement, String flags) {
        for (char f : flags.toCharArray()) {
            if ("gi".indexOf(f) < 0) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid regular expression option: \"" + f + "\"");
            }
        }
        java.util.regex.Matcher m = regex(pattern, flags.indexOf('i') >= 0).matcher(source);
        boolean global = flags.indexOf('g') >= 0;
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(source, last, m.start());
            appendReplacement(out, m, replacement);
            last = m.end();
            if (!global) {
                break;
            }
        }
        return out.append(source.substring(last)).toString();
    }

    private static void appendReplacement(StringBuilder out, java.util.regex.Matcher m, String replacement) {
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char n = replacement.charAt(++i);
                if (n >= '1' && n <= '9') {
                    int g = n - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        out.append(m.group(g));
                    }
                } else if (n == '&') {
                    out.append(m.group());
                } else {
                    out.append(n);
                }
            } else {
                out.append(c);
            }
        }
    }

    static String regexSubstring(String source, String pattern) {
        java.util.regex.Matcher m = regex(pattern, false).matcher(source);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }
}
