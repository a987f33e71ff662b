package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code RETURNING} list of INSERT, UPDATE and DELETE: bound against the target table like a
 * SELECT list, evaluated on each row the statement wrote (the new row for INSERT and UPDATE, the
 * old one for DELETE), and sent as a SELECT's rows once the statement has succeeded — a statement
 * that fails half-way returns nothing, as in PostgreSQL, whose command tag still says
 * {@code INSERT 0 n} / {@code UPDATE n} / {@code DELETE n}.
 */
final class Returning {
    private static final Returning NONE = new Returning(List.of(), List.of(), 0);

    private final List<Bound> outputs;
    private final List<ColumnInfo> columns;
    private final int width;
    private final List<Object[]> rows = new ArrayList<>();

    private Returning(List<Bound> outputs, List<ColumnInfo> columns, int width) {
        this.outputs = outputs;
        this.columns = columns;
        this.width = width;
    }

    /** Binds {@code items} against {@code table} as {@code ref} names it; no items means no RETURNING. */
    static Returning of(Table table, Statement.TableRef ref, List<Statement.SelectItem> items) {
        if (items.isEmpty()) {
            return NONE;
        }
        Binder.Scope scope = new Binder.Scope(table, ref);
        Binder binder = new Binder(scope, "RETURNING");
        List<Bound> outputs = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        for (Statement.SelectItem item : items) {
            List<Expr> exprs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (item.star()) {
                if (item.starTable() != null && !item.starTable().equals(ref.visibleName())) {
                    throw new SqlException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + item.starTable() + "\"",
                            item.pos() + 1);
                }
                for (var c : table.columns()) {
                    exprs.add(new Expr.ColumnRef(null, c.name(), item.pos()));
                    names.add(c.name());
                }
            } else {
                exprs.add(item.expr());
                names.add(item.alias() != null ? item.alias() : Binder.columnName(item.expr()));
            }
            for (int i = 0; i < exprs.size(); i++) {
                Bound b = Binder.resolveUnknownAsText(binder.bind(exprs.get(i)));
                outputs.add(b);
                columns.add(b instanceof Bound.Slot s && s.tableOid() != 0
                        ? new ColumnInfo(names.get(i), b.type(), s.tableOid(), (short) s.attnum())
                        : new ColumnInfo(names.get(i), b.type()));
            }
        }
        return new Returning(List.copyOf(outputs), List.copyOf(columns), table.columns().size() + Executor.SYSTEM_COLUMNS);
    }

    /**
     * Binds {@code items} against the FROM-clause layout of UPDATE ... FROM / DELETE ... USING:
     * names (and {@code *}) reach every relation of {@code scope}'s namespace; rows given to
     * {@link #add} are whole layout rows of {@code width} slots.
     */
    static Returning of(Binder.Scope scope, int width, List<Statement.SelectItem> items) {
        if (items.isEmpty()) {
            return NONE;
        }
        Binder binder = new Binder(scope, "RETURNING");
        List<Bound> outputs = new ArrayList<>();
        List<ColumnInfo> columns = new ArrayList<>();
        for (Statement.SelectItem item : items) {
            if (item.star()) {
                List<Namespace.Column> cols = item.starTable() == null ? scope.ns().star() : scope.ns().star(item.starTable());
                if (cols == null) {
                    throw scope.ns().notFound(new Expr.ColumnRef(item.starTable(), "*", item.pos()), Namespace.Miss.NO_RELATION);
                }
                for (Namespace.Column c : cols) {
                    outputs.add(c.expr());
                    columns.add(info(c.name(), c.expr()));
                }
            } else {
                Bound b = Binder.resolveUnknownAsText(binder.bind(item.expr()));
                outputs.add(b);
                columns.add(info(item.alias() != null ? item.alias() : Binder.columnName(item.expr()), b));
            }
        }
        return new Returning(List.copyOf(outputs), List.copyOf(columns), width);
    }

    private static ColumnInfo info(String name, Bound b) {
        return b instanceof Bound.Slot s && s.tableOid() != 0
                ? new ColumnInfo(name, b.type(), s.tableOid(), (short) s.attnum())
                : new ColumnInfo(name, b.type());
    }

    /**
     * Evaluates the list on a written row: its columns, then (when present) xmin and xmax; a row
     * without system columns gets {@code xmin} = the writing transaction, {@code xmax} = 0.
     */
    void add(Object[] row, long xid) {
        if (outputs.isEmpty()) {
            return;
        }
        Object[] full = row;
        if (row.length < width) {
            full = Arrays.copyOf(row, width);
            full[width - 2] = xid;
            full[width - 1] = 0L;
        }
        Object[] out = new Object[outputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = outputs.get(i).eval(full);
        }
        rows.add(out);
    }

    /** Sends the collected rows (nothing without a RETURNING clause). */
    void emit(ResultSink sink) {
        if (outputs.isEmpty()) {
            return;
        }
        sink.columns(columns);
        for (Object[] row : rows) {
            sink.row(row);
        }
    }
}
