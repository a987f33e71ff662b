package io.shaledb.sql.plpgsql;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.TypeName;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.Trigger;
import io.shaledb.sql.exec.Executor;
import io.shaledb.sql.exec.Types;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CREATE / DROP FUNCTION, CREATE / DROP TRIGGER and ALTER TABLE ... ENABLE / DISABLE TRIGGER:
 * checks with PostgreSQL's messages, then the catalog change in the statement's transaction.
 * Also the compiled-function cache, shared by every session (a compiled function is immutable;
 * it is keyed by the whole definition, so a replaced function compiles afresh).
 */
public final class RoutineDdl {
    private static final Logger LOG = LoggerFactory.getLogger(RoutineDdl.class);
    private static final Map<Function, PlFunction> COMPILED = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 1024;
    private Catalog catalog;

    private final Executor executor;

    /** Created while {@code executor} is being constructed: it is asked for its catalog only later. */
    public RoutineDdl(Executor executor) {
        this.executor = executor;
    }

    /** Runs one of the routine statements in {@code tx}. */
    public void execute(Statement s, Transaction tx, ResultSink sink) {
        catalog = executor.catalog();
        switch (s) {
            case Statement.CreateFunction c -> createFunction(c, tx, sink);
            case Statement.DropFunction d -> dropFunction(d, tx, sink);
            case Statement.CreateTrigger c -> createTrigger(c, tx, sink);
            case Statement.DropTrigger d -> dropTrigger(d, tx, sink);
            case Statement.EnableTrigger e -> enableTrigger(e, tx, sink);
            default -> throw new IllegalArgumentException("not a routine statement: " + s);
        }
    }

    /** The compiled form of {@code f} (compiled on first use). */
    static PlFunction compiled(Function f) {
        PlFunction p = COMPILED.get(f);
        if (p == null) {
            p = compile(f, -1);
            if (COMPILED.size() >= CACHE_LIMIT) {
                COMPILED.clear();
            }
            COMPILED.put(f, p);
        }
        return p;
    }

    private static PlFunction compile(Function f, int bodyOffset) {
        if (f.language().equals("sql")) {
            String body = f.body().strip();
            if (body.endsWith(";")) {
                body = body.substring(0, body.length() - 1);
            }
            Function wrapped = new Function(f.id(), f.name(), f.args(), f.returnType(), f.returnLength(), f.language(),
                    "begin return (" + body + "); end", f.volatility());
            return PlParser.compile(wrapped, -1);
        }
        return PlParser.compile(f, bodyOffset);
    }

    // ------------------------------------------------------------------ functions

