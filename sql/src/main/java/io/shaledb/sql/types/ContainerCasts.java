package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Casts involving arrays and jsonb, as in PostgreSQL's pg_cast:
 *
 * <pre>
 *   T[] -> U[]          element by element, in the context of the T -> U cast
 *   jsonb -> numeric, int2/4/8, float4/8, boolean   explicit; the value must be a JSON number (boolean)
 *   jsonb, T[] -> text  assignment (the output function);  text -> jsonb, T[]  explicit (input)
 * </pre>
 */
final class ContainerCasts {
    private ContainerCasts() {}

    /** The context of a cast from or to an array or jsonb type, or null to use the string rules. */
    static Values.CastContext castContext(SqlType from, SqlType to) {
        if (from.isString() || to.isString()) {
            return null;
        }
        if (from.isArray() && to.isArray()) {
            return Values.castContext(from.elementType(), to.elementType());
        }
        if (from == SqlType.JSONB && (to.isNumeric() || to == SqlType.BOOLEAN)) {
            return Values.CastContext.EXPLICIT;
        }
        return Values.CastContext.NONE;
    }

    static Object cast(Object v, SqlType from, SqlType to) {
        if (to == SqlType.JSONB && from != SqlType.JSONB) {
            // not a cast PostgreSQL offers (castContext is NONE); internal conversions such as jsonb_agg's input use it
            return new Jsonb(Jsonb.fromSql(v, from));
        }
        if (from.isArray() && to.isArray()) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) v) {
                out.add(e == null ? null : Values.cast(e, from.elementType(), to.elementType()));
            }
            return out;
        }
        Object root = ((Jsonb) v).root();
        if (to == SqlType.BOOLEAN) {
            if (root instanceof Boolean b) {
                return b;
            }
        } else if (root instanceof BigDecimal d) {
            return Values.cast(d, SqlType.NUMERIC, to);
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb " + Jsonb.typeOf(root)
                + " to type " + to.sqlName());
    }
}
