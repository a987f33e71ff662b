package io.shaledb.sql.exec.srf;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.RowShape;
import io.shaledb.sql.types.SqlType;

/** Binds {@code (expr).field} with PostgreSQL's errors, and describes record-typed output columns. */
public final class FieldSelection {
    private FieldSelection() {}

    /** {@code (record).field} over the bound {@code record}. */
    public static Bound bind(Bound record, Expr.FieldSelect s) {
        int pos = s.operand().pos() + 1;
        if (record.type() != SqlType.RECORD) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "column notation ." + s.field() + " applied to type "
                    + record.type().sqlName() + ", which is not a composite type", pos);
        }
        if (s.field().equals("*")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "row expansion via \"*\" is not supported here", pos);
        }
        RowShape shape = record instanceof Shaped sh ? sh.shape() : null;
        int index = shape == null ? -1 : shape.indexOf(s.field());
        if (index < 0) {
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "could not identify column \"" + s.field()
                    + "\" in record data type", pos);
        }
        SqlType type = shape.types().get(index);
        return new FieldSelect(record, index, type, null);
    }

    /** The output column of a select item that is not a table column: a record keeps its shape. */
    public static ColumnInfo columnInfo(String name, Bound b) {
        if (b.type() == SqlType.RECORD && b instanceof Shaped s && s.shape() != null) {
            return new ColumnInfo(name, SqlType.RECORD, 0, (short) 0, s.shape());
        }
        return new ColumnInfo(name, b.type());
    }
}
