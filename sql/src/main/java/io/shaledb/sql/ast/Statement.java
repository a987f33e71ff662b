package io.shaledb.sql.ast;

import io.shaledb.txn.IsolationLevel;
import java.util.List;

/** One parsed SQL statement; {@code pos} of child nodes are offsets in the whole query string. */
public sealed interface Statement {

    /** An identifier with the offset of its first character. */
    record Ident(String name, int pos) {}

    /** A table in FROM / INSERT INTO / UPDATE / DELETE FROM, with an optional alias. */
    record TableRef(String name, String alias, int pos) {
        /** The name columns of this table are qualified with: the alias, or the name without its schema. */
        public String visibleName() {
            return alias != null ? alias : name.substring(name.indexOf('.') + 1);
        }
    }

    /**
     * A column definition in CREATE TABLE; {@code defaultExpr} is the SQL text of its DEFAULT, or
     * null; {@code identity} is {@code 'a'} (GENERATED ALWAYS AS IDENTITY), {@code 'd'} (BY DEFAULT) or 0.
     */
    record ColumnDef(Ident name, TypeName type, boolean primaryKey, int primaryKeyPos, boolean notNull, String defaultExpr,
                     char identity, List<ConstraintDef> constraints) {
        /** A column definition without constraints other than PRIMARY KEY and NOT NULL. */
        public ColumnDef(Ident name, TypeName type, boolean primaryKey, int primaryKeyPos, boolean notNull, String defaultExpr,
                         char identity) {
            this(name, type, primaryKey, primaryKeyPos, notNull, defaultExpr, identity, List.of());
        }
    }

    /** {@code using} is the storage engine named by {@code USING}, or null for the default. */
    record CreateTable(Ident name, boolean ifNotExists, List<ColumnDef> columns,
                       List<Ident> primaryKey, int primaryKeyPos, Ident using, List<ConstraintDef> constraints) implements Statement {
        /** A CREATE TABLE without table constraints other than PRIMARY KEY. */
        public CreateTable(Ident name, boolean ifNotExists, List<ColumnDef> columns, List<Ident> primaryKey, int primaryKeyPos,
                           Ident using) {
            this(name, ifNotExists, columns, primaryKey, primaryKeyPos, using, List.of());
        }
    }

    /** {@code SET CONSTRAINTS {ALL | name[, ...]} {DEFERRED | IMMEDIATE}}; {@code names} null for ALL. */
    record SetConstraints(List<Ident> names, boolean deferred) implements Statement {}

    record DropTable(List<Ident> names, boolean ifExists, boolean cascade) implements Statement {}

    /** {@code ALTER TABLE [IF EXISTS] name action[, ...]}: the actions apply together or not at all. */
    record AlterTable(Ident table, boolean ifExists, List<AlterAction> actions) implements Statement {}

    /**
     * {@code INSERT INTO t [(cols)] OVERRIDING {SYSTEM | USER} VALUE VALUES ...}: {@code system}
     * lets explicit values into GENERATED ALWAYS identity columns; USER ignores values given for
     * identity columns.
     */
    record InsertOverriding(Insert insert, boolean system) implements Statement {}

    /** {@code CREATE SEQUENCE [IF NOT EXISTS] name [options]}. */
    record CreateSequence(Ident name, boolean ifNotExists, SequenceOptions options) implements Statement {}

    /** {@code DROP SEQUENCE [IF EXISTS] name[, ...] [CASCADE | RESTRICT]}. */
    record DropSequence(List<Ident> names, boolean ifExists, boolean cascade) implements Statement {}

    /**
     * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (column [ASC | DESC]
     * [NULLS FIRST | LAST], ...) [WHERE predicate]}; {@code name} is null when omitted,
     * {@code predicate} the SQL text of the WHERE clause or null.
     */
    record CreateIndex(Ident name, boolean unique, boolean ifNotExists, Ident table, String method, List<OrderItem> columns,
                       String predicate, List<String> expressions, List<Ident> include, boolean concurrently) implements Statement {}

    /** {@code REINDEX {INDEX | TABLE} [CONCURRENTLY] name}: {@code table} true for REINDEX TABLE. */
    record Reindex(boolean table, Ident name, boolean concurrently) implements Statement {}

    /** {@code DROP INDEX [IF EXISTS] name[, ...] [CASCADE | RESTRICT]}. */
    record DropIndex(List<Ident> names, boolean ifExists) implements Statement {}

