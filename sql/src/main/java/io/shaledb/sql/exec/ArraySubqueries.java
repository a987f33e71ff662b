package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ARRAY(SELECT x FROM ...)}: the subquery's single column collected, in the order the
 * rows come, into one array value; no rows give an empty array (never NULL), NULL values are
 * NULL elements. Evaluated by {@link Correlation.SubqueryValue} like a scalar subquery (once when
 * uncorrelated, per outer row when correlated).
 */
final class ArraySubqueries {
    private ArraySubqueries() {}

    /** The array type of a subquery whose column is of type {@code element} (an unknown column is text, as in PostgreSQL). */
    static SqlType arrayType(SqlType element, int pos) {
        SqlType e = element == SqlType.UNKNOWN ? SqlType.TEXT : element;
        SqlType array = e.arrayType();
        if (array == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "could not find array type for data type " + e.sqlName(), pos + 1);
        }
        return array;
    }

    /** Runs {@code plan} (already given its outer row) and returns its first column as a list. */
    static List<Object> collect(Operator plan) {
        List<Object> values = new ArrayList<>();
        plan.open();
        try {
            for (Object[] r = plan.next(); r != null; r = plan.next()) {
                values.add(r[0]);
            }
        } finally {
            plan.close();
        }
        return values;
    }
}
