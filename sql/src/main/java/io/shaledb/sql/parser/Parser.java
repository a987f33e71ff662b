package io.shaledb.sql.parser;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.TableRef;
import io.shaledb.sql.ast.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for ShaleDB's SQL dialect (a subset of PostgreSQL's): statements
 * here, expressions in {@link ExpressionParser}, tokens in {@link TokenCursor}.
 */
public final class Parser extends QueryParser {

    private Parser(String sql) {
        super(sql);
    }

    /** Parses every statement of a query string; empty statements between semicolons are skipped. */
    public static List<Statement> parse(String sql) {
        return parse(sql, null);
    }

    /**
     * Parses the statements of {@code sql} with {@code params} claiming the names of a procedural
     * language's variables (see {@link ParamResolver}).
     */
    public static List<Statement> parse(String sql, ParamResolver params) {
        Parser p = new Parser(sql);
        p.params = params;
        List<Statement> out = new ArrayList<>();
        while (true) {
            while (p.acceptSymbol(";")) {
                // empty statement
            }
            if (p.peek().kind() == TokenKind.EOF) {
                return out;
            }
            out.add(p.statement());
            if (!p.acceptSymbol(";") && p.peek().kind() != TokenKind.EOF) {
                throw p.syntaxError(p.peek());
            }
        }
    }

    /** Parses a type name as written in a declaration (e.g. {@code varchar(10)}, {@code timestamp with time zone}). */
    public static TypeName parseTypeName(String sql) {
        Parser p = new Parser(sql);
        TypeName t = p.typeName();
        if (p.peek().kind() != TokenKind.EOF) {
            throw p.syntaxError(p.peek());
        }
        return t;
    }

    /** Parses one query (a view's stored text). */
    public static Query parseQuery(String sql) {
        Parser p = new Parser(sql);
        Query q = p.query();
        p.acceptSymbol(";");
        if (p.peek().kind() != TokenKind.EOF) {
            throw p.syntaxError(p.peek());
        }
        return q;
    }

    /** Parses a single expression (for tests and tools). */
    public static Expr parseExpression(String sql) {
        Parser p = new Parser(sql);
        Expr e = p.expr();
        if (p.peek().kind() != TokenKind.EOF) {
            throw p.syntaxError(p.peek());
        }
        return e;
    }

    // ---------------------------------------------------------------- statements

