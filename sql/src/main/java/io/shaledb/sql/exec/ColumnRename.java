package io.shaledb.sql.exec;

import io.shaledb.sql.parser.Lexer;
import io.shaledb.sql.parser.Token;
import io.shaledb.sql.parser.TokenKind;
import java.util.List;
import java.util.Map;

/**
 * Follows ALTER TABLE ... RENAME COLUMN in SQL text stored with an object: an index's key
 * expressions ({@code lower(email)}) and its WHERE predicate are kept as text, so a renamed column
 * is renamed in the text, token by token. PostgreSQL stores these as parsed trees that refer to
 * columns by number; renaming the references is what keeps the text equivalent.
 *
 * <pre>
 *   lower(email) || 'email'    RENAME email TO mail     lower(mail) || 'email'
 *         ^^^^^ identifier                                      (a string is not a column)
 * </pre>
 *
 * An identifier is a column reference unless a {@code (} follows it (a function name); a
 * qualified {@code t.email} is renamed in its last part.
 */
final class ColumnRename {
    private ColumnRename() {}

    /** {@code sql} with each reference to a key of {@code renames} (old name to new) renamed; null stays null. */
    static String apply(String sql, Map<String, String> renames) {
        if (sql == null || renames.isEmpty()) {
            return sql;
        }
        List<Token> tokens = Lexer.tokenize(sql);
        StringBuilder out = new StringBuilder(sql);
        for (int i = tokens.size() - 1; i >= 0; i--) { // from the end, so earlier offsets stay valid
            Token t = tokens.get(i);
            if (t.kind() != TokenKind.WORD && t.kind() != TokenKind.QUOTED_IDENT) {
                continue;
            }
            String to = renames.get(t.text());
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            if (to != null && !call) {
                out.replace(t.offset(), t.offset() + t.raw().length(), PlanHooks.ident(to));
            }
        }
        return out.toString();
    }
}
