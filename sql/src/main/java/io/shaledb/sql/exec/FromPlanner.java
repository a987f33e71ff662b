package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.JoinPlanner.From;
import io.shaledb.sql.exec.JoinPlanner.Group;
import io.shaledb.sql.exec.JoinPlanner.Leaf;
import io.shaledb.sql.exec.JoinPlanner.Node;
import io.shaledb.sql.exec.JoinPlanner.OuterJoin;
import io.shaledb.sql.exec.QueryPlanner.Env;
import io.shaledb.sql.exec.QueryPlanner.Planned;
import io.shaledb.sql.exec.op.Join;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.op.Rows;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a FROM clause: resolves each item (CTE, work table, table, view, system view, derived
 * table, table function, join) to a relation with a slot range in the clause's row layout, builds
 * the {@link Namespace} that names its columns, and the join tree {@link JoinPlanner} orders.
 *
 * <pre>
 *   FROM a JOIN b USING (id), (SELECT ...) s
 *     a: slots 0..n+1 (columns, xmin, xmax)   b: next range   s: next range
 *     namespace items: [ id(merged), a.*, b.* ]  [ s.* ]
 *     join tree: Group([Leaf a, Leaf b, Leaf s], [a.id = b.id])
 * </pre>
 *
 * A name in FROM means, in order: a CTE in scope, a table, a view, a system view.
 */
final class FromPlanner {

    /** A FROM item as planned: its namespace entry and join-tree node. */
    private record Built(Namespace.Item item, Node node) {}

    private final QueryPlanner planner;

    FromPlanner(QueryPlanner planner) {
        this.planner = planner;
    }

    /** Plans the FROM list of a SELECT; {@code outer} is the level enclosing the SELECT. */
    From from(List<FromItem> items, Correlation.Outer outer, Env env) {
        return from(new From(), items, outer, env);
    }

    /** Plans {@code items} after the relations already in {@code from} (the target of UPDATE ... FROM, DELETE ... USING). */
    From from(From from, List<FromItem> items, Correlation.Outer outer, Env env) {
        for (FromItem item : items) {
            Built b = build(item, from, outer, env);
            from.ns.add(b.item(), item.pos());
            from.items.add(b.node());
        }
        return from;
    }

    private Built build(FromItem item, From from, Correlation.Outer outer, Env env) {
        return switch (item) {
            case FromItem.Named n -> named(n, from, outer, env);
            case FromItem.Derived d -> {
                Planned p = planner.plan(d.query(), outer, env, false);
                p = new Planned(planner.hooks().subquery(p.root(), d.alias()), p.columns());
                yield leaf(p, d.alias(), d.columnAliases(), d.pos(), from);
            }
            case FromItem.Function f -> {
                Binder args = new Binder(new Binder.Scope(null, null, Namespace.EMPTY, outer, planner), "FROM");
                Planned p = TableFunctions.plan(f.call(), args, planner.tick());
                if (f.ordinality()) {
                    p = Ordinality.append(p);
                }
                String name = f.alias() != null ? f.alias() : f.call().name();
                p = new Planned(planner.hooks().function(p.root(), f.call().name(), f.alias(), p.types(), List.of()), p.columns());
                List<String> aliases = f.columnAliases();
                if (aliases.isEmpty() && f.alias() != null && p.columns().size() == (f.ordinality() ? 2 : 1)) {
                    aliases = List.of(f.alias());
                }
                yield leaf(p, name, aliases, f.pos(), from);
            }
            case FromItem.Join j -> join(j, from, outer, env);
        };
    }