    private Statement statement() {
        Token t = peek();
        if (t.isWord("select") || t.isWord("with") || t.isWord("values") || t.isSymbol("(") || t.isWord("table")) {
            Query q = query();
            return q instanceof Statement.Select s ? s : new Statement.QueryStatement(q);
        }
        if (t.isWord("insert")) {
            return insert();
        }
        if (t.isWord("update")) {
            return update();
        }
        if (t.isWord("delete")) {
            return delete();
        }
        if (t.isWord("explain")) {
            return ExplainParser.explain(this, this::statement);
        }
        if (PrivilegeParser.at(this)) {
            return PrivilegeParser.statement(this);
        }
        if (RoleParser.atRoleStatement(this)) {
            return RoleParser.statement(this);
        }
        if (t.isWord("create")) {
            return create();
        }
        if (t.isWord("drop")) {
            return drop();
        }
        if (t.isWord("set")) {
            return set();
        }
        if (t.isWord("show")) {
            next();
            return new Statement.ShowParameter(acceptWord("all") ? null : parameterName());
        }
        if (t.isWord("reset")) {
            next();
            return new Statement.ResetParameter(acceptWord("all") ? null : parameterName());
        }
        if (t.isWord("begin") || t.isWord("start") || t.isWord("commit") || t.isWord("end") || t.isWord("rollback")
                || t.isWord("abort") || t.isWord("savepoint") || t.isWord("release")
                || (t.isWord("prepare") && peek(1).isWord("transaction"))) {
            return TransactionParser.statement(this);
        }
        if (t.isWord("vacuum")) {
            return VacuumParser.vacuum(this);
        }
        if (t.isWord("analyze") || t.isWord("analyse")) {
            return VacuumParser.analyze(this);
        }
        if (t.isWord("alter") && peek(1).isWord("schema")) {
            return SchemaParser.alter(this);
        }
        if (RoutineParser.atEnableTrigger(this)) {
            return RoutineParser.enableTrigger(this);
        }
        if (t.isWord("alter")) {
            return DdlParser.alter(this);
        }
        if (t.isWord("truncate")) {
            return DdlParser.truncate(this);
        }
        if (t.isWord("reindex")) {
            return DdlParser.reindex(this);
        }
        if (t.isWord("copy")) {
            return CopyParser.copy(this, this::query);
        }
        if (t.kind() == TokenKind.WORD && Set.of("explain", "analyze")
                .contains(t.text())) {
            throw unsupported(t, t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        throw syntaxError(t);
    }

    /** {@code SET [SESSION] name {TO | =} {value [, ...] | DEFAULT}} and {@code SET TIME ZONE value}. */
    private Statement set() {
        if (peek(1).isWord("constraints")) {
            return ConstraintParser.setConstraints(this);
        }
        expectWord("set");
        if (TransactionParser.atSessionCharacteristics(this)) {
            return TransactionParser.setSessionCharacteristics(this);
        }
        // SET [LOCAL | SESSION] ...; "SET session = 1" names a parameter called session.
        Token scope = peek();
        boolean local = false;
        if ((scope.isWord("local") || scope.isWord("session")) && !peek(1).isWord("to") && !peek(1).isSymbol("=")) {
            local = next().isWord("local");
        }
        if (peek().isWord("transaction") && !peek(1).isWord("to") && !peek(1).isSymbol("=")) {
            // SET LOCAL TRANSACTION is SET TRANSACTION: the characteristics live for one transaction anyway.
            return TransactionParser.setTransaction(this);
        }
        if (TransactionParser.atSessionCharacteristics(this)) {
            if (local) {
                throw unsupported(scope, "SET LOCAL SESSION CHARACTERISTICS is not supported");
            }
            // SET SESSION SESSION CHARACTERISTICS AS TRANSACTION ...
            return TransactionParser.setSessionCharacteristics(this);
        }
        Ident name;
        if (peek().isWord("time") && peek(1).isWord("zone")) {
            name = new Ident("timezone", next().offset());
            next();
        } else {
            name = parameterName();
            if (!acceptWord("to") && !acceptSymbol("=")) {
                throw syntaxError(peek());
            }
        }
        Statement.SetParameter set;
        if (acceptWord("default") || (name.name().equals("timezone") && acceptWord("local"))) {
            set = new Statement.SetParameter(name, null);
        } else {
            List<String> values = new ArrayList<>();
            do {
                values.add(parameterValue());
            } while (acceptSymbol(","));
            set = new Statement.SetParameter(name, values);
        }
        return local ? new Statement.SetLocalParameter(set) : set;
    }

    /** A parameter name: a (possibly dotted) identifier, folded to lower case unless quoted. */
    private Ident parameterName() {
        Token t = next();
        if (t.kind() != TokenKind.WORD && t.kind() != TokenKind.QUOTED_IDENT) {
            throw syntaxError(t);
        }
        StringBuilder name = new StringBuilder(t.text());
        while (peek().isSymbol(".")) {
            next();
            Token part = next();
            if (part.kind() != TokenKind.WORD && part.kind() != TokenKind.QUOTED_IDENT) {
                throw syntaxError(part);
            }
            name.append('.').append(part.text());
        }
        return new Ident(name.toString(), t.offset());
    }

    /** One value of a SET list: a word, quoted identifier, string or (signed) number, as text. */
    private String parameterValue() {
        Token t = next();
        return switch (t.kind()) {
            case WORD, STRING, INTEGER, DECIMAL -> t.text();
            case QUOTED_IDENT -> t.text().matches("[a-z_][a-z0-9_$]*") ? t.text() : '"' + t.text().replace("\"", "\"\"") + '"';
            case SYMBOL -> {
                if ((t.isSymbol("-") || t.isSymbol("+"))
                        && (peek().kind() == TokenKind.INTEGER || peek().kind() == TokenKind.DECIMAL)) {
                    yield (t.isSymbol("-") ? "-" : "") + next().text();
                }
                throw syntaxError(t);
            }
            case EOF, PARAM -> throw syntaxError(t);
        };
    }

    private Statement create() {
        expectWord("create");
        Token t = peek();
        if (RoutineParser.atCreate(this)) {
            return RoutineParser.create(this);
        }
        if (t.isWord("view") || (t.isWord("or") && peek(1).isWord("replace"))) {
            return createView();
        }
        if (t.isWord("sequence")) {
            return DdlParser.createSequence(this);
        }
        if (t.isWord("schema")) {
            return SchemaParser.create(this);
        }
        if (t.isWord("index") || (t.isWord("unique") && peek(1).isWord("index"))) {
            return DdlParser.createIndex(this);
        }
        TableOptionsParser.acceptUnlogged(this);
        t = peek();
        if (!t.isWord("table")) {
            if (t.isWord("index") || t.isWord("unique") || t.isWord("view") || t.isWord("sequence")
                    || t.isWord("schema") || t.isWord("database") || t.isWord("temp") || t.isWord("temporary")) {
                throw unsupported(t, "CREATE " + t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
            }
            throw syntaxError(t);
        }
        next();
        boolean ifNotExists = acceptIfNotExists();
        Ident name = qualifiedName();
        expectSymbol("(");
        List<Statement.ColumnDef> columns = new ArrayList<>();
        List<io.shaledb.sql.ast.ConstraintDef> constraints = new ArrayList<>();
        List<Ident> pk = null;
        int pkPos = -1;
        if (!peek().isSymbol(")")) {
            do {
                Token c = peek();
                if (ConstraintParser.atTableConstraint(this) && !(c.isWord("primary") && peek(1).isWord("key")
                        && !peek(2).isSymbol("("))) {
                    io.shaledb.sql.ast.ConstraintDef k = ConstraintParser.tableConstraint(this);
                    if (k.type() == 'p') {
                        if (pk != null) {
                            throw multiplePrimaryKeys(name, c.offset());
                        }
                        pk = k.columns();
                        pkPos = c.offset();
                    }
                    constraints.add(k);
                } else if (c.isWord("primary")) {
                    if (pk != null) {
                        throw multiplePrimaryKeys(name, c.offset());
                    }
                    next();
                    expectWord("key");
                    pkPos = c.offset();
                    expectSymbol("(");
                    pk = new ArrayList<>();
                    do {
                        pk.add(identifier());
                    } while (acceptSymbol(","));
                    expectSymbol(")");
                } else if (c.isWord("exclude") || c.isWord("like")) {
                    throw unsupported(c, "table constraint " + c.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
                } else {
                    Statement.ColumnDef cd = columnDef(name);
                    if (cd.primaryKey()) {
                        if (pk != null) {
                            throw multiplePrimaryKeys(name, cd.primaryKeyPos());
                        }
                        pk = List.of(cd.name());
                        pkPos = cd.primaryKeyPos();
                    }
                    columns.add(cd);
                    constraints.addAll(cd.constraints());
                }
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        Ident using = acceptWord("using") ? identifier() : null;
        TableOptionsParser.acceptStorageClauses(this);
        return new Statement.CreateTable(name, ifNotExists, columns, pk == null ? List.of() : List.copyOf(pk), pkPos, using,
                List.copyOf(constraints));
    }

    private static SqlException multiplePrimaryKeys(Ident table, int offset) {
        return new SqlException(SqlState.INVALID_TABLE_DEFINITION,
                "multiple primary keys for table \"" + table.name() + "\" are not allowed", offset + 1);
    }

    /** A column definition; {@code table} names the table in errors (null in ALTER TABLE ... ADD). */
    Statement.ColumnDef columnDef(Ident table) {
        Ident name = identifier();
        TypeName type = typeName();
        boolean primaryKey = false;
        int primaryKeyPos = -1;
        boolean notNull = false;
        String defaultExpr = null;
        char identity = 0;
        List<io.shaledb.sql.ast.ConstraintDef> constraints = new ArrayList<>();
        Ident[] constraintName = new Ident[1];
        while (true) {
            Token t = peek();
            if (ConstraintParser.atColumnConstraint(this)) {
                io.shaledb.sql.ast.ConstraintDef k = ConstraintParser.columnConstraint(this, constraintName);
                if (k != null) {
                    constraints.add(k.onColumn(name));
                }
                continue; // "CONSTRAINT n PRIMARY KEY / NOT NULL ...": the name applies to what follows
            }
            if (t.isWord("primary")) {
                if (primaryKey) {
                    throw multiplePrimaryKeys(table, t.offset());
                }
                next();
                expectWord("key");
                primaryKey = true;
                primaryKeyPos = t.offset();
                boolean[] deferrable = ConstraintParser.primaryKeyAttributes(this); // PRIMARY KEY DEFERRABLE ...
                if (constraintName[0] != null || deferrable[0]) {
                    constraints.add(new io.shaledb.sql.ast.ConstraintDef(constraintName[0], 'p', List.of(name), null, null,
                            List.of(), (char) 0, (char) 0, (char) 0, List.of(), deferrable[0], deferrable[1], false, false, true,
                            t.offset(), 0));
                }
            } else if (t.isWord("not")) {
                next();
                expectWord("null");
                notNull = true;
            } else if (t.isWord("null")) {
                next();
            } else if (t.isWord("default")) {
                next();
                defaultExpr = DdlParser.defaultText(this);
            } else if (t.isWord("generated")) {
                identity = DdlParser.identity(this);
            } else if (t.isWord("collate")) {
                throw unsupported(t, "column option " + t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
            } else {
                break;
            }
        }
        return new Statement.ColumnDef(name, type, primaryKey, primaryKeyPos, notNull, defaultExpr, identity, List.copyOf(constraints));
    }

    private Statement drop() {
        expectWord("drop");
        Token t = peek();
        if (t.isWord("view")) {
            return dropView();
        }
        if (t.isWord("function")) {
            return RoutineParser.dropFunction(this);
        }
        if (t.isWord("trigger")) {
            return RoutineParser.dropTrigger(this);
        }
        if (t.isWord("sequence")) {
            return DdlParser.dropSequence(this);
        }
        if (t.isWord("schema")) {
            return SchemaParser.drop(this);
        }
        if (t.isWord("index")) {
            return DdlParser.dropIndex(this);
        }
        if (!t.isWord("table")) {
            if (t.kind() == TokenKind.WORD && !RESERVED.contains(t.text())) {
                throw unsupported(t, "DROP " + t.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
            }
            throw syntaxError(t);
        }
        next();
        boolean ifExists = acceptIfExists();
        List<Ident> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (acceptSymbol(","));
        boolean cascade = peek().isWord("cascade");
        if (cascade || peek().isWord("restrict")) {
            next();
        }
        return new Statement.DropTable(List.copyOf(names), ifExists, cascade);
    }

    private Statement insert() {
        expectWord("insert");
        expectWord("into");
        TableRef table = tableRef(false);
        if (acceptWord("as")) {
            table = new TableRef(table.name(), identifier().name(), table.pos());
        }
        List<Ident> columns = null;
        if (acceptSymbol("(")) {
            columns = new ArrayList<>();
            do {
                columns.add(identifier());
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        if (peek().isWord("overriding")) {
            next();
            boolean system = next().isWord("system");
            if (!system && !tokens.get(index - 1).isWord("user")) {
                throw syntaxError(tokens.get(index - 1));
            }
            expectWord("value");
            Statement rest = insertValues(table, columns);
            return new Statement.InsertOverriding((Statement.Insert) rest, system);
        }
        return insertValues(table, columns);
    }

    private Statement insertValues(TableRef table, List<Ident> columns) {
        Token v = peek();
        if (columns == null && v.isWord("default") && peek(1).isWord("values")) {
            next();
            next();
            // every column takes its default
            Statement.OnConflict onConflict = peek().isWord("on") ? OnConflictParser.onConflict(this, this::assignment) : null;
            return new Statement.Insert(table, List.of(), List.of(List.of()), onConflict, returning());
        }
        if (v.isWord("select") || v.isWord("with") || v.isSymbol("(")) {
            return insertQuery(table, columns);
        }
        if (v.isWord("default")) {
            throw unsupported(v, "INSERT ... " + v.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
        }
        int start = index;
        List<List<Expr>> rows = values().rows();
        if (Set.of("union", "intersect", "except", "order", "limit", "offset", "fetch").contains(peek().text().toLowerCase(java.util.Locale.ROOT))
                && peek().kind() == TokenKind.WORD) {
            index = start; // VALUES that is part of a larger query: read it again as one
            return insertQuery(table, columns);
        }
        Statement.OnConflict onConflict = peek().isWord("on") ? OnConflictParser.onConflict(this, this::assignment) : null;
        return new Statement.Insert(table, columns == null ? null : List.copyOf(columns), List.copyOf(rows), onConflict,
                returning());
    }

    /** {@code INSERT INTO t [(cols)] query [ON CONFLICT ...] [RETURNING ...]}. */
    private Statement insertQuery(TableRef table, List<Ident> columns) {
        Query q = query();
        Statement.OnConflict onConflict = peek().isWord("on") ? OnConflictParser.onConflict(this, this::assignment) : null;
        return new Statement.Insert(table, columns == null ? null : List.copyOf(columns), List.of(), onConflict, returning(), q);
    }

    private Statement update() {
        expectWord("update");
        TableRef table = tableRef(true);
        expectWord("set");
        List<Statement.Assignment> sets = new ArrayList<>();
        do {
            if (peek().isSymbol("(")) {
                sets.addAll(MultiAssignmentParser.parse(this)); // (a, b) = (x, y) | ROW(...) | (SELECT ...)
            } else {
                sets.add(assignment());
            }
        } while (acceptSymbol(","));
        List<FromItem> from = acceptWord("from") ? fromList() : List.of();
        Expr where = acceptWord("where") ? expr() : null;
        return new Statement.Update(table, List.copyOf(sets), where, returning(), from);
    }

    /** The FROM list of UPDATE ... FROM and the USING list of DELETE ... USING. */
    private List<FromItem> fromList() {
        List<FromItem> items = new ArrayList<>();
        do {
            items.add(fromItem());
        } while (acceptSymbol(","));
        return List.copyOf(items);
    }

    /** {@code column = expr | DEFAULT} of UPDATE SET and ON CONFLICT DO UPDATE SET. */
    private Statement.Assignment assignment() {
        Ident col = identifier();
        if (peek().isSymbol(".")) {
            throw unsupported(peek(), "qualified column names in SET are not supported yet");
        }
        expectSymbol("=");
        Expr value = peek().isWord("default") ? new Expr.Default(next().offset()) : expr();
        return new Statement.Assignment(col, value);
    }

    /** {@code [RETURNING item, ...]}: an empty list when absent. */
    private List<Statement.SelectItem> returning() {
        if (!acceptWord("returning")) {
            return List.of();
        }
        List<Statement.SelectItem> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (acceptSymbol(","));
        return List.copyOf(items);
    }

    private Statement delete() {
        expectWord("delete");
        expectWord("from");
        TableRef table = tableRef(true);
        List<FromItem> using = acceptWord("using") ? fromList() : List.of();
        Expr where = acceptWord("where") ? expr() : null;
        return new Statement.Delete(table, where, returning(), using);
    }

    /** {@code CREATE [OR REPLACE] VIEW name [(cols)] AS query}; the query's text is kept for the catalog. */
    private Statement createView() {
        boolean orReplace = false;
        if (acceptWord("or")) {
            expectWord("replace");
            orReplace = true;
        }
        expectWord("view");
        Ident name = qualifiedName();
        List<Ident> columns = new ArrayList<>();
        if (acceptSymbol("(")) {
            do {
                columns.add(identifier());
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        expectWord("as");
        int start = peek().offset();
        Query q = query();
        int end = peek().kind() == TokenKind.EOF ? sql.length() : peek().offset();
        return new Statement.CreateView(name, orReplace, List.copyOf(columns), q, sql.substring(start, end).strip());
    }

    private Statement dropView() {
        expectWord("view");
        boolean ifExists = acceptIfExists();
        List<Ident> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (acceptSymbol(","));
        boolean cascade = peek().isWord("cascade");
        if (cascade || peek().isWord("restrict")) {
            next();
        }
        return new Statement.DropView(List.copyOf(names), ifExists, cascade);
    }

    private TableRef tableRef(boolean allowAlias) {
        Ident name = qualifiedName();
        String alias = null;
        if (allowAlias) {
            if (acceptWord("as")) {
                alias = identifier().name();
            } else if (peek().kind() == TokenKind.QUOTED_IDENT
                    || (peek().kind() == TokenKind.WORD && !RESERVED.contains(peek().text())
                    && !Set.of("set", "values", "cascade", "restrict").contains(peek().text()))) {
                alias = identifier().name();
            }
        }
        return new TableRef(name.name(), alias, name.pos());
    }

}
