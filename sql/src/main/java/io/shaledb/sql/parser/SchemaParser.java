package io.shaledb.sql.parser;

import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import java.util.ArrayList;
import java.util.List;

/** CREATE SCHEMA, DROP SCHEMA and ALTER SCHEMA ... RENAME TO. */
final class SchemaParser {
    private SchemaParser() {}

    /** {@code SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]}; the cursor is past CREATE. */
    static Statement create(Parser p) {
        p.expectWord("schema");
        boolean ifNotExists = false;
        if (p.peek().isWord("if") && p.peek(1).isWord("not")) {
            p.next();
            p.next();
            p.expectWord("exists");
            ifNotExists = true;
        }
        Ident name;
        if (p.peek().isWord("authorization")) {
            p.next();
            name = p.identifier(); // CREATE SCHEMA AUTHORIZATION role: the schema is named after the role
        } else {
            name = p.identifier();
            if (p.acceptWord("authorization")) {
                p.identifier();
            }
        }
        if (p.peek().isWord("create") || p.peek().isWord("grant")) {
            throw Parser.unsupported(p.peek(), "schema elements in CREATE SCHEMA are not supported yet");
        }
        return new Statement.CreateSchema(name, ifNotExists);
    }

    /** {@code SCHEMA [IF EXISTS] name[, ...] [CASCADE | RESTRICT]}; the cursor is past DROP. */
    static Statement drop(Parser p) {
        p.expectWord("schema");
        boolean ifExists = false;
        if (p.peek().isWord("if")) {
            p.next();
            p.expectWord("exists");
            ifExists = true;
        }
        List<Ident> names = new ArrayList<>();
        do {
            names.add(p.identifier());
        } while (p.acceptSymbol(","));
        boolean cascade = false;
        if (!p.acceptWord("restrict")) {
            cascade = p.acceptWord("cascade");
        }
        return new Statement.DropSchema(List.copyOf(names), ifExists, cascade);
    }

    /** {@code ALTER SCHEMA name RENAME TO new}. */
    static Statement alter(Parser p) {
        p.expectWord("alter");
        p.expectWord("schema");
        Ident name = p.identifier();
        if (!p.peek().isWord("rename")) {
            throw Parser.unsupported(p.peek(), "ALTER SCHEMA " + p.peek().text().toUpperCase(java.util.Locale.ROOT)
                    + " is not supported yet");
        }
        p.next();
        p.expectWord("to");
        return new Statement.RenameSchema(name, p.identifier());
    }
}
