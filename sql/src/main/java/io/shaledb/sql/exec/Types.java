package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.TypeName;
import io.shaledb.sql.types.Numerics;
import io.shaledb.sql.types.SqlType;
import java.util.Set;

/** Resolves type names as written in SQL to ShaleDB types. */
public final class Types {
    /** A resolved type: the SQL type plus a varchar length limit (or -1). */
    public record Resolved(SqlType type, int maxLength) {}

    /** PostgreSQL types ShaleDB knows by name but cannot store yet. */
    private static final Set<String> NOT_YET = Set.of("serial", "bigserial", "smallserial",
            "serial4", "serial8", "serial2", "timetz", "json", "money", "inet", "cidr", "xml",
            "bit", "varbit", "point", "tsvector");

    private Types() {}

    public static Resolved resolve(TypeName t) {
        if (t.name().endsWith("[]")) {
            return ArrayTypes.resolve(t);
        }
        return switch (t.name()) {
            case "jsonb" -> new Resolved(SqlType.JSONB, -1);
            case "oid" -> new Resolved(SqlType.OID, -1);
            case "regclass" -> new Resolved(SqlType.REGCLASS, -1);
            case "regtype" -> new Resolved(SqlType.REGTYPE, -1);
            case "regproc" -> new Resolved(SqlType.REGPROC, -1);
            case "regnamespace" -> new Resolved(SqlType.REGNAMESPACE, -1);
            case "regrole" -> new Resolved(SqlType.REGROLE, -1);
            case "name" -> new Resolved(SqlType.NAME, -1);
            case "\"char\"" -> new Resolved(SqlType.CHAR, -1);
            case "int2" -> new Resolved(SqlType.SMALLINT, -1);
            case "int4" -> new Resolved(SqlType.INTEGER, -1);
            case "int8" -> new Resolved(SqlType.BIGINT, -1);
            case "float8" -> new Resolved(SqlType.DOUBLE, -1);
            case "float4" -> new Resolved(SqlType.REAL, -1);
            case "bool" -> new Resolved(SqlType.BOOLEAN, -1);
            case "text" -> new Resolved(SqlType.TEXT, -1);
            case "bytea" -> new Resolved(SqlType.BYTEA, -1);
            case "uuid" -> new Resolved(SqlType.UUID, -1);
            case "date" -> new Resolved(SqlType.DATE, -1);
            case "time" -> new Resolved(SqlType.TIME, precision(t, "time"));
            case "timestamp" -> new Resolved(SqlType.TIMESTAMP, precision(t, "timestamp"));
            case "timestamptz" -> new Resolved(SqlType.TIMESTAMPTZ, precision(t, "timestamp"));
            case "interval" -> new Resolved(SqlType.INTERVAL, precision(t, "interval"));
            case "numeric" -> {
                if (t.length() >= 0) {
                    int p = Numerics.precision(t.length());
                    int sc = Numerics.scale(t.length());
                    if (p < 1 || p > 1000) {
                        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                                "NUMERIC precision " + p + " must be between 1 and 1000", t.pos() + 1);
                    }
                    if (sc < 0 || sc > p) {
                        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                                "NUMERIC scale " + sc + " must be between 0 and precision " + p, t.pos() + 1);
                    }
                }
                yield new Resolved(SqlType.NUMERIC, t.length());
            }
            case "varchar", "bpchar" -> {
                if (t.length() == 0) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                            "length for type " + t.name() + " must be at least 1", t.pos() + 1);
                }
                yield new Resolved(t.name().equals("varchar") ? SqlType.VARCHAR : SqlType.BPCHAR, t.length());
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

    /** A fractional-seconds precision: 0..6 (PostgreSQL lowers larger values to 6 with a warning). */
    private static int precision(TypeName t, String what) {
        if (t.length() < 0) {
            return -1;
        }
        if (t.length() > 6) {
            return 6;
        }
        return t.length();
    }

    private static String displayName(String internal) {
        return switch (internal) {
            case "timetz" -> "time with time zone";
            default -> internal;
        };
    }
}
