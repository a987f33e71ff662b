package io.shaledb.sql.exec.srf;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.RowShape;
import io.shaledb.sql.types.RowValue;
import io.shaledb.sql.types.SqlType;

/** {@code (record).field}: NULL when the record is NULL. */
public record FieldSelect(Bound record, int index, SqlType type, RowShape shape) implements Bound.Extension, Shaped {
    @Override
    public Object eval(Object[] row) {
        Object v = record.eval(row);
        return v == null ? null : ((RowValue) v).values().get(index);
    }
}
