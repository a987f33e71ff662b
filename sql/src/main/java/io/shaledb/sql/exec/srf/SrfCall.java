package io.shaledb.sql.exec.srf;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.RowShape;
import io.shaledb.sql.types.SqlType;
import java.util.List;

/**
 * A set-returning function called in the select list. {@link ProjectSet} calls {@link #expand}
 * once per input row and then moves the cursor; {@link #eval} returns the element under the
 * cursor (NULL past the end), so expressions around the call see one element per output row.
 *
 * @param name the function, for EXPLAIN and errors
 * @param type the element type ({@link SqlType#RECORD} for several columns)
 * @param shape the fields when the type is record, else null
 * @param expander computes the elements of the set for one input row
 */
public final class SrfCall implements Bound.Extension, Shaped {
    /** Computes the set a call returns for one input row. */
    public interface Expander {
        List<Object> expand(Object[] row);
    }

    private final String name;
    private final SqlType type;
    private final RowShape shape;
    private final Expander expander;
    private List<Object> elements = List.of();
    private int cursor;

    public SrfCall(String name, SqlType type, RowShape shape, Expander expander) {
        this.name = name;
        this.type = type;
        this.shape = shape;
        this.expander = expander;
    }

    /** Computes this call's set for {@code row} and puts the cursor before its first element; returns its size. */
    int expand(Object[] row) {
        elements = expander.expand(row);
        cursor = 0;
        return elements.size();
    }

    void moveTo(int index) {
        cursor = index;
    }

    public String name() {
        return name;
    }

    @Override
    public RowShape shape() {
        return shape;
    }

    @Override
    public SqlType type() {
        return type;
    }

    @Override
    public Object eval(Object[] row) {
        return cursor < elements.size() ? elements.get(cursor) : null;
    }
}