    /** {@code TRUNCATE [TABLE] name[, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]}. */
    record Truncate(List<Ident> tables, boolean restartIdentity, boolean cascade) implements Statement {
        public Truncate(List<Ident> tables, boolean restartIdentity) {
            this(tables, restartIdentity, false);
        }
    }

    /**
     * {@code INSERT INTO t [AS alias] [(cols)] VALUES (..), (..) | query [ON CONFLICT ...] [RETURNING ...]};
     * {@code query} is non-null (and {@code rows} empty) for INSERT ... SELECT / WITH / set operations;
     * {@code columns} is null when omitted, {@code onConflict} null when absent, {@code returning}
     * empty when absent.
     */
    record Insert(TableRef table, List<Ident> columns, List<List<Expr>> rows, OnConflict onConflict,
                  List<SelectItem> returning, Query query) implements Statement {
        public Insert(TableRef table, List<Ident> columns, List<List<Expr>> rows) {
            this(table, columns, rows, null, List.of());
        }

        public Insert(TableRef table, List<Ident> columns, List<List<Expr>> rows, OnConflict onConflict,
                      List<SelectItem> returning) {
            this(table, columns, rows, onConflict, returning, null);
        }
    }

    /**
     * {@code ON CONFLICT [(col, ...) | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ... [WHERE ...]}:
     * {@code target} is empty and {@code constraint} null when no arbiter was written;
     * {@code assignments} is null for DO NOTHING. {@code pos} is the offset of {@code ON}, {@code targetPos}
     * that of the target list's parenthesis (-1 without one).
     */
    record OnConflict(List<Ident> target, int targetPos, Ident constraint, List<Assignment> assignments, Expr where, int pos) {
        public boolean doNothing() {
            return assignments == null;
        }
    }

    /**
     * {@code COPY table [(cols)] FROM STDIN | 'file'} or {@code COPY {table [(cols)] | (query)} TO
     * STDOUT | 'file'}: exactly one of {@code table} and {@code query} is set; {@code columns} is
     * empty when not written; {@code file} is null for STDIN / STDOUT (a {@code PROGRAM} command
     * is a file too, with {@code program} set). Options are kept as written, in order, and checked
     * when the statement runs, as PostgreSQL does.
     */
    record Copy(TableRef table, List<Ident> columns, Query query, boolean from, String file, boolean program,
                List<CopyOption> options, int pos) implements Statement {}

    /**
     * One COPY option: {@code name} folded; {@code value} null when absent, else a String (word,
     * string or number as written), {@code "*"} for a star, or a {@code List<Ident>} of columns.
     */
    record CopyOption(String name, Object value, int pos) {}

    /** One output column: an expression with an optional alias, or {@code *} / {@code t.*}. */
    record SelectItem(Expr expr, String alias, boolean star, String starTable, int pos) {}

    /** {@code nullsFirst} is null when not written (the default depends on the direction). */
    record OrderItem(Expr expr, boolean descending, Boolean nullsFirst) {}

    /**
     * One SELECT block. {@code locking} holds the {@code FOR UPDATE / SHARE ...} clauses in written
     * order; empty when there are none. {@code distinctOn} is non-empty for {@code DISTINCT ON (...)}
     * (then {@code distinct} is true too). {@code fromList} holds the comma-separated FROM items.
     */
    record Select(boolean distinct, List<Expr> distinctOn, List<SelectItem> items, List<FromItem> fromList, Expr where,
                  List<Expr> groupBy, Expr having, List<OrderItem> orderBy, Expr limit, Expr offset,
                  List<LockingClause> locking, List<WindowSpec.Definition> windows) implements Statement, Query {
        /** A SELECT block without a WINDOW clause. */
        public Select(boolean distinct, List<Expr> distinctOn, List<SelectItem> items, List<FromItem> fromList, Expr where,
                      List<Expr> groupBy, Expr having, List<OrderItem> orderBy, Expr limit, Expr offset,
                      List<LockingClause> locking) {
            this(distinct, distinctOn, items, fromList, where, groupBy, having, orderBy, limit, offset, locking, List.of());
        }

        /** The one table of a FROM clause that names exactly one table (no join, no alias columns), else null. */
        public TableRef from() {
            return fromList.size() == 1 && fromList.getFirst() instanceof FromItem.Named n && n.columnAliases().isEmpty()
                    ? n.ref() : null;
        }
    }

    /** A query that is not a plain SELECT block: a set operation, VALUES, WITH, or ORDER BY/LIMIT around one. */
    record QueryStatement(Query query) implements Statement {}

