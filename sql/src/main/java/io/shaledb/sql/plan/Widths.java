package io.shaledb.sql.plan;

import io.shaledb.sql.types.SqlType;
import java.util.List;

/** Average column widths in bytes, as PostgreSQL assumes them without statistics (get_typavgwidth). */
public final class Widths {
    /** PostgreSQL's guess for a variable-length value it knows nothing about. */
    public static final int VARLENA = 32;

    private Widths() {}

    public static int of(SqlType type) {
        return type.length() > 0 ? type.length() : VARLENA;
    }

    public static int of(List<SqlType> types) {
        int w = 0;
        for (SqlType t : types) {
            w += of(t);
        }
        return w;
    }
}
