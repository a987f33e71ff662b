package io.shaledb.sql.types;

import java.util.Arrays;
import java.util.List;

/**
 * A composite value: one value per field of {@code shape} (null for a NULL field). Its
 * {@link #toString()} is PostgreSQL's record_out: {@code (1,"a b",)}: a NULL field is empty, a
 * field is double-quoted when it is empty or contains a parenthesis, comma, double quote,
 * backslash or white space, with quotes and backslashes inside doubled.
 */
public record RowValue(RowShape shape, List<Object> values) {
    public RowValue(RowShape shape, Object... values) {
        this(shape, Arrays.asList(values));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            String t = shape.types().get(i).toText(v);
            if (needsQuotes(t)) {
                sb.append('"');
                for (int k = 0; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if (c == '"' || c == '\\') {
                        sb.append(c);
                    }
                    sb.append(c);
                }
                sb.append('"');
            } else {
                sb.append(t);
            }
        }
        return sb.append(')').toString();
    }

    private static boolean needsQuotes(String t) {
        if (t.isEmpty()) {
            return true;
        }
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c == '(' || c == ')' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }
}
