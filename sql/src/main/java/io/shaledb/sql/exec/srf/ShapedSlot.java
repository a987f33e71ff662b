package io.shaledb.sql.exec.srf;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.RowShape;
import io.shaledb.sql.types.SqlType;

/** A record-typed column of a derived table, with the fields its values have. */
public record ShapedSlot(Bound.Slot slot, RowShape shape) implements Bound.Extension, Shaped {
    @Override
    public SqlType type() {
        return slot.type();
    }

    @Override
    public Object eval(Object[] row) {
        return slot.eval(row);
    }
}
