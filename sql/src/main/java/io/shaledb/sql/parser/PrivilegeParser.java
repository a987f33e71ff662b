package io.shaledb.sql.parser;

import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GRANT / REVOKE (privileges on tables and schemas, or role membership), {@code ALTER
 * TABLE|VIEW|SEQUENCE|SCHEMA ... OWNER TO}, {@code SET ROLE}, {@code SET SESSION AUTHORIZATION} and
 * their RESETs, in PostgreSQL's grammar.
 */
final class PrivilegeParser {
    private static final Set<String> PRIVILEGES = Set.of("select", "insert", "update", "delete", "truncate",
            "references", "trigger", "usage", "create", "all", "temporary", "temp", "connect", "execute");

    private PrivilegeParser() {}

    /** Whether the cursor is at GRANT, REVOKE, SET/RESET ROLE, SET/RESET SESSION AUTHORIZATION or ... OWNER TO. */
    static boolean at(Parser p) {
        Token t = p.peek();
        if (t.isWord("grant") || t.isWord("revoke")) {
            return true;
        }
        if (t.isWord("set") || t.isWord("reset")) {
            return p.peek(1).isWord("role") && !p.peek(2).isWord("to") && !p.peek(2).isSymbol("=")
                    || p.peek(1).isWord("session") && p.peek(2).isWord("authorization")
                    || t.isWord("set") && p.peek(1).isWord("session") && p.peek(2).isWord("role");
        }
        if (t.isWord("alter") && Set.of("table", "view", "sequence", "schema").contains(p.peek(1).text().toLowerCase(Locale.ROOT))
                && p.peek(1).kind() == TokenKind.WORD) {
            int i = 2;
            if (p.peek(i).isWord("if") && p.peek(i + 1).isWord("exists")) {
                return false; // ALTER TABLE IF EXISTS ... OWNER TO: not supported, let the DDL parser report it
            }
            i++; // the name
            if (p.peek(i).isSymbol(".")) {
                i += 2;
            }
            return p.peek(i).isWord("owner") && p.peek(i + 1).isWord("to");
        }
        return false;
    }

    static Statement statement(Parser p) {
        Token t = p.next();
        if (t.isWord("grant") || t.isWord("revoke")) {
            return grant(p, t.isWord("grant"), t.offset());
        }
        if (t.isWord("alter")) {
            String type = p.next().text().toLowerCase(Locale.ROOT);
            Ident name = type.equals("schema") ? p.identifier() : p.qualifiedName();
            p.expectWord("owner");
            p.expectWord("to");
            return new Statement.AlterOwner(type, name, roleSpec(p));
        }
        boolean reset = t.isWord("reset");
        p.acceptWord("session");
        if (p.acceptWord("role")) {
            if (reset || p.acceptWord("none")) {
                return new Statement.SetRole(null, false, reset);
            }
            return new Statement.SetRole(roleName(p), false, false);
        }
        p.expectWord("authorization");
        if (reset || p.acceptWord("default")) {
            return new Statement.SetRole(null, true, reset);
        }
        return new Statement.SetRole(roleName(p), true, false);
    }

