package io.shaledb.sql.exec;

/**
 * Rewrites a PostgreSQL advanced regular expression (ARE) into java.util.regex syntax where the two
 * disagree on what a pattern means. Most syntax is shared (classes, groups, alternation,
 * quantifiers, back-references, {@code \d \w \s}); the differences that matter are:
 *
 * <pre>
 *   PostgreSQL                 Java                     why
 *   .                          . with DOTALL            '.' matches a newline in PostgreSQL
 *   $ (outside brackets)       \z                       Java's $ also matches before a final newline
 *   \Z                         \z                       end of string only
 *   \y  \Y                     \b  \B                   word boundary / not one
 *   \m  [[:<:]]                \b(?=\w)                 start of a word
 *   \M  [[:>:]]                \b(?<=\w)                end of a word
 *   [[:alpha:]] ...            [\p{Alpha}] ...          POSIX classes inside brackets
 * </pre>
 *
 * psql's object-name patterns ({@code ^(t)$}, {@code ^(pg_catalog.*)$}, {@code ^(.*\.t)$}) use only
 * the shared part. Not translated: embedded options other than Java's, {@code ***=} literal
 * directors, collating elements {@code [[.x.]]} and equivalence classes {@code [[=x=]]}.
 */
final class RegexTranslation {
    /** POSIX bracket classes and their Java spellings. */
    private static final String[][] POSIX_CLASSES = {{"[:alpha:]", "\\p{Alpha}"}, {"[:digit:]", "\\d"},
        {"[:alnum:]", "\\p{Alnum}"}, {"[:space:]", "\\s"}, {"[:upper:]", "\\p{Upper}"}, {"[:lower:]", "\\p{Lower}"},
        {"[:punct:]", "\\p{Punct}"}, {"[:xdigit:]", "\\p{XDigit}"}, {"[:word:]", "\\w"}, {"[:blank:]", "\\p{Blank}"},
        {"[:cntrl:]", "\\p{Cntrl}"}, {"[:graph:]", "\\p{Graph}"}, {"[:print:]", "\\p{Print}"}};

    private RegexTranslation() {}

    static String toJava(String are) {
        StringBuilder out = new StringBuilder(are.length() + 8);
        boolean inBracket = false;
        int i = 0;
        while (i < are.length()) {
            char c = are.charAt(i);
            if (!inBracket && are.startsWith("[[:<:]]", i)) {
                out.append("\\b(?=\\w)");
                i += 7;
            } else if (!inBracket && are.startsWith("[[:>:]]", i)) {
                out.append("\\b(?<=\\w)");
                i += 7;
            } else if (c == '\\' && i + 1 < are.length()) {
                char e = are.charAt(i + 1);
                String mapped = inBracket ? null : switch (e) {
                    case 'y' -> "\\b";
                    case 'Y' -> "\\B";
                    case 'm' -> "\\b(?=\\w)";
                    case 'M' -> "\\b(?<=\\w)";
                    case 'Z' -> "\\z";
                    default -> null;
                };
                out.append(mapped != null ? mapped : are.substring(i, i + 2));
                i += 2;
            } else if (inBracket) {
                String posix = posixClass(are, i);
                if (posix != null) {
                    out.append(posixJava(posix));
                    i += posix.length();
                } else {
                    if (c == ']') {
                        inBracket = false;
                    } else if (c == '[' || c == '&') {
                        out.append('\\'); // literal inside a PostgreSQL bracket; Java would nest or intersect
                    }
                    out.append(c);
                    i++;
                }
            } else if (c == '[') {
                inBracket = true;
                out.append(c);
                i++;
                if (i < are.length() && are.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < are.length() && are.charAt(i) == ']') {
                    out.append("\\]"); // a leading ] is a literal member
                    i++;
                }
            } else if (c == '$') {
                out.append("\\z");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** PostgreSQL's wording (regerror) for the syntax errors Java reports most often; others as Java says them. */
    static String postgresMessage(String javaDescription) {
        return switch (javaDescription) {
            case "Unclosed group", "Unmatched closing ')'" -> "parentheses () not balanced";
            case "Unclosed character class" -> "brackets [] not balanced";
            case "Dangling meta character '*'", "Dangling meta character '+'", "Dangling meta character '?'" ->
                    "quantifier operand invalid";
            case "Illegal repetition" -> "braces {} not balanced";
            default -> javaDescription;
        };
    }

    private static String posixClass(String s, int at) {
        for (String[] c : POSIX_CLASSES) {
            if (s.startsWith(c[0], at)) {
                return c[0];
            }
        }
        return null;
    }

    private static String posixJava(String posix) {
        for (String[] c : POSIX_CLASSES) {
            if (c[0].equals(posix)) {
                return c[1];
            }
        }
        throw new IllegalArgumentException(posix);
    }
}
