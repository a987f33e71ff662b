package io.shaledb.pgwire.codec;

import io.shaledb.sql.types.SqlType;
import java.util.HashMap;
import java.util.Map;

/** PostgreSQL type OIDs as clients name them in Parse, mapped to ShaleDB's types. */
public final class TypeOids {
    /** json: ShaleDB has only jsonb; a json parameter is read from its text like an untyped literal. */
    public static final int JSON = 114;
    private static final Map<Integer, SqlType> BY_OID = new HashMap<>();

    static {
        for (SqlType t : SqlType.values()) {
            BY_OID.put(t.oid(), t);
        }
    }

    private TypeOids() {}

    /**
     * The type of a parameter the client declared with {@code oid}: {@link SqlType#UNKNOWN} for 0
     * (the server decides) and for types ShaleDB does not have (their text is then read like an
     * untyped literal, so {@code json} and {@code oid} parameters still work in text format).
     */
    public static SqlType type(int oid) {
        SqlType t = BY_OID.get(oid);
        return t == null ? SqlType.UNKNOWN : t;
    }

    /** Whether ShaleDB knows {@code oid} as a type of its own. */
    public static boolean known(int oid) {
        return BY_OID.containsKey(oid) && oid != SqlType.UNKNOWN.oid();
    }
}
