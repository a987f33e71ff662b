package io.shaledb.sql.ast;

import java.util.List;

/** One parsed SQL statement; {@code pos} of child nodes are offsets in the whole query string. */
public sealed interface Statement {

    /** An identifier with the offset of its first character. */
    record Ident(String name, int pos) {}

    /** A table in FROM / INSERT INTO / UPDATE / DELETE FROM, with an optional alias. */
    record TableRef(String name, String alias, int pos) {
        /** The name columns of this table are qualified with. */
        public String visibleName() {
            return alias != null ? alias : name;
        }
    }

    /** A column definition in CREATE TABLE. */
    record ColumnDef(Ident name, TypeName type, boolean primaryKey, int primaryKeyPos, boolean notNull) {}

    /** {@code using} is the storage engine named by {@code USING}, or null for the default. */
    record CreateTable(Ident name, boolean ifNotExists, List<ColumnDef> columns,
                       List<Ident> primaryKey, int primaryKeyPos, Ident using) implements Statement {}

    record DropTable(List<Ident> names, boolean ifExists) implements Statement {}

    /** {@code INSERT INTO t [(cols)] VALUES (..), (..)}; {@code columns} is null when omitted. */
    record Insert(TableRef table, List<Ident> columns, List<List<Expr>> rows) implements Statement {}

    /** One output column: an expression with an optional alias, or {@code *} / {@code t.*}. */
    record SelectItem(Expr expr, String alias, boolean star, String starTable, int pos) {}

    /** {@code nullsFirst} is null when not written (the default depends on the direction). */
    record OrderItem(Expr expr, boolean descending, Boolean nullsFirst) {}

    record Select(boolean distinct, List<SelectItem> items, TableRef from, Expr where, List<Expr> groupBy,
                  Expr having, List<OrderItem> orderBy, Expr limit, Expr offset) implements Statement {}

    record Assignment(Ident column, Expr value) {}

    record Update(TableRef table, List<Assignment> assignments, Expr where) implements Statement {}

    record Delete(TableRef table, Expr where) implements Statement {}

    /** Statements about the session's run-time parameters rather than data: SET, SHOW, RESET. */
    sealed interface SessionStatement extends Statement {}

    /** {@code SET [SESSION] name {TO|=} value[, ...]}; {@code values} is null for {@code DEFAULT}. */
    record SetParameter(Ident name, List<String> values) implements SessionStatement {}

    /** {@code SHOW name} or {@code SHOW ALL} ({@code name} null). */
    record ShowParameter(Ident name) implements SessionStatement {}

    /** {@code RESET name} or {@code RESET ALL} ({@code name} null). */
    record ResetParameter(Ident name) implements SessionStatement {}
}