    /** {@code CREATE [OR REPLACE] VIEW name [(cols)] AS query}; {@code sql} is the query's text as written. */
    record CreateView(Ident name, boolean orReplace, List<Ident> columns, Query query, String sql) implements Statement {}

    record DropView(List<Ident> names, boolean ifExists, boolean cascade) implements Statement {}

    /** {@code CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]} (the role is accepted and ignored). */
    /** CREATE/ALTER/DROP ROLE (and USER): run by the session through {@code io.shaledb.sql.roles.RoleExecutor}. */
    sealed interface RoleStatement extends Statement {}

    /**
     * One role attribute as written: {@code name} is {@code superuser}, {@code login}, {@code createdb},
     * {@code createrole}, {@code inherit} (value Boolean), {@code password} (String, null for PASSWORD NULL),
     * {@code valid_until} (String) or {@code connection_limit} (Integer).
     */
    record RoleOption(String name, Object value, int pos) {}

    /** {@code CREATE ROLE name [WITH] option ...}; {@code user} for CREATE USER (LOGIN by default). */
    record CreateRole(Ident name, boolean user, List<RoleOption> options) implements RoleStatement {}

    /** {@code ALTER ROLE name [WITH] option ...} or {@code ALTER ROLE name RENAME TO renameTo}. */
    record AlterRole(Ident name, List<RoleOption> options, Ident renameTo) implements RoleStatement {}

    /** {@code DROP ROLE [IF EXISTS] name[, ...]}. */
    record DropRole(List<Ident> names, boolean ifExists) implements RoleStatement {}

    /** GRANT / REVOKE, ALTER ... OWNER TO and SET ROLE: see {@code io.shaledb.sql.privileges}. */
    sealed interface PrivilegeStatement extends Statement {}

    /**
     * {@code GRANT privileges ON [TABLE] t, ... | ALL TABLES IN SCHEMA s | SCHEMA s TO grantees [WITH GRANT OPTION]}
     * and {@code REVOKE [GRANT OPTION FOR] ... FROM grantees [CASCADE | RESTRICT]}.
     *
     * @param privileges lower-case names ("select", ...; "all" for ALL [PRIVILEGES])
     * @param objectType {@code 't'} tables, {@code 'S'} sequences, {@code 'a'} ALL TABLES IN SCHEMA, {@code 'n'} schemas
     * @param grantees role names; "public" (unquoted PUBLIC) is null
     * @param grantOption WITH GRANT OPTION, or for REVOKE: GRANT OPTION FOR
     */
    record GrantPrivileges(boolean grant, List<String> privileges, char objectType, List<Ident> objects,
                           List<Ident> grantees, boolean grantOption, boolean cascade, int pos) implements PrivilegeStatement {}

    /** {@code GRANT role, ... TO role, ... [WITH ADMIN OPTION]} / {@code REVOKE [ADMIN OPTION FOR] role FROM role}. */
    record GrantRole(boolean grant, List<Ident> roles, List<Ident> members, boolean adminOption, boolean cascade)
            implements PrivilegeStatement {}

    /** {@code ALTER TABLE|VIEW|SEQUENCE|SCHEMA name OWNER TO role}; {@code objectType} is the keyword, lower case. */
    record AlterOwner(String objectType, Ident object, Ident owner) implements PrivilegeStatement {}

    /**
     * {@code SET ROLE name | NONE}, {@code RESET ROLE}, {@code SET SESSION AUTHORIZATION name | DEFAULT},
     * {@code RESET SESSION AUTHORIZATION}; {@code role} is null for NONE / DEFAULT / RESET.
     */
    record SetRole(Ident role, boolean sessionAuthorization, boolean reset) implements PrivilegeStatement {}

    record CreateSchema(Ident name, boolean ifNotExists) implements Statement {}

    /** {@code DROP SCHEMA [IF EXISTS] name[, ...] [CASCADE | RESTRICT]}. */
    record DropSchema(List<Ident> names, boolean ifExists, boolean cascade) implements Statement {}

    /** {@code ALTER SCHEMA name RENAME TO new}. */
    record RenameSchema(Ident name, Ident to) implements Statement {}

    /** A parameter of CREATE FUNCTION: optional name, type, optional DEFAULT expression text. */
    record FunctionArg(String name, TypeName type, String defaultExpr) {}

