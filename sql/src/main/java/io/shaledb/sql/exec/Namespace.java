package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a SELECT's FROM clause makes visible, resolved to expressions over the clause's row
 * layout (every relation's columns side by side, see {@link QueryPlanner}).
 *
 * <pre>
 *   FROM a JOIN b USING (id), c AS x(p, q)
 *   items:  [ join: id(merged) a.v b.w ]   [ x: p q ]        unqualified names, and *
 *   rels:   a -> id v xmin xmax,  b -> id w xmin xmax,  x -> p q   qualified names, and t.*
 * </pre>
 *
 * A FROM item's {@link Item#columns} are what {@code *} and unqualified names see (a USING join
 * shows its merged columns once); its {@link Item#rels} are the relation names inside it, for
 * {@code rel.col} and {@code rel.*}. System columns are hidden from {@code *}.
 */
final class Namespace {

    /** A visible column: its name and the expression that computes it from the layout row. */
    record Column(String name, Bound expr, boolean hidden) {}

    /** One top-level FROM item (a table, a derived table, a join, ...). */
    record Item(List<Column> columns, Map<String, List<Column>> rels) {}

    /** Outcome of a lookup that found nothing: the relation name is unknown, or its column is. */
    enum Miss { NO_RELATION, NO_COLUMN }

    private final List<Item> items = new ArrayList<>();
    /** Table name to alias, for PostgreSQL's "invalid reference to FROM-clause entry" hint. */
    private final Map<String, String> aliasedTables = new LinkedHashMap<>();

    static final Namespace EMPTY = new Namespace();

    void add(Item item, int pos) {
        for (String rel : item.rels().keySet()) {
            for (Item other : items) {
                if (other.rels().containsKey(rel)) {
                    throw duplicateAlias(rel, pos);
                }
            }
        }
        items.add(item);
    }

    static SqlException duplicateAlias(String rel, int pos) {
        return new SqlException(SqlState.DUPLICATE_ALIAS, "table name \"" + rel + "\" specified more than once");
    }

    void noteAlias(String table, String alias) {
        aliasedTables.putIfAbsent(table, alias);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * The expression for {@code c}, or null when this level does not know it (the caller then
     * tries outer query levels); {@code miss[0]} says why. Ambiguity is an error at once.
     */
    Column resolve(Expr.ColumnRef c, Miss[] miss) {
        if (c.table() != null) {
            List<Column> rel = null;
            for (Item item : items) {
                List<Column> r = item.rels().get(c.table());
                if (r != null) {
                    rel = r;
                }
            }
            if (rel == null) {
                miss[0] = Miss.NO_RELATION;
                return null;
            }
            Column found = null;
            for (Column col : rel) {
                if (col.name().equals(c.column())) {
                    if (found != null) {
                        throw ambiguous(c);
                    }
                    found = col;
                }
            }
            if (found == null) {
                miss[0] = Miss.NO_COLUMN;
            }
            return found;
        }
        Column found = null;
        for (Item item : items) {
            for (Column col : item.columns()) {
                if (col.name().equals(c.column())) {
                    if (found != null) {
                        throw ambiguous(c);
                    }
                    found = col;
                }
            }
        }
        if (found == null) {
            miss[0] = Miss.NO_COLUMN;
        }
        return found;
    }

    private static SqlException ambiguous(Expr.ColumnRef c) {
        String name = c.table() == null ? c.column() : c.table() + "." + c.column();
        return new SqlException(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous", c.pos() + 1);
    }

    /** The error for a reference no query level could resolve, as this (the innermost) level reports it. */
    SqlException notFound(Expr.ColumnRef c, Miss miss) {
        if (c.table() == null) {
            return new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + c.column() + "\" does not exist", c.pos() + 1);
        }
        if (miss == Miss.NO_COLUMN) {
            return new SqlException(SqlState.UNDEFINED_COLUMN, "column " + c.table() + "." + c.column() + " does not exist",
                    c.pos() + 1);
        }
        String alias = aliasedTables.get(c.table());
        if (alias != null) {
            return new SqlException(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \""
                    + c.table() + "\"", c.pos() + 1, null,
                    "Perhaps you meant to reference the table alias \"" + alias + "\".", null);
        }
        return new SqlException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + c.table() + "\"",
                c.pos() + 1);
    }

    /** The columns of {@code *}: every item's visible columns, in FROM order. */
    List<Column> star() {
        List<Column> out = new ArrayList<>();
        for (Item item : items) {
            for (Column c : item.columns()) {
                if (!c.hidden()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The columns of {@code rel.*}, or null when no relation has that name. */
    List<Column> star(String rel) {
        for (Item item : items) {
            List<Column> r = item.rels().get(rel);
            if (r != null) {
                return r.stream().filter(c -> !c.hidden()).toList();
            }
        }
        return null;
    }

    /** Every relation name visible for qualified references. */
    List<String> relationNames() {
        List<String> out = new ArrayList<>();
        items.forEach(item -> out.addAll(item.rels().keySet()));
        return out;
    }
}
