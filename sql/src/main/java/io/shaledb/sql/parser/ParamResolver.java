package io.shaledb.sql.parser;

/**
 * Names the variables of a procedural language (PL/pgSQL) for the SQL it embeds: the parser turns
 * a column reference that names a variable into {@code Expr.Param} instead of a column, the way
 * PostgreSQL's parser hooks let PL/pgSQL claim names.
 */
@FunctionalInterface
public interface ParamResolver {
    /** The parameter number of {@code qualifier.name} ({@code qualifier} null for a bare name), or -1 for a column. */
    int resolve(String qualifier, String name);
}
