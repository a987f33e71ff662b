package io.shaledb.sql.parser;

import io.shaledb.sql.ast.ConstraintDef;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import java.util.ArrayList;
import java.util.List;

/**
 * Constraint clauses: the column form ({@code x int CONSTRAINT c CHECK (x > 0) REFERENCES p}),
 * the table form ({@code [CONSTRAINT c] {CHECK | UNIQUE | PRIMARY KEY | FOREIGN KEY} ...}) used
 * by CREATE TABLE and ALTER TABLE ... ADD, their attributes ({@code DEFERRABLE}, {@code INITIALLY
 * DEFERRED}, {@code NOT VALID}, {@code NO INHERIT}) and {@code SET CONSTRAINTS}.
 */
final class ConstraintParser {
    private ConstraintParser() {}

    /** Whether a table constraint starts here (in a CREATE TABLE element list or after ADD). */
    static boolean atTableConstraint(Parser p) {
        Token t = p.peek();
        return t.isWord("constraint") || t.isWord("check") || t.isWord("unique") || t.isWord("foreign")
                || (t.isWord("primary") && p.peek(1).isWord("key"));
    }

    /** Whether a column constraint other than PRIMARY KEY / NOT NULL / NULL / DEFAULT starts here. */
    static boolean atColumnConstraint(Parser p) {
        Token t = p.peek();
        return t.isWord("constraint") || t.isWord("check") || t.isWord("unique") || t.isWord("references");
    }

    /** {@code [CONSTRAINT name] {CHECK (e) | UNIQUE (cols) | PRIMARY KEY (cols) | FOREIGN KEY (cols) REFERENCES ...} attrs}. */
    static ConstraintDef tableConstraint(Parser p) {
        int pos = p.peek().offset();
        Ident name = p.acceptWord("constraint") ? p.identifier() : null;
        Token t = p.next();
        Builder b = new Builder(name, pos);
        if (t.isWord("check")) {
            b.type = 'c';
            b.checkPos = p.peek(1).offset();
            b.check = check(p);
        } else if (t.isWord("unique")) {
            b.type = 'u';
            b.columns = columnList(p);
            TableOptionsParser.acceptIndexClauses(p);
        } else if (t.isWord("primary")) {
            p.expectWord("key");
            b.type = 'p';
            b.columns = columnList(p);
            TableOptionsParser.acceptIndexClauses(p);
        } else if (t.isWord("foreign")) {
            p.expectWord("key");
            b.type = 'f';
            b.columns = columnList(p);
            p.expectWord("references");
            references(p, b);
        } else if (t.isWord("exclude")) {
            throw TokenCursor.unsupported(t, "EXCLUDE constraints are not supported yet");
        } else {
            throw p.syntaxError(t);
        }
        attributes(p, b, true);
        return b.build(false);
    }

    /**
     * One column constraint after its column's type: {@code [CONSTRAINT name] {CHECK (e) | UNIQUE |
     * REFERENCES t [(c)] ...} attrs}; PRIMARY KEY, NOT NULL, NULL and DEFAULT stay with
     * {@link Parser#columnDef}. Returns null when {@code CONSTRAINT name} introduces one of those
     * ({@code nameOut[0]} then holds the name).
     */
    static ConstraintDef columnConstraint(Parser p, Ident[] nameOut) {
        int pos = p.peek().offset();
        Ident name = p.acceptWord("constraint") ? p.identifier() : null;
        Token t = p.peek();
        Builder b = new Builder(name, pos);
        if (t.isWord("check")) {
            p.next();
            b.type = 'c';
            b.checkPos = p.peek(1).offset();
            b.check = check(p);
        } else if (t.isWord("unique")) {
            p.next();
            b.type = 'u';
        } else if (t.isWord("references")) {
            p.next();
            b.type = 'f';
            references(p, b);
        } else if (name != null && (t.isWord("primary") || t.isWord("not") || t.isWord("null") || t.isWord("default"))) {
            nameOut[0] = name;
            return null;
        } else {
            throw p.syntaxError(t);
        }
        attributes(p, b, false);
        return b.build(true);
    }

    /**
     * The attributes after a column's {@code PRIMARY KEY} ({@code [NOT] DEFERRABLE}, {@code
     * INITIALLY ...}): {deferrable, deferred}.
     */
    static boolean[] primaryKeyAttributes(Parser p) {
        Builder b = new Builder(null, 0);
        b.type = 'p';
        attributes(p, b, false);
        return new boolean[] {b.deferrable, b.deferred};
    }

    /** {@code SET CONSTRAINTS {ALL | name[, ...]} {DEFERRED | IMMEDIATE}}; the cursor is at SET. */
    static Statement setConstraints(Parser p) {
        p.expectWord("set");
        p.expectWord("constraints");
        List<Ident> names = null;
        if (!p.acceptWord("all")) {
            names = new ArrayList<>();
            do {
                names.add(p.qualifiedName());
            } while (p.acceptSymbol(","));
        }
        boolean deferred;
        if (p.acceptWord("deferred")) {
            deferred = true;
        } else {
            p.expectWord("immediate");
            deferred = false;
        }
        return new Statement.SetConstraints(names == null ? null : List.copyOf(names), deferred);
    }