    private Built named(FromItem.Named n, From from, Correlation.Outer outer, Env env) {
        Statement.TableRef ref = n.ref();
        Object cte = env.lookup(ref.name());
        if (cte instanceof QueryPlanner.CteDef def) {
            Planned p = planner.cte(def, outer);
            p = new Planned(planner.hooks().cteScan(p.root(), ref.name(), ref.alias()), p.columns());
            return leaf(p, ref.visibleName(), n.columnAliases(), ref.pos(), from);
        }
        if (cte instanceof QueryPlanner.WorkTable w) {
            List<ColumnInfo> cols = new ArrayList<>();
            for (int i = 0; i < w.names().size(); i++) {
                cols.add(new ColumnInfo(w.names().get(i), w.types().get(i)));
            }
            Operator work = planner.hooks().workTable(new Rows(() -> w.holder().getFirst()), ref.name(), ref.alias());
            return leaf(new Planned(work, cols), ref.visibleName(), n.columnAliases(), ref.pos(), from);
        }
        io.shaledb.sql.catalog.Catalog catalog = planner.executor().catalog();
        io.shaledb.sql.catalog.View inside = planner.expandingView();
        io.shaledb.sql.catalog.View.Ref bound = inside == null ? null : inside.ref(ref.name());
        Table table;
        io.shaledb.sql.catalog.View view = null;
        if (bound != null) {
            // a view's text names what it meant at CREATE VIEW, whatever that is called now
            table = bound.view() ? null : catalog.tableById(planner.transaction(), bound.id());
            view = bound.view() ? catalog.viewById(planner.transaction(), bound.id()) : null;
        } else {
            String name = catalog.resolve(planner.transaction(), ref.name());
            table = catalog.table(planner.transaction(), name);
            view = table == null ? catalog.view(planner.transaction(), name) : null;
        }
        ViewDependencies deps = planner.dependencies();
        if (deps != null && table != null) {
            deps.relation(ref.name(), table);
        } else if (deps != null && view != null) {
            deps.relation(ref.name(), view);
        }
        if (table == null) {
            if (view != null) {
                io.shaledb.sql.privileges.AccessControl.requireView(view, io.shaledb.sql.privileges.Privilege.SELECT, ref.pos() + 1);
                io.shaledb.sql.catalog.View expanded = view;
                Planned p = io.shaledb.sql.privileges.AccessControl.asOwnerOf(view, () -> planner.view(expanded));
                p = new Planned(planner.hooks().subquery(p.root(), ref.visibleName()), p.columns());
                return leaf(p, ref.visibleName(), n.columnAliases(), ref.pos(), from);
            }
            Table system = ref.name().indexOf('.') < 0 || ref.name().startsWith("pg_catalog.")
                    ? SystemViews.lookup(io.shaledb.sql.catalog.Catalog.bareName(ref.name()))
                    : ref.name().startsWith("information_schema.") ? SystemViews.lookup(ref.name()) : null;
            if (system == null) {
                throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + ref.name() + "\" does not exist", ref.pos() + 1);
            }
            List<Object[]> rows = planner.executor().systemViewRows(system);
            return tableLeaf(system, planner.hooks().systemView(new Rows(() -> rows), system, ref.alias()), null, n, from);
        }
        io.shaledb.sql.privileges.AccessControl.requireTable(table, io.shaledb.sql.privileges.Privilege.SELECT, ref.pos() + 1);
        ScanOperator scan = new ScanOperator(planner.executor(), planner.transaction(), table);
        return tableLeaf(table, planner.hooks().tableScan(scan, table, ref.alias()), scan, n, from);
    }

    private Built tableLeaf(Table table, Operator op, ScanOperator scan, FromItem.Named n, From from) {
        Statement.TableRef ref = n.ref();
        io.shaledb.sql.catalog.View inside = planner.expandingView();
        int offset = from.width;
        int ncols = table.columns().size();
        boolean system = scan != null;
        int width = ncols + (system ? Executor.SYSTEM_COLUMNS : 0);
        from.width += width;
        if (n.columnAliases().size() > ncols) {
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + ref.visibleName() + "\" has " + ncols
                    + " columns available but " + n.columnAliases().size() + " columns specified");
        }
        List<Namespace.Column> cols = new ArrayList<>();
        for (int i = 0; i < ncols; i++) {
            String name = i < n.columnAliases().size() ? n.columnAliases().get(i) : inside == null || !system
                    ? table.column(i).name() : inside.writtenColumn(table.id(), table.column(i).name());
            cols.add(new Namespace.Column(name, new Bound.Slot(offset + i, table.column(i).type(), table.oid(), i + 1), false));
        }
        if (system) {
            cols.add(new Namespace.Column("xmin", new Bound.Slot(offset + ncols, SqlType.BIGINT, table.oid(), -2), true));
            cols.add(new Namespace.Column("xmax", new Bound.Slot(offset + ncols + 1, SqlType.BIGINT, table.oid(), -4), true));
        }
        if (ref.alias() != null) {
            from.ns.noteAlias(ref.name(), ref.alias());
        }
        Map<String, List<Namespace.Column>> rels = new LinkedHashMap<>();
        rels.put(ref.visibleName(), cols);
        return new Built(new Namespace.Item(cols, rels), new Leaf(op, offset, width, table, scan));
    }

    /** A derived table, CTE, view or function result as a relation named {@code name}. */
    private Built leaf(Planned p, String name, List<String> aliases, int pos, From from) {
        int offset = from.width;
        int width = p.columns().size();
        from.width += width;
        if (aliases.size() > width) {
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + name + "\" has " + width
                    + " columns available but " + aliases.size() + " columns specified");
        }
        List<Namespace.Column> cols = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            ColumnInfo c = p.columns().get(i);
            SqlType t = c.type() == SqlType.UNKNOWN ? SqlType.TEXT : c.type();
            String colName = i < aliases.size() ? aliases.get(i) : c.name();
            cols.add(new Namespace.Column(colName, new Bound.Slot(offset + i, t, c.tableOid(), c.columnNumber()), false));
        }
        Map<String, List<Namespace.Column>> rels = new LinkedHashMap<>();
        rels.put(name, cols);
        return new Built(new Namespace.Item(cols, rels), new Leaf(p.root(), offset, width, null, null));
    }

    private Built join(FromItem.Join j, From from, Correlation.Outer outer, Env env) {
        Built l = build(j.left(), from, outer, env);
        Built r = build(j.right(), from, outer, env);
        Map<String, List<Namespace.Column>> rels = new LinkedHashMap<>(l.item().rels());
        for (Map.Entry<String, List<Namespace.Column>> e : r.item().rels().entrySet()) {
            if (rels.containsKey(e.getKey())) {
                throw Namespace.duplicateAlias(e.getKey(), j.right().pos());
            }
            rels.put(e.getKey(), e.getValue());
        }
        Namespace local = new Namespace();
        local.add(l.item(), j.left().pos());
        local.add(r.item(), j.right().pos());
        Binder binder = new Binder(new Binder.Scope(null, null, local, outer, planner), "JOIN/ON");
        List<Bound> conjuncts = new ArrayList<>();
        List<Namespace.Column> columns = new ArrayList<>();
        List<String> using = new ArrayList<>();
        if (j.natural()) {
            for (Namespace.Column c : l.item().columns()) {
                if (!c.hidden() && r.item().columns().stream().anyMatch(x -> !x.hidden() && x.name().equals(c.name()))) {
                    using.add(c.name());
                }
            }
        } else {
            j.using().forEach(u -> using.add(u.name()));
        }
        List<Namespace.Column> leftRest = new ArrayList<>(l.item().columns());
        List<Namespace.Column> rightRest = new ArrayList<>(r.item().columns());
        for (int i = 0; i < using.size(); i++) {
            String name = using.get(i);
            int pos = j.natural() ? j.pos() : j.using().get(i).pos();
            for (int k = 0; k < i; k++) {
                if (using.get(k).equals(name)) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" appears more than once in USING clause", pos + 1);
                }
            }
            Namespace.Column lc = usingColumn(l.item().columns(), name, "left", pos);
            Namespace.Column rc = usingColumn(r.item().columns(), name, "right", pos);
            planner.noteUse(lc.expr()); // a view joining USING (c) depends on both sides' c
            planner.noteUse(rc.expr());
            leftRest.remove(lc);
            rightRest.remove(rc);
            SqlType lt = lc.expr().type();
            SqlType rt = rc.expr().type();
            SqlType t;
            if (lt == rt) {
                t = lt;
            } else if (Values.isNumeric(lt) && Values.isNumeric(rt)) {
                t = Values.widerNumeric(lt, rt);
            } else if ((lt.isString() && rt.isString() || lt.isOidLike() || rt.isOidLike()) && Operators.common(lt, rt) != null) {
                t = Operators.common(lt, rt); // text USING name (pgjdbc's getTypeInfo), oid USING regclass
            } else {
                throw new SqlException(SqlState.DATATYPE_MISMATCH, "JOIN/USING types " + lt.sqlName() + " and " + rt.sqlName()
                        + " cannot be matched", pos + 1);
            }
            conjuncts.add(new Bound.Compare("=", lc.expr(), rc.expr()));
            Bound le = lt == t ? lc.expr() : new Bound.Convert(lc.expr(), lt, t, -1, false);
            Bound re = rt == t ? rc.expr() : new Bound.Convert(rc.expr(), rt, t, -1, false);
            Bound merged = switch (j.kind()) {
                case INNER, LEFT, CROSS -> le;
                case RIGHT -> re;
                case FULL -> new Bound.Coalesce(List.of(le, re), t);
            };
            columns.add(new Namespace.Column(name, merged, false));
        }
        columns.addAll(leftRest);
        columns.addAll(rightRest);
        if (j.on() != null) {
            QueryPlanner.flatten(binder.bindCondition(j.on(), "JOIN/ON"), conjuncts);
        }
        if (j.alias() != null) {
            if (j.columnAliases().size() > columns.size()) {
                throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + j.alias() + "\" has " + columns.size()
                        + " columns available but " + j.columnAliases().size() + " columns specified");
            }
            List<Namespace.Column> renamed = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Namespace.Column c = columns.get(i);
                renamed.add(i < j.columnAliases().size() ? new Namespace.Column(j.columnAliases().get(i), c.expr(), c.hidden()) : c);
            }
            columns = renamed.stream().filter(c -> !c.hidden()).toList();
            rels = new LinkedHashMap<>();
            rels.put(j.alias(), columns);
        }
        Node node;
        if (j.kind() == FromItem.JoinKind.INNER || j.kind() == FromItem.JoinKind.CROSS) {
            List<Node> members = new ArrayList<>();
            List<Bound> all = new ArrayList<>(conjuncts);
            for (Node n : List.of(l.node(), r.node())) {
                if (n instanceof Group g) {
                    members.addAll(g.members());
                    all.addAll(g.conjuncts());
                } else {
                    members.add(n);
                }
            }
            node = new Group(members, all);
        } else {
            node = new OuterJoin(Join.Kind.valueOf(j.kind().name()), l.node(), r.node(), conjuncts);
        }
        return new Built(new Namespace.Item(columns, rels), node);
    }

    private static Namespace.Column usingColumn(List<Namespace.Column> cols, String name, String side, int pos) {
        Namespace.Column found = null;
        for (Namespace.Column c : cols) {
            if (!c.hidden() && c.name().equals(name)) {
                if (found != null) {
                    throw new SqlException(SqlState.AMBIGUOUS_COLUMN, "common column name \"" + name
                            + "\" appears more than once in " + side + " table");
                }
                found = c;
            }
        }
        if (found == null) {
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" specified in USING clause does not exist in "
                    + side + " table");
        }
        return found;
    }
}
