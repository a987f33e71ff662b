package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.parser.Parser;

/**
 * Column DEFAULT expressions: stored in the catalog as SQL text, parsed and bound (with an
 * assignment cast to the column's type) whenever a statement needs them, and evaluated once per
 * row that takes the default, so {@code DEFAULT now()} or a future {@code nextval(...)} gives each
 * row its own value.
 */
final class ColumnDefaults {
    private ColumnDefaults() {}

    /** The bound default of {@code column}: its expression, or NULL when it has none. */
    static Bound bind(Column column) {
        if (column.defaultExpr() == null) {
            return new Bound.Const(null, column.type());
        }
        Expr e = Parser.parseExpression(column.defaultExpr());
        try {
            return new Binder(Binder.Scope.EMPTY, "DEFAULT").bindAssignment(e, column);
        } catch (SqlException x) {
            if (x.state() == SqlState.DATATYPE_MISMATCH) {
                throw new SqlException(SqlState.DATATYPE_MISMATCH, x.getMessage().replace("but expression", "but default expression"),
                        0, null, x.hint(), null);
            }
            if (x.state() == SqlState.UNDEFINED_COLUMN) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression");
            }
            throw x.withPosition(0); // a position would point into the stored text, not the statement
        }
    }

    /** 428C9: a value other than DEFAULT for a GENERATED ALWAYS identity column. */
    static SqlException generatedAlways(Column column, boolean update) {
        if (update) {
            return new SqlException(SqlState.GENERATED_ALWAYS, "column \"" + column.name() + "\" can only be updated to DEFAULT", 0,
                    "Column \"" + column.name() + "\" is an identity column defined as GENERATED ALWAYS.", null, null);
        }
        return new SqlException(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \"" + column.name() + "\"", 0,
                "Column \"" + column.name() + "\" is an identity column defined as GENERATED ALWAYS.",
                "Use OVERRIDING SYSTEM VALUE to override.", null);
    }

    /** The bound defaults of every column of {@code table}. */
    static Bound[] bindAll(Table table) {
        Bound[] out = new Bound[table.columns().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bind(table.column(i));
        }
        return out;
    }
}