    private static String check(Parser p) {
        p.expectSymbol("(");
        String text = DdlParser.defaultText(p);
        p.expectSymbol(")");
        return text;
    }

    private static List<Ident> columnList(Parser p) {
        p.expectSymbol("(");
        List<Ident> cols = new ArrayList<>();
        do {
            cols.add(p.identifier());
        } while (p.acceptSymbol(","));
        p.expectSymbol(")");
        return cols;
    }

    /** After REFERENCES: {@code table [(cols)] [MATCH {FULL | SIMPLE}] [ON DELETE action] [ON UPDATE action]}. */
    private static void references(Parser p, Builder b) {
        b.refTable = p.qualifiedName();
        if (p.peek().isSymbol("(")) {
            b.refColumns = columnList(p);
        }
        while (true) {
            Token t = p.peek();
            if (t.isWord("match")) {
                p.next();
                Token m = p.next();
                if (m.isWord("full")) {
                    b.match = 'f';
                } else if (m.isWord("simple")) {
                    b.match = 's';
                } else if (m.isWord("partial")) {
                    throw TokenCursor.unsupported(m, "MATCH PARTIAL not yet implemented");
                } else {
                    throw p.syntaxError(m);
                }
            } else if (t.isWord("on") && (p.peek(1).isWord("delete") || p.peek(1).isWord("update"))) {
                p.next();
                boolean delete = p.next().isWord("delete");
                Token a = p.next();
                char action;
                if (a.isWord("cascade")) {
                    action = 'c';
                } else if (a.isWord("restrict")) {
                    action = 'r';
                } else if (a.isWord("no")) {
                    p.expectWord("action");
                    action = 'a';
                } else if (a.isWord("set")) {
                    Token what = p.next();
                    if (what.isWord("null")) {
                        action = 'n';
                    } else if (what.isWord("default")) {
                        action = 'd';
                    } else {
                        throw p.syntaxError(what);
                    }
                    if (p.peek().isSymbol("(")) {
                        if (!delete) {
                            throw TokenCursor.unsupported(p.peek(), "a column list with SET " + what.text().toUpperCase(java.util.Locale.ROOT)
                                    + " is only supported for ON DELETE actions");
                        }
                        b.setColumns = columnList(p);
                    }
                } else {
                    throw p.syntaxError(a);
                }
                if (delete) {
                    b.onDelete = action;
                } else {
                    b.onUpdate = action;
                }
            } else {
                return;
            }
        }
    }

    /** {@code [NOT] DEFERRABLE}, {@code INITIALLY {DEFERRED | IMMEDIATE}}, {@code NOT VALID}, {@code NO INHERIT}. */
    private static void attributes(Parser p, Builder b, boolean tableLevel) {
        while (true) {
            Token t = p.peek();
            if (t.isWord("deferrable")) {
                p.next();
                b.deferrable = true;
            } else if (t.isWord("not") && p.peek(1).isWord("deferrable")) {
                p.next();
                p.next();
                b.deferrable = false;
            } else if (t.isWord("initially")) {
                p.next();
                Token w = p.next();
                if (w.isWord("deferred")) {
                    b.deferred = true;
                    b.deferrable = true;
                } else if (!w.isWord("immediate")) {
                    throw p.syntaxError(w);
                }
            } else if (tableLevel && t.isWord("not") && p.peek(1).isWord("valid")) {
                p.next();
                p.next();
                b.notValid = true;
            } else if (b.type == 'c' && t.isWord("no") && p.peek(1).isWord("inherit")) {
                p.next();
                p.next();
                b.noInherit = true;
            } else {
                return;
            }
        }
    }

    /** The parts of one constraint while it is parsed. */
    private static final class Builder {
        final Ident name;
        final int pos;
        char type;
        String check;
        int checkPos;
        List<Ident> columns = List.of();
        Ident refTable;
        List<Ident> refColumns = List.of();
        char match = 's';
        char onUpdate = 'a';
        char onDelete = 'a';
        List<Ident> setColumns = List.of();
        boolean deferrable;
        boolean deferred;
        boolean notValid;
        boolean noInherit;

        Builder(Ident name, int pos) {
            this.name = name;
            this.pos = pos;
        }

        ConstraintDef build(boolean columnLevel) {
            boolean fk = type == 'f';
            return new ConstraintDef(name, type, columns, check, refTable, refColumns, fk ? match : 0, fk ? onUpdate : 0,
                    fk ? onDelete : 0, setColumns, deferrable, deferred, notValid, noInherit, columnLevel, pos, checkPos);
        }
    }
}
