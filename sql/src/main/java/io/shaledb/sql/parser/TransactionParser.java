package io.shaledb.sql.parser;

import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.TransactionMode;
import io.shaledb.txn.IsolationLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * The transaction statements, following PostgreSQL's grammar word for word:
 *
 * <pre>
 *   BEGIN [WORK | TRANSACTION] [modes]        START TRANSACTION [modes]
 *   COMMIT | END [WORK | TRANSACTION] [AND [NO] CHAIN]
 *   ROLLBACK | ABORT [WORK | TRANSACTION] [AND [NO] CHAIN]
 *   ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name
 *   SAVEPOINT name          RELEASE [SAVEPOINT] name
 *   SET [SESSION | LOCAL] TRANSACTION modes   SET SESSION CHARACTERISTICS AS TRANSACTION modes
 *
 *   modes = mode { [,] mode }
 *   mode  = ISOLATION LEVEL { SERIALIZABLE | REPEATABLE READ | READ COMMITTED | READ UNCOMMITTED }
 *         | READ WRITE | READ ONLY | [NOT] DEFERRABLE
 * </pre>
 *
 * A static helper over the statement parser's token cursor, so {@link Parser} stays about
 * queries and tables.
 */
final class TransactionParser {

    private TransactionParser() {}

    /** Parses the transaction statement at the cursor (its first word decided that it is one). */
    static Statement statement(ExpressionParser p) {
        Token t = p.next();
        return switch (t.text()) {
            case "begin" -> {
                optTransaction(p);
                yield new Statement.Begin(modes(p, false), false);
            }
            case "start" -> {
                p.expectWord("transaction");
                yield new Statement.Begin(modes(p, false), true);
            }
            case "commit", "end" -> {
                if (t.isWord("commit") && p.peek().isWord("prepared")) {
                    throw TokenCursor.unsupported(t, "COMMIT PREPARED is not supported");
                }
                optTransaction(p);
                yield new Statement.Commit(optChain(p));
            }
            case "rollback", "abort" -> rollback(p, t);
            case "savepoint" -> new Statement.Savepoint(p.colId());
            case "release" -> {
                skipSavepointKeyword(p);
                yield new Statement.ReleaseSavepoint(p.colId());
            }
            case "prepare" -> throw TokenCursor.unsupported(t, "PREPARE TRANSACTION is not supported");
            default -> throw new IllegalStateException("not a transaction statement: " + t.text());
        };
    }

    private static Statement rollback(ExpressionParser p, Token t) {
        if (t.isWord("rollback") && p.peek().isWord("prepared")) {
            throw TokenCursor.unsupported(t, "ROLLBACK PREPARED is not supported");
        }
        optTransaction(p);
        if (t.isWord("rollback") && p.acceptWord("to")) {
            skipSavepointKeyword(p);
            return new Statement.RollbackToSavepoint(p.colId());
        }
        return new Statement.Rollback(optChain(p));
    }

    /** True at {@code SESSION CHARACTERISTICS AS}. */
    static boolean atSessionCharacteristics(ExpressionParser p) {
        return p.peek().isWord("session") && p.peek(1).isWord("characteristics") && p.peek(2).isWord("as");
    }

    /** {@code SESSION CHARACTERISTICS AS TRANSACTION modes}, after SET [SESSION]. */
    static Statement setSessionCharacteristics(ExpressionParser p) {
        p.expectWord("session");
        p.expectWord("characteristics");
        p.expectWord("as");
        p.expectWord("transaction");
        return new Statement.SetSessionCharacteristics(modes(p, true));
    }

    /** {@code TRANSACTION modes}, after SET [SESSION | LOCAL]. */
    static Statement setTransaction(ExpressionParser p) {
        p.expectWord("transaction");
        if (p.peek().isWord("snapshot")) {
            throw TokenCursor.unsupported(p.peek(), "SET TRANSACTION SNAPSHOT is not supported");
        }
        return new Statement.SetTransaction(modes(p, true));
    }

    private static void optTransaction(ExpressionParser p) {
        if (!p.acceptWord("work")) {
            p.acceptWord("transaction");
        }
    }

    /** {@code [AND [NO] CHAIN]}: true for AND CHAIN. */
    private static boolean optChain(ExpressionParser p) {
        if (!p.acceptWord("and")) {
            return false;
        }
        boolean no = p.acceptWord("no");
        p.expectWord("chain");
        return !no;
    }

    /**
     * {@code SAVEPOINT} before a savepoint name is optional, and is itself a valid name: in
     * {@code RELEASE savepoint} it is the name, in {@code RELEASE savepoint s} the keyword.
     */
    private static void skipSavepointKeyword(ExpressionParser p) {
        Token after = p.peek(1);
        if (p.peek().isWord("savepoint") && (after.kind() == TokenKind.WORD || after.kind() == TokenKind.QUOTED_IDENT)) {
            p.next();
        }
    }

    /** A mode list; when not {@code required} it may be empty. Modes are separated by commas or just blanks. */
    static List<TransactionMode> modes(ExpressionParser p, boolean required) {
        List<TransactionMode> modes = new ArrayList<>();
        if (!required && !startsMode(p.peek())) {
            return List.of();
        }
        modes.add(mode(p));
        while (true) {
            if (p.acceptSymbol(",")) {
                modes.add(mode(p));
            } else if (startsMode(p.peek())) {
                modes.add(mode(p));
            } else {
                return List.copyOf(modes);
            }
        }
    }

    private static boolean startsMode(Token t) {
        return t.isWord("isolation") || t.isWord("read") || t.isWord("deferrable") || t.isWord("not");
    }

    private static TransactionMode mode(ExpressionParser p) {
        Token t = p.peek();
        if (p.acceptWord("isolation")) {
            p.expectWord("level");
            return new TransactionMode.Isolation(isolationLevel(p));
        }
        if (p.acceptWord("read")) {
            if (p.acceptWord("only")) {
                return new TransactionMode.ReadOnly(true);
            }
            p.expectWord("write");
            return new TransactionMode.ReadOnly(false);
        }
        if (p.acceptWord("deferrable")) {
            return new TransactionMode.Deferrable(true);
        }
        if (p.acceptWord("not")) {
            p.expectWord("deferrable");
            return new TransactionMode.Deferrable(false);
        }
        throw p.syntaxError(t);
    }

    private static IsolationLevel isolationLevel(ExpressionParser p) {
        if (p.acceptWord("serializable")) {
            return IsolationLevel.SERIALIZABLE;
        }
        if (p.acceptWord("repeatable")) {
            p.expectWord("read");
            return IsolationLevel.REPEATABLE_READ;
        }
        p.expectWord("read");
        if (p.acceptWord("committed")) {
            return IsolationLevel.READ_COMMITTED;
        }
        p.expectWord("uncommitted");
        return IsolationLevel.READ_UNCOMMITTED;
    }
}
