package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans and runs a SELECT over at most one table:
 *
 * <pre>
 *   scan --WHERE--> [group + aggregate --HAVING-->] project --> [DISTINCT] --> [sort] --> OFFSET/LIMIT --> sink
 * </pre>
 *
 * Without grouping, DISTINCT or ORDER BY, rows stream straight from the scan to the sink and the
 * scan stops once LIMIT is reached; otherwise the result is materialized first.
 */
final class SelectExecutor {

    /** A target-list entry after {@code *} expansion. */
    private record Target(Expr expr, String name) {}

    /** One ORDER BY key: an output column ({@code output >= 0}) or an expression over the projection input. */
    private record SortKey(int output, Bound expr, boolean descending, boolean nullsFirst) {}

    /** Where the rows of FROM come from: a table's engine, or a computed view. */
    interface RowSource {
        /** Feeds rows to {@code visitor} until it returns false or the rows run out. */
        void forEach(java.util.function.Predicate<Object[]> visitor);
    }

    private final RowSource source;
    private final Table table;
    private final Binder.Scope scope;
    private final Statement.Select select;

    private List<Target> targets;
    private Bound where;
    private Grouping grouping;
    private Bound having;
    private List<Bound> outputs;
    private List<ColumnInfo> columns;
    private final List<SortKey> sortKeys = new ArrayList<>();
    private long limit = Long.MAX_VALUE;
    private long offset;

    /** {@code table} and {@code source} are null for a SELECT without FROM. */
    SelectExecutor(Table table, Statement.Select select, RowSource source) {
        this(table, select, source, null);
    }

    /** {@code planner} binds subqueries in the statement's expressions (null: none allowed). */
    SelectExecutor(Table table, Statement.Select select, RowSource source, QueryPlanner planner) {
        this.source = source;
        this.table = table;
        this.select = select;
        this.scope = new Binder.Scope(table, table == null ? null : select.from(), null, null, planner);
    }

    /** The bound WHERE clause (after {@link #plan()}), or null. */
    Bound where() {
        return where;
    }

    /** Plans the query; all name, type and constant errors surface here, before any row is sent. */
    SelectExecutor plan() {
        expandTargets();
        if (select.where() != null) {
            where = new Binder(scope, "WHERE").bindCondition(select.where(), "WHERE");
        }
        boolean grouped = !select.groupBy().isEmpty() || select.having() != null
                || targets.stream().anyMatch(t -> Grouping.containsAggregate(t.expr()))
                || select.orderBy().stream().anyMatch(o -> Grouping.containsAggregate(o.expr()));
        Binder projection;
        if (grouped) {
            grouping = new Grouping(scope);
            for (Expr g : select.groupBy()) {
                grouping.addKey(groupByTarget(g));
            }
            if (!select.locking().isEmpty() && table != null) {
                // A grouped query cannot lock rows, and PostgreSQL says so before it checks grouping:
                // with every input column as a key, binding reports only the errors that come earlier.
                for (var c : table.columns()) {
                    grouping.addKey(new Expr.ColumnRef(null, c.name(), 0));
                }
            }
            projection = new Binder(scope, null, grouping);
        } else {
            projection = new Binder(scope, "SELECT");
        }
        if (targets.stream().anyMatch(t -> Windowing.containsWindow(t.expr()))
                || select.orderBy().stream().anyMatch(o -> Windowing.containsWindow(o.expr()))) {
            LockingAnalysis.check(select, grouped); // window functions only reach here with a locking clause
        }
        outputs = new ArrayList<>();
        columns = new ArrayList<>();
        for (Target t : targets) {
            Bound b = Binder.resolveUnknownAsText(projection.bind(t.expr()));
            outputs.add(b);
            columns.add(b instanceof Bound.Slot s && s.tableOid() != 0
                    ? new ColumnInfo(t.name(), b.type(), s.tableOid(), (short) s.attnum())
                    : new ColumnInfo(t.name(), b.type()));
        }
        if (select.having() != null) {
            having = projection.bindCondition(select.having(), "HAVING");
        }
        for (Statement.OrderItem o : select.orderBy()) {
            sortKeys.add(sortKey(o, projection));
        }
        Bound limitCount = countExpression(select.limit(), "LIMIT");
        Bound offsetCount = countExpression(select.offset(), "OFFSET");
        boolean aggregates = targets.stream().anyMatch(t -> Grouping.containsAggregate(t.expr()))
                || Grouping.containsAggregate(select.having())
                || select.orderBy().stream().anyMatch(o -> Grouping.containsAggregate(o.expr()));
        LockingAnalysis.check(select, aggregates);
        limit = evaluateCount(limitCount, "LIMIT", Long.MAX_VALUE);
        offset = evaluateCount(offsetCount, "OFFSET", 0);
        return this;
    }