    private static Statement grant(Parser p, boolean grant, int pos) {
        boolean optionFor = false;
        if (!grant && (p.peek().isWord("grant") || p.peek().isWord("admin")) && p.peek(1).isWord("option")
                && p.peek(2).isWord("for")) {
            p.next();
            p.next();
            p.next();
            optionFor = true;
        }
        // privilege names, or role names for GRANT role TO role
        List<Ident> words = new ArrayList<>();
        do {
            Token w = p.peek();
            if (w.isWord("all")) {
                p.next();
                p.acceptWord("privileges");
                words.add(new Ident("all", w.offset()));
            } else if (w.kind() == TokenKind.WORD && PRIVILEGES.contains(w.text().toLowerCase(Locale.ROOT))) {
                p.next();
                words.add(new Ident(w.text().toLowerCase(Locale.ROOT), w.offset()));
            } else {
                words.add(p.identifier());
            }
            if (p.peek().isSymbol("(")) {
                throw Parser.unsupported(p.peek(), "column privileges are not supported yet");
            }
        } while (p.acceptSymbol(","));
        if (!p.peek().isWord("on")) {
            p.expectWord(grant ? "to" : "from");
            List<Ident> members = grantees(p);
            boolean admin = false;
            if (grant && p.acceptWord("with")) {
                p.expectWord("admin");
                p.expectWord("option");
                admin = true;
            }
            boolean cascade = !grant && cascade(p);
            return new Statement.GrantRole(grant, List.copyOf(words), members, grant ? admin : optionFor, cascade);
        }
        p.expectWord("on");
        char type;
        List<Ident> objects = new ArrayList<>();
        if (p.acceptWord("all")) {
            if (!p.acceptWord("tables")) {
                throw Parser.unsupported(p.peek(), "GRANT ON ALL " + p.peek().text().toUpperCase(Locale.ROOT) + " is not supported yet");
            }
            p.expectWord("in");
            p.expectWord("schema");
            type = 'a';
            do {
                objects.add(p.identifier());
            } while (p.acceptSymbol(","));
        } else if (p.acceptWord("sequence")) {
            type = 'S';
            do {
                objects.add(p.qualifiedName());
            } while (p.acceptSymbol(","));
        } else if (p.acceptWord("schema")) {
            type = 'n';
            do {
                objects.add(p.identifier());
            } while (p.acceptSymbol(","));
        } else {
            Token kw = p.peek();
            if (kw.isWord("function") || kw.isWord("database") || kw.isWord("procedure")
                    || kw.isWord("routine") || kw.isWord("language") || kw.isWord("type") || kw.isWord("domain")
                    || kw.isWord("tablespace") || kw.isWord("foreign") || kw.isWord("large")) {
                throw Parser.unsupported(kw, "GRANT ON " + kw.text().toUpperCase(Locale.ROOT) + " is not supported yet");
            }
            p.acceptWord("table");
            type = 't';
            do {
                objects.add(p.qualifiedName());
            } while (p.acceptSymbol(","));
        }
        p.expectWord(grant ? "to" : "from");
        List<Ident> grantees = grantees(p);
        boolean withOption = optionFor;
        if (grant && p.acceptWord("with")) {
            p.expectWord("grant");
            p.expectWord("option");
            withOption = true;
        }
        if (p.acceptWord("granted")) {
            p.expectWord("by");
            roleSpec(p); // PostgreSQL allows only the current user here; the grantor is derived anyway
        }
        boolean cascade = !grant && cascade(p);
        List<String> privileges = words.stream().map(w -> {
            if (!PRIVILEGES.contains(w.name())) {
                throw new io.shaledb.sql.SqlException(io.shaledb.sql.SqlState.SYNTAX_ERROR,
                        "unrecognized privilege type \"" + w.name() + "\"", w.pos() + 1);
            }
            return w.name();
        }).toList();
        return new Statement.GrantPrivileges(grant, privileges, type, List.copyOf(objects), grantees, withOption, cascade, pos);
    }

    private static boolean cascade(Parser p) {
        if (p.acceptWord("cascade")) {
            return true;
        }
        p.acceptWord("restrict");
        return false;
    }

    /** {@code grantee [, ...]}: [GROUP] role, PUBLIC (as null), CURRENT_USER, SESSION_USER. */
    private static List<Ident> grantees(Parser p) {
        List<Ident> out = new ArrayList<>();
        do {
            p.acceptWord("group");
            Token t = p.peek();
            if (t.kind() == TokenKind.WORD && t.text().equalsIgnoreCase("public")) {
                p.next();
                out.add(null);
            } else {
                out.add(roleSpec(p));
            }
        } while (p.acceptSymbol(","));
        return java.util.Collections.unmodifiableList(out);
    }

    /** A role name, or CURRENT_USER / CURRENT_ROLE / SESSION_USER kept as such (the executor substitutes them). */
    private static Ident roleSpec(Parser p) {
        Token t = p.peek();
        if (t.kind() == TokenKind.WORD && Set.of("current_user", "current_role", "session_user").contains(t.text())) {
            p.next();
            return new Ident("\0" + t.text(), t.offset());
        }
        return p.identifier();
    }

    /** A role name in SET ROLE / SESSION AUTHORIZATION: an identifier or a string literal. */
    private static Ident roleName(Parser p) {
        Token t = p.peek();
        if (t.kind() == TokenKind.STRING) {
            p.next();
            return new Ident(t.text(), t.offset());
        }
        return p.identifier();
    }
}
