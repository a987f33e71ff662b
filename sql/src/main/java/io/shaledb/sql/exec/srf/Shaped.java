package io.shaledb.sql.exec.srf;

import io.shaledb.sql.types.RowShape;

/** An expression of type record that knows the fields of the values it produces. */
public interface Shaped {
    RowShape shape();
}
