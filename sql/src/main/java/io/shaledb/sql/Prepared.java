package io.shaledb.sql;

import io.shaledb.sql.types.SqlType;
import java.util.List;

/**
 * A statement prepared for the extended query protocol ({@link SqlSession#prepare}): parsed and
 * analysed once, then executed any number of times with different parameter values
 * ({@link SqlSession#execute(Prepared, Object[], SqlType[], ResultSink)}).
 *
 * <p>What a client may ask of it before running it (PostgreSQL's Describe of a statement): the
 * types of its parameters, as written in the Parse message or inferred from where they appear
 * ({@code WHERE id = $1} makes {@code $1} the type of {@code id}; a parameter nothing constrains
 * is text), and the columns of its result, or null for a statement that returns no rows.
 */
public interface Prepared {
    /** The statement's text as the client sent it. */
    String sql();

    /** One type per parameter {@code $1..$n}, never {@link SqlType#UNKNOWN}. */
    List<SqlType> parameterTypes();

    /** The result's columns, or null when the statement returns no rows (NoData). */
    List<ColumnInfo> columns();

    /** The text held no statement at all (EmptyQueryResponse when executed). */
    boolean isEmpty();
}
