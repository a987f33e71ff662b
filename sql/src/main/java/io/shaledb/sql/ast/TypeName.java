package io.shaledb.sql.ast;

/**
 * A type as written: {@code name} is PostgreSQL's internal name after the grammar's aliasing
 * ({@code int -> int4}, {@code double precision -> float8}, {@code varchar}, ...), {@code length}
 * the optional modifier ({@code varchar(10)}) or -1.
 */
public record TypeName(String name, int length, int pos) {}