    /**
     * {@code CREATE [OR REPLACE] FUNCTION name(args) RETURNS type AS body LANGUAGE lang [options]};
     * {@code returns} is null for {@code RETURNS TRIGGER}; {@code bodyOffset} is the offset of the
     * body's first character in the query string (-1 when it was not dollar-quoted, so offsets
     * inside the body cannot be mapped back).
     */
    record CreateFunction(Ident name, boolean orReplace, List<FunctionArg> args, TypeName returns, boolean returnsTrigger,
                          String language, String body, int bodyOffset, String volatility) implements Statement {}

    /** {@code DROP FUNCTION [IF EXISTS] name[(argtypes)] [CASCADE | RESTRICT]}; {@code argTypes} null when omitted. */
    record DropFunction(Ident name, List<TypeName> argTypes, boolean ifExists, boolean cascade) implements Statement {}

    /**
     * {@code CREATE [OR REPLACE] TRIGGER name {BEFORE | AFTER} event [OR ...] ON table FOR EACH
     * {ROW | STATEMENT} [WHEN (cond)] EXECUTE {FUNCTION | PROCEDURE} f(args)}: {@code events} is a
     * bit set (1 INSERT, 2 DELETE, 4 UPDATE, 8 TRUNCATE), {@code when} the condition's SQL text or null.
     */
    record CreateTrigger(Ident name, boolean orReplace, boolean before, int events, List<Ident> updateColumns, Ident table,
                         boolean forEachRow, String when, int whenPos, Ident function, List<String> args) implements Statement {}

    /** {@code DROP TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]}. */
    record DropTrigger(Ident name, Ident table, boolean ifExists) implements Statement {}

    /** {@code ALTER TABLE t {ENABLE | DISABLE} TRIGGER {name | ALL | USER}}; {@code name} null for ALL/USER. */
    record EnableTrigger(Ident table, Ident name, boolean enable) implements Statement {}

    /** The row lock a locking clause takes, strongest first. */
    enum LockStrength {
        UPDATE("FOR UPDATE"),
        NO_KEY_UPDATE("FOR NO KEY UPDATE"),
        SHARE("FOR SHARE"),
        KEY_SHARE("FOR KEY SHARE");

        private final String sql;

        LockStrength(String sql) {
            this.sql = sql;
        }

        /** The clause as PostgreSQL names it in messages, e.g. {@code "FOR NO KEY UPDATE"}. */
        public String sql() {
            return sql;
        }
    }

    /** What a locking clause does when a row is already locked: wait, fail ({@code NOWAIT}) or skip it. */
    enum LockWaitPolicy { WAIT, NOWAIT, SKIP_LOCKED }

    /**
     * A table named after {@code OF}: {@code name} is its last part; {@code qualified} is true when
     * it was written with a schema ({@code public.t}), which PostgreSQL rejects during analysis.
     */
    record LockedRelation(String name, boolean qualified, int pos) {}

    /**
     * {@code FOR strength [OF table[, ...]] [NOWAIT | SKIP LOCKED]}; {@code tables} is empty when
     * the clause applies to every table in FROM. {@code pos} is the offset of {@code FOR}.
     */
    record LockingClause(LockStrength strength, List<LockedRelation> tables, LockWaitPolicy waitPolicy, int pos) {}

    record Assignment(Ident column, Expr value) {}

    /** {@code returning} is empty without a RETURNING clause, {@code from} without a FROM list. */
    record Update(TableRef table, List<Assignment> assignments, Expr where, List<SelectItem> returning,
                  List<FromItem> from) implements Statement {
        public Update(TableRef table, List<Assignment> assignments, Expr where) {
            this(table, assignments, where, List.of());
        }

        public Update(TableRef table, List<Assignment> assignments, Expr where, List<SelectItem> returning) {
            this(table, assignments, where, returning, List.of());
        }
    }

    /** {@code returning} is empty without a RETURNING clause, {@code using} without a USING list. */
    record Delete(TableRef table, Expr where, List<SelectItem> returning, List<FromItem> using) implements Statement {
        public Delete(TableRef table, Expr where) {
            this(table, where, List.of());
        }

        public Delete(TableRef table, Expr where, List<SelectItem> returning) {
            this(table, where, returning, List.of());
        }
    }

    /**
     * One option of VACUUM as written, before validation. {@code name} is folded (and {@code analyse}
     * spelled {@code analyze}); {@code value} is null when absent, an {@link Integer} for an integer
     * constant that fits 32 bits, else the text of the word, string or other number ({@code "on"},
     * {@code "auto"}, {@code "1.5"}). The old form {@code VACUUM FULL FREEZE ...} produces the same
     * options without values.
     */
    record VacuumOption(String name, Object value, int pos) {}

