package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement.LockStrength;
import io.shaledb.sql.ast.Statement.LockWaitPolicy;
import io.shaledb.sql.ast.Statement.LockedRelation;
import io.shaledb.sql.ast.Statement.LockingClause;
import java.util.ArrayList;
import java.util.List;

/**
 * The row-locking tail of a SELECT, as PostgreSQL's grammar has it:
 *
 * <pre>
 *   FOR READ ONLY                                   (no locking at all; only on its own)
 *   { FOR strength [OF name[, ...]] [NOWAIT | SKIP LOCKED] } ...
 *   strength = UPDATE | NO KEY UPDATE | SHARE | KEY SHARE
 * </pre>
 *
 * Names after OF may be qualified here; the analysis rejects that ("must specify unqualified
 * relation names") after name resolution, where PostgreSQL does.
 */
final class LockingParser {

    /** PostgreSQL's limit: catalog.schema.relation. */
    private static final int MAX_NAME_PARTS = 3;

    private LockingParser() {}

    /** One or more locking clauses starting at {@code FOR}. */
    static List<LockingClause> clauses(ExpressionParser p) {
        if (p.peek().isWord("for") && p.peek(1).isWord("read")) {
            p.next();
            p.next();
            p.expectWord("only");
            return List.of();
        }
        List<LockingClause> clauses = new ArrayList<>();
        while (p.peek().isWord("for")) {
            clauses.add(clause(p));
        }
        return List.copyOf(clauses);
    }

    private static LockingClause clause(ExpressionParser p) {
        Token start = p.expectWord("for");
        LockStrength strength;
        if (p.acceptWord("update")) {
            strength = LockStrength.UPDATE;
        } else if (p.acceptWord("share")) {
            strength = LockStrength.SHARE;
        } else if (p.acceptWord("no")) {
            p.expectWord("key");
            p.expectWord("update");
            strength = LockStrength.NO_KEY_UPDATE;
        } else {
            p.expectWord("key");
            p.expectWord("share");
            strength = LockStrength.KEY_SHARE;
        }
        List<LockedRelation> tables = new ArrayList<>();
        if (p.acceptWord("of")) {
            do {
                tables.add(relation(p));
            } while (p.acceptSymbol(","));
        }
        LockWaitPolicy wait = LockWaitPolicy.WAIT;
        if (p.acceptWord("nowait")) {
            wait = LockWaitPolicy.NOWAIT;
        } else if (p.acceptWord("skip")) {
            p.expectWord("locked");
            wait = LockWaitPolicy.SKIP_LOCKED;
        }
        return new LockingClause(strength, List.copyOf(tables), wait, start.offset());
    }

    /** {@code name [. name [. name]]}: any word may follow a dot, as in PostgreSQL. */
    private static LockedRelation relation(ExpressionParser p) {
        Token first = p.peek();
        List<String> parts = new ArrayList<>();
        parts.add(p.colId().name());
        while (p.acceptSymbol(".")) {
            Token part = p.next();
            if (part.kind() != TokenKind.WORD && part.kind() != TokenKind.QUOTED_IDENT) {
                throw p.syntaxError(part);
            }
            parts.add(part.text());
        }
        if (parts.size() > MAX_NAME_PARTS) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "improper qualified name (too many dotted names): " + String.join(".", parts), first.position());
        }
        return new LockedRelation(parts.getLast(), parts.size() > 1, first.offset());
    }
}
