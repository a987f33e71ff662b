package io.shaledb.sql.parser;

import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.RoleOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CREATE ROLE / USER, ALTER ROLE / USER and DROP ROLE / USER, with PostgreSQL's role options. */
final class RoleParser {
    private RoleParser() {}

    /** Whether the cursor is at {@code CREATE|ALTER|DROP ROLE|USER}. */
    static boolean atRoleStatement(Parser p) {
        Token verb = p.peek();
        Token what = p.peek(1);
        return (verb.isWord("create") || verb.isWord("alter") || verb.isWord("drop"))
                && (what.isWord("role") || (what.isWord("user") && !p.peek(2).isWord("mapping")));
    }

    static Statement statement(Parser p) {
        Token verb = p.next();
        boolean user = p.next().isWord("user");
        if (verb.isWord("drop")) {
            boolean ifExists = p.acceptIfExists();
            List<Ident> names = new ArrayList<>();
            do {
                names.add(p.identifier());
            } while (p.acceptSymbol(","));
            return new Statement.DropRole(List.copyOf(names), ifExists);
        }
        Ident name = p.identifier();
        if (verb.isWord("alter") && p.acceptWord("rename")) {
            p.expectWord("to");
            return new Statement.AlterRole(name, List.of(), p.identifier());
        }
        if (verb.isWord("alter") && (p.peek().isWord("set") || p.peek().isWord("reset") || p.peek().isWord("in"))) {
            throw Parser.unsupported(p.peek(), "ALTER ROLE ... " + p.peek().text().toUpperCase(Locale.ROOT) + " is not supported yet");
        }
        p.acceptWord("with");
        List<RoleOption> options = new ArrayList<>();
        while (p.peek().kind() == TokenKind.WORD && !p.peek().isSymbol(";")) {
            options.add(option(p));
        }
        return verb.isWord("create") ? new Statement.CreateRole(name, user, List.copyOf(options))
                : new Statement.AlterRole(name, List.copyOf(options), null);
    }

    private static RoleOption option(Parser p) {
        Token t = p.next();
        String word = t.text().toLowerCase(Locale.ROOT);
        int pos = t.offset();
        switch (word) {
            case "superuser", "login", "createdb", "createrole", "inherit", "replication", "bypassrls" -> {
                return new RoleOption(word, Boolean.TRUE, pos);
            }
            case "nosuperuser", "nologin", "nocreatedb", "nocreaterole", "noinherit", "noreplication", "nobypassrls" -> {
                return new RoleOption(word.substring(2), Boolean.FALSE, pos);
            }
            case "encrypted", "password" -> {
                if (word.equals("encrypted")) {
                    p.expectWord("password");
                }
                if (p.acceptWord("null")) {
                    return new RoleOption("password", null, pos);
                }
                return new RoleOption("password", string(p), pos);
            }
            case "valid" -> {
                p.expectWord("until");
                return new RoleOption("valid_until", string(p), pos);
            }
            case "connection" -> {
                p.expectWord("limit");
                boolean negative = p.acceptSymbol("-");
                Token n = p.next();
                if (n.kind() != TokenKind.INTEGER) {
                    throw p.syntaxError(n);
                }
                int limit = Integer.parseInt(n.text());
                return new RoleOption("connection_limit", negative ? -limit : limit, pos);
            }
            case "in", "role", "admin", "user", "sysid" ->
                    throw Parser.unsupported(t, "role option " + word.toUpperCase(Locale.ROOT) + " is not supported yet");
            default -> throw p.syntaxError(t);
        }
    }

    private static String string(Parser p) {
        Token s = p.next();
        if (s.kind() != TokenKind.STRING) {
            throw p.syntaxError(s);
        }
        return s.text();
    }
}
