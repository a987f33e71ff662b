package io.shaledb.pgwire.extended;

import io.shaledb.sql.Prepared;
import io.shaledb.sql.types.SqlType;
import java.util.List;

/**
 * A statement created by Parse: what the session prepared, and the parameter types the client
 * declared ({@link SqlType#UNKNOWN} where it sent 0 or a type ShaleDB does not have).
 *
 * @param name "" for the unnamed statement
 */
public record ParsedStatement(String name, Prepared prepared, List<SqlType> declaredTypes) {

    /** Parameter {@code i}'s type as ParameterDescription reports it: declared, else inferred. */
    public SqlType parameterType(int i) {
        SqlType declared = declaredTypes.get(i);
        return declared != SqlType.UNKNOWN ? declared : prepared.parameterTypes().get(i);
    }

    public int parameterCount() {
        return prepared.parameterTypes().size();
    }

    /** How messages name it: {@code prepared statement "x"} or {@code unnamed prepared statement}. */
    public static String describe(String name) {
        return name.isEmpty() ? "unnamed prepared statement" : "prepared statement \"" + name + "\"";
    }
}