    private void expandTargets() {
        targets = new ArrayList<>();
        for (Statement.SelectItem item : select.items()) {
            if (!item.star()) {
                targets.add(new Target(item.expr(), item.alias() != null ? item.alias() : Binder.columnName(item.expr())));
                continue;
            }
            if (table == null) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", item.pos() + 1);
            }
            if (item.starTable() != null) {
                // Validate the qualifier the same way a column reference would.
                new Binder(scope, "SELECT").column(new Expr.ColumnRef(item.starTable(),
                        table.columns().isEmpty() ? "" : table.column(0).name(), item.pos()));
            }
            for (var c : table.columns()) {
                targets.add(new Target(new Expr.ColumnRef(null, c.name(), item.pos()), c.name()));
            }
        }
    }

    /** GROUP BY accepts output-column positions and, failing an input column, output-column names. */
    private Expr groupByTarget(Expr g) {
        if (g instanceof Expr.Literal l && l.value() instanceof Integer n) {
            if (n < 1 || n > targets.size()) {
                throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + n + " is not in select list",
                        g.pos() + 1);
            }
            return targets.get(n - 1).expr();
        }
        if (g instanceof Expr.ColumnRef c && c.table() == null && (table == null || table.columnIndex(c.column()) < 0)) {
            for (Target t : targets) {
                if (t.name().equals(c.column())) {
                    return t.expr();
                }
            }
        }
        return g;
    }

    private SortKey sortKey(Statement.OrderItem o, Binder projection) {
        boolean nullsFirst = o.nullsFirst() != null ? o.nullsFirst() : o.descending();
        Expr e = o.expr();
        if (e instanceof Expr.Literal l && l.value() instanceof Integer n) {
            if (n < 1 || n > targets.size()) {
                throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + n + " is not in select list",
                        e.pos() + 1);
            }
            return new SortKey(n - 1, null, o.descending(), nullsFirst);
        }
        if (e instanceof Expr.ColumnRef c && c.table() == null) {
            int match = -1;
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).name().equals(c.column())) {
                    if (match >= 0 && !Grouping.strip(targets.get(match).expr()).equals(Grouping.strip(targets.get(i).expr()))) {
                        throw new SqlException(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + c.column() + "\" is ambiguous",
                                e.pos() + 1);
                    }
                    if (match < 0) {
                        match = i;
                    }
                }
            }
            if (match >= 0) {
                return new SortKey(match, null, o.descending(), nullsFirst);
            }
        }
        if (select.distinct()) {
            Expr stripped = Grouping.strip(e);
            for (int i = 0; i < targets.size(); i++) {
                if (Grouping.strip(targets.get(i).expr()).equals(stripped)) {
                    return new SortKey(i, null, o.descending(), nullsFirst);
                }
            }
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE,
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list", e.pos() + 1);
        }
        return new SortKey(-1, Binder.resolveUnknownAsText(projection.bind(e)), o.descending(), nullsFirst);
    }

    /** LIMIT or OFFSET bound as a bigint (null when absent); evaluating it is {@link #evaluateCount}'s job. */
    static Bound countExpression(Expr e, String clause) {
        if (e == null) {
            return null;
        }
        Bound b = new Binder(Binder.Scope.EMPTY, clause).bind(e);
        return switch (b.type()) {
            case UNKNOWN -> Binder.coerceUnknown(b, e, SqlType.BIGINT);
            case BIGINT -> b;
            case SMALLINT, INTEGER, NUMERIC, REAL, DOUBLE -> new Bound.Convert(b, b.type(), SqlType.BIGINT, -1, false);
            default -> throw new SqlException(SqlState.DATATYPE_MISMATCH, "argument of " + clause
                    + " must be type bigint, not type " + b.type().sqlName(), e.pos() + 1);
        };
    }

    /** The value of a bound LIMIT / OFFSET: PostgreSQL evaluates these when the query starts, after analysis. */
    static long evaluateCount(Bound b, String clause, long absent) {
        if (b == null) {
            return absent;
        }
        Object v = b.eval(new Object[0]);
        if (v == null) {
            return absent;
        }
        long n = (Long) v;
        if (n < 0) {
            throw new SqlException(clause.equals("LIMIT") ? SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE
                    : SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, clause + " must not be negative");
        }
        return n;
    }

    // ------------------------------------------------------------------ execution

    /** Runs the planned query; returns the number of rows sent. */
    long run(ResultSink sink) {
        sink.columns(List.copyOf(columns));
        if (grouping == null && sortKeys.isEmpty() && !select.distinct()) {
            return stream(sink);
        }
        List<Object[]> input = new ArrayList<>();
        forEachInputRow(row -> {
            input.add(row);
            return true;
        });
        List<Object[]> projectionInput = grouping == null ? input : aggregate(input);
        List<Object[]> results = new ArrayList<>(); // [outputs..., sort keys...]
        Set<RowKey> seen = select.distinct() ? new HashSet<>() : null;
        for (Object[] row : projectionInput) {
            Object[] out = project(row);
            if (seen != null && !seen.add(RowKey.of(out))) {
                continue;
            }
            Object[] withKeys = new Object[out.length + sortKeys.size()];
            System.arraycopy(out, 0, withKeys, 0, out.length);
            for (int i = 0; i < sortKeys.size(); i++) {
                SortKey k = sortKeys.get(i);
                withKeys[out.length + i] = k.output() >= 0 ? out[k.output()] : k.expr().eval(row);
            }
            results.add(withKeys);
        }
        if (!sortKeys.isEmpty()) {
            results.sort(comparator(outputs.size()));
        }
        long sent = 0;
        for (long i = offset; i < results.size() && sent < limit; i++) {
            Object[] r = results.get((int) i);
            Object[] out = new Object[outputs.size()];
            System.arraycopy(r, 0, out, 0, out.length);
            sink.row(out);
            sent++;
        }
        return sent;
    }

    private long stream(ResultSink sink) {
        long[] counts = {0, 0}; // skipped, sent
        if (limit == 0) {
            return 0;
        }
        forEachInputRow(row -> {
            if (counts[0] < offset) {
                counts[0]++;
                return true;
            }
            sink.row(project(row));
            counts[1]++;
            return counts[1] < limit;
        });
        return counts[1];
    }

    /** Feeds every input row passing WHERE to {@code visitor} (one empty row without FROM). */
    private void forEachInputRow(java.util.function.Predicate<Object[]> visitor) {
        if (table == null) {
            Object[] empty = new Object[0];
            if (where == null || Boolean.TRUE.equals(where.eval(empty))) {
                visitor.test(empty);
            }
            return;
        }
        source.forEach(row -> where != null && !Boolean.TRUE.equals(where.eval(row)) || visitor.test(row));
    }

    private List<Object[]> aggregate(List<Object[]> input) {
        List<Bound> keys = grouping.keys();
        List<Aggregates.Spec> specs = grouping.aggregates();
        Map<RowKey, Aggregates.Accumulator[]> groups = new LinkedHashMap<>();
        Map<RowKey, Object[]> keyValues = new LinkedHashMap<>();
        for (Object[] row : input) {
            Object[] k = new Object[keys.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = keys.get(i).eval(row);
            }
            RowKey rk = RowKey.of(k);
            Aggregates.Accumulator[] accs = groups.get(rk);
            if (accs == null) {
                accs = newAccumulators(specs);
                groups.put(rk, accs);
                keyValues.put(rk, k);
            }
            for (int i = 0; i < specs.size(); i++) {
                Bound arg = specs.get(i).arg();
                accs[i].add(arg == null ? null : arg.eval(row));
            }
        }
        if (groups.isEmpty() && keys.isEmpty()) {
            RowKey none = RowKey.of(new Object[0]);
            groups.put(none, newAccumulators(specs));
            keyValues.put(none, new Object[0]);
        }
        List<Object[]> out = new ArrayList<>();
        for (Map.Entry<RowKey, Aggregates.Accumulator[]> g : groups.entrySet()) {
            Object[] k = keyValues.get(g.getKey());
            Object[] groupRow = new Object[k.length + specs.size()];
            System.arraycopy(k, 0, groupRow, 0, k.length);
            for (int i = 0; i < specs.size(); i++) {
                groupRow[k.length + i] = g.getValue()[i].result();
            }
            if (having == null || Boolean.TRUE.equals(having.eval(groupRow))) {
                out.add(groupRow);
            }
        }
        return out;
    }

    private static Aggregates.Accumulator[] newAccumulators(List<Aggregates.Spec> specs) {
        Aggregates.Accumulator[] accs = new Aggregates.Accumulator[specs.size()];
        for (int i = 0; i < accs.length; i++) {
            accs[i] = specs.get(i).newAccumulator();
        }
        return accs;
    }

    private Object[] project(Object[] row) {
        Object[] out = new Object[outputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = outputs.get(i).eval(row);
        }
        return out;
    }

    private Comparator<Object[]> comparator(int base) {
        return (a, b) -> {
            for (int i = 0; i < sortKeys.size(); i++) {
                SortKey k = sortKeys.get(i);
                int c = compareNullable(a[base + i], b[base + i], k.descending(), k.nullsFirst());
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    static int compareNullable(Object x, Object y, boolean descending, boolean nullsFirst) {
        if (x == null || y == null) {
            if (x == y) {
                return 0;
            }
            return (x == null) == nullsFirst ? -1 : 1;
        }
        int c = io.shaledb.sql.types.Values.compare(x, y);
        return descending ? -c : c;
    }
}