    private void createFunction(Statement.CreateFunction c, Transaction tx, ResultSink sink) {
        if (!c.language().equals("plpgsql") && !c.language().equals("sql")) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "language \"" + c.language() + "\" does not exist");
        }
        if (c.returnsTrigger() && c.language().equals("sql")) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "SQL functions cannot return type trigger");
        }
        if (c.returnsTrigger() && !c.args().isEmpty()) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "trigger functions cannot have declared arguments", 0, null,
                    "The arguments of the trigger can be accessed through TG_NARGS and TG_ARGV instead.", null)
                    .withContext("compilation of PL/pgSQL function \"" + c.name().name() + "\" near line 1");
        }
        String name = catalog.createName(tx, c.name().name(), c.name().pos() + 1);
        List<Function.Arg> args = new ArrayList<>();
        for (Statement.FunctionArg a : c.args()) {
            Types.resolve(a.type()); // 42704 for unknown types
            args.add(new Function.Arg(a.name(), a.type().name(), a.type().length(), a.defaultExpr()));
        }
        String returnType = "trigger";
        int returnLength = -1;
        if (!c.returnsTrigger()) {
            returnType = c.returns().name();
            returnLength = c.returns().length();
            if (!returnType.equals("void")) {
                Types.resolve(c.returns());
            }
        }
        Function existing = catalog.function(tx, Function.signature(name, args.stream().map(Function.Arg::type).toList()));
        if (existing != null && !c.orReplace()) {
            throw new SqlException(SqlState.DUPLICATE_FUNCTION, "function \"" + Catalog.bareName(name)
                    + "\" already exists with same argument types");
        }
        int id = existing != null ? existing.id() : catalog.allocateId();
        Function f = new Function(id, name, args, returnType, returnLength, c.language(), c.body(), c.volatility().charAt(0));
        if (existing != null && !existing.returnType().equals(f.returnType())) {
            throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "cannot change return type of existing function", 0, null,
                    "Use DROP FUNCTION " + f.display(RoutineDdl::displayType) + " first.", null);
        }
        compile(f, c.language().equals("plpgsql") ? c.bodyOffset() : -1); // syntax errors now, as PostgreSQL's validator
        if (existing != null) {
            catalog.replaceFunction(tx, existing, f);
        } else {
            catalog.createFunction(tx, f);
        }
        sink.complete("CREATE FUNCTION");
    }

    private void dropFunction(Statement.DropFunction d, Transaction tx, ResultSink sink) {
        String written = d.name().name();
        List<Function> named = catalog.functionsNamed(tx, written);
        Function target;
        if (d.argTypes() == null) {
            if (named.size() > 1) {
                throw new SqlException(SqlState.AMBIGUOUS_FUNCTION, "function name \"" + written + "\" is not unique", 0, null,
                        "Specify the argument list to select the function unambiguously.", null);
            }
            target = named.isEmpty() ? null : named.getFirst();
            if (target == null) {
                if (d.ifExists()) {
                    sink.complete("DROP FUNCTION"); // PostgreSQL adds a NOTICE: function does not exist, skipping
                    return;
                }
                throw new SqlException(SqlState.UNDEFINED_FUNCTION, "could not find a function named \"" + written + "\"");
            }
        } else {
            List<String> types = d.argTypes().stream().map(TypeName::name).toList();
            target = named.stream().filter(f -> f.args().stream().map(Function.Arg::type).toList().equals(types)).findFirst()
                    .orElse(null);
            if (target == null) {
                if (d.ifExists()) {
                    sink.complete("DROP FUNCTION");
                    return;
                }
                throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + written + "("
                        + types.stream().map(RoutineDdl::displayType).collect(Collectors.joining(", ")) + ") does not exist");
            }
        }
        Function f = target;
        List<Trigger> users = catalog.triggers(tx).stream().filter(t -> t.functionId() == f.id()).toList();
        if (!users.isEmpty() && !d.cascade()) {
            String display = f.display(RoutineDdl::displayType);
            throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop function " + display
                    + " because other objects depend on it", 0, users.stream().map(t -> "trigger " + t.name() + " on table "
                    + tableName(tx, t) + " depends on function " + display).collect(Collectors.joining("\n")),
                    "Use DROP ... CASCADE to drop the dependent objects too.", null);
        }
        for (Trigger t : users) {
            LOG.debug("drop cascades to trigger {} on table {}", t.name(), tableName(tx, t));
            catalog.dropTrigger(tx, t);
        }
        catalog.dropFunction(tx, f);
        sink.complete("DROP FUNCTION");
    }

    private String tableName(Transaction tx, Trigger t) {
        Table table = catalog.tableById(tx, t.tableId());
        return table == null ? "?" : Catalog.bareName(table.name());
    }

    // ------------------------------------------------------------------ triggers

    private Table table(Transaction tx, Statement.Ident written) {
        Table t = catalog.table(tx, catalog.resolve(tx, written.name()));
        if (t == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + written.name() + "\" does not exist");
        }
        return t;
    }

    private void createTrigger(Statement.CreateTrigger c, Transaction tx, ResultSink sink) {
        Table table = table(tx, c.table());
        catalog.lockExclusive(tx, table);
        Function f = catalog.functionsNamed(tx, c.function().name()).stream().filter(fn -> fn.args().isEmpty()).findFirst()
                .orElse(null);
        if (f == null) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + c.function().name() + "() does not exist");
        }
        if (!f.returnsTrigger()) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "function " + Catalog.bareName(f.name())
                    + " must return type trigger");
        }
        List<String> columns = new ArrayList<>();
        for (Statement.Ident col : c.updateColumns()) {
            if (table.columnIndex(col.name()) < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + col.name() + "\" of relation \""
                        + Catalog.bareName(table.name()) + "\" does not exist");
            }
            columns.add(col.name());
        }
        if (c.when() != null) {
            if (!c.forEachRow()) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "statement trigger's WHEN condition cannot reference column values",
                        c.whenPos() + 1);
            }
            boolean insertOnly = c.events() == Trigger.INSERT;
            boolean deleteOnly = c.events() == Trigger.DELETE;
            String lower = c.when().toLowerCase(java.util.Locale.ROOT);
            if (insertOnly && lower.matches("(?s).*\\bold\\b.*")) {
                throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "INSERT trigger's WHEN condition cannot reference OLD values",
                        c.whenPos() + 1);
            }
            if (deleteOnly && lower.matches("(?s).*\\bnew\\b.*")) {
                throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, "DELETE trigger's WHEN condition cannot reference NEW values",
                        c.whenPos() + 1);
            }
            PlParser.compileCondition(c.when());
        }
        Trigger existing = catalog.triggers(tx, table.id()).stream().filter(t -> t.name().equals(c.name().name())).findFirst()
                .orElse(null);
        int id = existing != null ? existing.id() : catalog.allocateId();
        Trigger t = new Trigger(id, c.name().name(), table.id(), f.id(), c.before(), c.events(), columns, c.forEachRow(), c.when(),
                c.args(), true);
        if (existing != null && c.orReplace()) {
            catalog.replaceTrigger(tx, existing, t);
        } else {
            catalog.createTrigger(tx, t, () -> new SqlException(SqlState.DUPLICATE_OBJECT, "trigger \"" + c.name().name()
                    + "\" for relation \"" + Catalog.bareName(table.name()) + "\" already exists"));
        }
        sink.complete("CREATE TRIGGER");
    }

    private void dropTrigger(Statement.DropTrigger d, Transaction tx, ResultSink sink) {
        Table table = catalog.table(tx, catalog.resolve(tx, d.table().name()));
        if (table == null) {
            if (d.ifExists()) {
                sink.complete("DROP TRIGGER"); // PostgreSQL adds a NOTICE: relation does not exist, skipping
                return;
            }
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + d.table().name() + "\" does not exist");
        }
        Trigger t = catalog.triggers(tx, table.id()).stream().filter(tr -> tr.name().equals(d.name().name())).findFirst().orElse(null);
        if (t == null) {
            if (d.ifExists()) {
                sink.complete("DROP TRIGGER"); // PostgreSQL adds a NOTICE: trigger does not exist, skipping
                return;
            }
            throw noSuchTrigger(d.name().name(), table);
        }
        catalog.lockExclusive(tx, table);
        catalog.dropTrigger(tx, t);
        sink.complete("DROP TRIGGER");
    }

    private static SqlException noSuchTrigger(String name, Table table) {
        return new SqlException(SqlState.UNDEFINED_OBJECT, "trigger \"" + name + "\" for table \"" + Catalog.bareName(table.name())
                + "\" does not exist");
    }

    private void enableTrigger(Statement.EnableTrigger e, Transaction tx, ResultSink sink) {
        Table table = table(tx, e.table());
        List<Trigger> all = catalog.triggers(tx, table.id());
        List<Trigger> chosen = e.name() == null ? all : all.stream().filter(t -> t.name().equals(e.name().name())).toList();
        if (e.name() != null && chosen.isEmpty()) {
            throw noSuchTrigger(e.name().name(), table);
        }
        catalog.lockExclusive(tx, table);
        for (Trigger t : chosen) {
            if (t.enabled() != e.enable()) {
                catalog.replaceTrigger(tx, t, t.withEnabled(e.enable()));
            }
        }
        sink.complete("ALTER TABLE");
    }

    // ------------------------------------------------------------------ for DROP SCHEMA

    /** The functions of schema {@code schema} as {@code tx} sees them. */
    public static List<Function> functionsIn(Catalog catalog, Transaction tx, String schema) {
        return catalog.functions(tx).stream().filter(f -> Catalog.schemaOf(f.name()).equals(schema)).toList();
    }

    /** {@code name(integer, text)}, as PostgreSQL names a function in messages. */
    public static String describe(Function f) {
        return f.display(RoutineDdl::displayType);
    }

    /** Drops {@code f} and the triggers that use it (DROP ... CASCADE). */
    public static void dropWithTriggers(Catalog catalog, Transaction tx, Function f) {
        for (Trigger t : catalog.triggers(tx)) {
            if (t.functionId() == f.id()) {
                catalog.dropTrigger(tx, t);
            }
        }
        catalog.dropFunction(tx, f);
    }

    // ------------------------------------------------------------------ types

    /** A type's name as PostgreSQL prints it in function signatures: {@code int4} is {@code integer}. */
    static String displayType(String internal) {
        return switch (internal) {
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "int2" -> "smallint";
            case "float8" -> "double precision";
            case "float4" -> "real";
            case "bool" -> "boolean";
            case "varchar" -> "character varying";
            case "bpchar" -> "character";
            case "timestamptz" -> "timestamp with time zone";
            case "timestamp" -> "timestamp without time zone";
            case "time" -> "time without time zone";
            default -> internal;
        };
    }

    /** The result type of non-trigger function {@code f}. */
    static Types.Resolved returnType(Function f) {
        if (f.returnType().equals("void")) {
            return new Types.Resolved(SqlType.TEXT, -1);
        }
        return Types.resolve(new TypeName(f.returnType(), f.returnLength(), 0));
    }

    /** The executor the interpreter runs nested statements with. */
    Executor executor() {
        return executor;
    }
}