    /** A table to vacuum: {@code schema} is null unless written ({@code public.t}); {@code columns} is empty unless given. */
    record VacuumTarget(Ident schema, Ident table, List<Ident> columns) {}

    /** {@code VACUUM [(option[, ...])] [table[, ...]]}; no tables means every table. {@code pos} is the offset of VACUUM. */
    record Vacuum(List<VacuumOption> options, List<VacuumTarget> tables, int pos) implements Statement {}

    /**
     * {@code EXPLAIN [ANALYZE] [VERBOSE] statement} or {@code EXPLAIN (option [value], ...) statement}:
     * the options as written (the old form's keywords as options without values), checked when it runs.
     */
    record Explain(List<VacuumOption> options, Statement statement, int pos) implements Statement {}

    /**
     * {@code ANALYZE [VERBOSE] [table [(column, ...)], ...]} or {@code ANALYZE (option, ...) [...]}:
     * options as written (the old form's VERBOSE is the option {@code verbose}); no tables means
     * every table. {@code pos} is the offset of ANALYZE.
     */
    record Analyze(List<VacuumOption> options, List<VacuumTarget> tables, int pos) implements Statement {}

    /** Statements that start, end or shape a transaction. */
    sealed interface TransactionStatement extends Statement {}

    /** One transaction characteristic of BEGIN, START TRANSACTION, SET TRANSACTION and SET SESSION CHARACTERISTICS. */
    sealed interface TransactionMode {
        /** {@code ISOLATION LEVEL level}. */
        record Isolation(IsolationLevel level) implements TransactionMode {}

        /** {@code READ ONLY} (true) or {@code READ WRITE} (false). */
        record ReadOnly(boolean readOnly) implements TransactionMode {}

        /** {@code DEFERRABLE} (true) or {@code NOT DEFERRABLE} (false). */
        record Deferrable(boolean deferrable) implements TransactionMode {}
    }

    /**
     * {@code BEGIN [WORK | TRANSACTION] [mode ...]} or, when {@code startTransaction}, {@code START
     * TRANSACTION [mode ...]}; the two differ only in their command tag. Modes are in written order
     * (a later one of the same kind wins, as in PostgreSQL).
     */
    record Begin(List<TransactionMode> modes, boolean startTransaction) implements TransactionStatement {}

    /** {@code COMMIT | END [WORK | TRANSACTION] [AND [NO] CHAIN]}. */
    record Commit(boolean chain) implements TransactionStatement {}

    /** {@code ROLLBACK | ABORT [WORK | TRANSACTION] [AND [NO] CHAIN]}. */
    record Rollback(boolean chain) implements TransactionStatement {}

    /** {@code SAVEPOINT name}. */
    record Savepoint(Ident name) implements TransactionStatement {}

    /** {@code RELEASE [SAVEPOINT] name}. */
    record ReleaseSavepoint(Ident name) implements TransactionStatement {}

    /** {@code ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name}. */
    record RollbackToSavepoint(Ident name) implements TransactionStatement {}

    /** {@code SET [SESSION | LOCAL] TRANSACTION mode [...]}: the current transaction's characteristics. */
    record SetTransaction(List<TransactionMode> modes) implements TransactionStatement {}

    /** {@code SET SESSION CHARACTERISTICS AS TRANSACTION mode [...]}: the defaults of later transactions. */
    record SetSessionCharacteristics(List<TransactionMode> modes) implements TransactionStatement {}

    /** Statements about the session's run-time parameters rather than data: SET, SHOW, RESET. */
    sealed interface SessionStatement extends Statement {}

    /** {@code SET [SESSION] name {TO|=} value[, ...]}; {@code values} is null for {@code DEFAULT}. */
    record SetParameter(Ident name, List<String> values) implements SessionStatement {}

    /** {@code SET LOCAL name {TO|=} value[, ...]}: {@code set} lasts until the end of the current transaction. */
    record SetLocalParameter(SetParameter set) implements SessionStatement {}

    /** {@code SHOW name} or {@code SHOW ALL} ({@code name} null). */
    record ShowParameter(Ident name) implements SessionStatement {}

    /** {@code RESET name} or {@code RESET ALL} ({@code name} null). */
    record ResetParameter(Ident name) implements SessionStatement {}
}
