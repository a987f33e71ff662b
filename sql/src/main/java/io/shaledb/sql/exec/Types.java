package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.TypeName;
import io.shaledb.sql.types.SqlType;
import java.util.Set;

/** Resolves type names as written in SQL to ShaleDB types. */
final class Types {
    /** A resolved type: the SQL type plus a varchar length limit (or -1). */
    record Resolved(SqlType type, int maxLength) {}

    /** PostgreSQL types ShaleDB knows by name but cannot store yet. */
    private static final Set<String> NOT_YET = Set.of("bpchar", "numeric", "serial", "bigserial", "smallserial",
            "serial4", "serial8", "serial2", "date", "time", "timetz", "timestamp", "timestamptz", "interval",
            "bytea", "uuid", "json", "jsonb", "money", "oid", "name", "inet", "cidr", "xml", "bit", "varbit",
            "point", "tsvector");

    private Types() {}

    static Resolved resolve(TypeName t) {
        return switch (t.name()) {
            case "int4", "int2" -> new Resolved(SqlType.INTEGER, -1);
            case "int8" -> new Resolved(SqlType.BIGINT, -1);
            case "float8", "float4" -> new Resolved(SqlType.DOUBLE, -1);
            case "bool" -> new Resolved(SqlType.BOOLEAN, -1);
            case "text" -> new Resolved(SqlType.TEXT, -1);
            case "varchar" -> {
                if (t.length() == 0) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                            "length for type varchar must be at least 1", t.pos() + 1);
                }
                yield new Resolved(SqlType.TEXT, t.length());
            }
            default -> {
                if (NOT_YET.contains(t.name())) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                            "type " + displayName(t.name()) + " is not supported yet", t.pos() + 1);
                }
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "type \"" + t.name() + "\" does not exist", t.pos() + 1);
            }
        };
    }

    private static String displayName(String internal) {
        return switch (internal) {
            case "bpchar" -> "character";
            case "timestamptz" -> "timestamp with time zone";
            case "timestamp" -> "timestamp without time zone";
            default -> internal;
        };
    }
}
