package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.explain.ExplainOptions;
import io.shaledb.sql.exec.explain.Instrumentation;
import io.shaledb.sql.exec.explain.PlanNode;
import io.shaledb.sql.exec.explain.PlanPrinter;
import io.shaledb.sql.exec.explain.PlanRecorder;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.plan.CostModel;
import io.shaledb.sql.plan.TableSize;
import io.shaledb.sql.plan.TableSizes;
import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code EXPLAIN}: plans the statement with {@link PlanHooks} recording a description of
 * every operator, runs it under ANALYZE (instrumented), and prints the plan in PostgreSQL's
 * layout as the one column {@code QUERY PLAN}.
 *
 * <pre>
 *   SELECT / VALUES / WITH   planned by the query engine; ANALYZE opens and drains the plan
 *   INSERT                   "Insert on t" over the source (Result, Values Scan, or the query's plan);
 *                            ANALYZE runs the INSERT, whose query planner records into the same plan
 *   UPDATE / DELETE          "Update on t" over the plan of SELECT * FROM t [, from items] WHERE ...;
 *                            ANALYZE runs the statement once and gives the scan node the counts of
 *                            its row-finding (DmlScanCount); with FROM / USING items or a subquery
 *                            in WHERE it runs that plan for its counts, then the statement
 * </pre>
 */
final class ExplainExecutor {
    /** Rows counted at most to estimate a table's size before statistics exist. */

    private final Executor executor;

    ExplainExecutor(Executor executor) {
        this.executor = executor;
    }

    /** True when the statement will write (EXPLAIN ANALYZE of INSERT, UPDATE or DELETE). */
    static boolean writes(Statement.Explain e) {
        boolean dml = e.statement() instanceof Statement.Insert || e.statement() instanceof Statement.InsertOverriding
                || e.statement() instanceof Statement.Update || e.statement() instanceof Statement.Delete
                || e.statement() instanceof Statement.Select s && !s.locking().isEmpty();
        if (!dml) {
            return false;
        }
        try {
            return ExplainOptions.of(e.options()).analyze();
        } catch (SqlException invalid) {
            return false; // reported when the statement runs
        }
    }

    void execute(Statement.Explain e, Transaction tx, ResultSink sink) {
        ExplainOptions options = ExplainOptions.of(e.options());
        PlanRecorder rec = new PlanRecorder(options);
        PlanHooks hooks = new PlanHooks(rec, CostModel.current(), countedSizes(tx));
        long start = System.nanoTime();
        Explained x = switch (e.statement()) {
            case Statement.Select s when !s.locking().isEmpty() -> lockingSelect(s, tx, hooks, options);
            case Statement.Select s -> query(s, tx, hooks, options);
            case Statement.QueryStatement q -> query(q.query(), tx, hooks, options);
            case Statement.Insert i -> insert(i, e.statement(), tx, hooks, options);
            case Statement.InsertOverriding o -> insert(o.insert(), e.statement(), tx, hooks, options);
            case Statement.Update u -> modify("Update", u.table(), u.where(), u.from(), e.statement(), tx, hooks, options);
            case Statement.Delete d -> modify("Delete", d.table(), d.where(), d.using(), e.statement(), tx, hooks, options);
            default -> throw new IllegalStateException("EXPLAIN of " + e.statement().getClass().getSimpleName());
        };
        double planning = x.planningNanos() < 0 ? (System.nanoTime() - start) / 1e6 : x.planningNanos() / 1e6;
        PlanNode root = x.root();
        for (Map.Entry<String, PlanNode> cte : hooks.ctes.entrySet()) {
            root.initPlan(cte.getValue().subplan("CTE " + PlanHooks.ident(cte.getKey())));
        }
        PlanPrinter printer = new PlanPrinter(options, rec);
        Double planningMs = options.summary() ? planning : null;
        Double executionMs = options.summary() && options.analyze() ? x.executionNanos() / 1e6 : null;
        sink.columns(List.of(new ColumnInfo("QUERY PLAN", SqlType.TEXT)));
        if (options.json()) {
            sink.row(new Object[] {printer.json(root, planningMs, executionMs)});
        } else {
            for (String line : printer.text(root, planningMs, executionMs)) {
                sink.row(new Object[] {line});
            }
        }
        sink.complete("EXPLAIN");
    }

    /** The described plan, with the planning time (-1: until now) and the execution time. */
    private record Explained(PlanNode root, long planningNanos, long executionNanos) {}

    private Explained query(Query q, Transaction tx, PlanHooks hooks, ExplainOptions options) {
        long start = System.nanoTime();
        QueryPlanner.Planned p = PlanHooks.explaining(hooks, () -> executor.planQuery(q, tx));
        long planning = System.nanoTime() - start;
        long execution = options.analyze() ? drain(p.root()) : 0;
        return new Explained(nodeOf(hooks, p.root()), planning, execution);
    }

    /** SELECT ... FOR UPDATE: LockRows over the plan of the query without its locking clause. */
    private Explained lockingSelect(Statement.Select s, Transaction tx, PlanHooks hooks, ExplainOptions options) {
        Statement.Select plain = new Statement.Select(s.distinct(), s.distinctOn(), s.items(), s.fromList(), s.where(), s.groupBy(),
                s.having(), s.orderBy(), s.limit(), s.offset(), List.of(), s.windows());
        Explained inner = query(plain, tx, hooks, options);
        PlanNode lock = new PlanNode("LockRows").child(inner.root(), "Outer");
        lock.cost(() -> inner.root().cost());
        long execution = inner.executionNanos();
        if (options.analyze()) {
            long t = System.nanoTime();
            CountingSink counted = run(s, tx);
            execution += System.nanoTime() - t;
            lock.instrumentation(Instrumentation.counted(counted.rows, 1, options.timing(), execution / 1e6));
        }
        return new Explained(lock, inner.planningNanos(), execution);
    }

    private Explained insert(Statement.Insert ins, Statement statement, Transaction tx, PlanHooks hooks, ExplainOptions options) {
        Table table = executor.lookup(ins.table());
        PlanNode modify = modifyNode("Insert", table, ins.table().alias());
        long start = System.nanoTime();
        PlanNode source;
        long planning;
        long execution = 0;
        if (ins.query() != null && options.analyze()) {
            // the INSERT plans its query itself: with the hooks current, that plan is recorded and instrumented
            CountingSink counted = PlanHooks.explaining(hooks, () -> run(statement, tx));
            execution = System.nanoTime() - start;
            planning = 0;
            PlanNode last = hooks.recorder().lastDescribed();
            source = last != null ? last : resultNode(hooks);
            modify.instrumentation(Instrumentation.counted(counted.returned, 1, options.timing(), execution / 1e6));
        } else if (ins.query() != null) {
            QueryPlanner.Planned p = PlanHooks.explaining(hooks, () -> executor.planQuery(ins.query(), tx));
            planning = System.nanoTime() - start;
            source = nodeOf(hooks, p.root());
        } else {
            int rows = ins.rows().size();
            List<SqlType> types = table.columns().stream().map(io.shaledb.sql.catalog.Column::type).toList();
            source = hooks.node(hooks.values(new io.shaledb.sql.exec.op.Rows(List::of), rows, types));
            planning = System.nanoTime() - start;
            if (options.analyze()) {
                long t = System.nanoTime();
                CountingSink counted = run(statement, tx);
                execution = System.nanoTime() - t;
                source.instrumentation(Instrumentation.counted(rows, 1, options.timing(), 0));
                modify.instrumentation(Instrumentation.counted(counted.returned, 1, options.timing(), execution / 1e6));
            }
        }
        modify.child(source, "Outer");
        CostModel model = CostModel.current();
        modify.cost(() -> model.modify(source.cost(), 0));
        return new Explained(modify, planning, execution);
    }

    /** UPDATE / DELETE: the rows to change are those of SELECT * FROM target [, from items] WHERE where. */
    private Explained modify(String operation, Statement.TableRef target, io.shaledb.sql.ast.Expr where, List<FromItem> more,
                             Statement statement, Transaction tx, PlanHooks hooks, ExplainOptions options) {
        Table table = executor.lookup(target);
        PlanNode modify = modifyNode(operation, table, target.alias());
        List<FromItem> from = new ArrayList<>();
        from.add(new FromItem.Named(target, List.of()));
        from.addAll(more);
        Statement.Select rows = new Statement.Select(false, List.of(), List.of(new Statement.SelectItem(null, null, true, null,
                target.pos())), from, where, List.of(), null, List.of(), null, null, List.of());
        long start = System.nanoTime();
        QueryPlanner.Planned p = PlanHooks.explaining(hooks, () -> executor.planQuery(rows, tx));
        long planning = System.nanoTime() - start;
        long execution = 0;
        PlanNode source = nodeOf(hooks, p.root());
        if (options.analyze() && more.isEmpty() && source.nodeType().endsWith("Scan") && !hasSubquery(where)) {
            // the statement runs once; its row-finding's counts become the scan node's
            long t = System.nanoTime();
            CountingSink[] counted = new CountingSink[1];
            DmlScanCount count = DmlScanCount.counting(table, () -> counted[0] = PlanHooks.explaining(null, () -> run(statement, tx)));
            execution = System.nanoTime() - t;
            if (count.recorded()) {
                countScan(hooks.recorder(), source, count);
            }
            modify.instrumentation(Instrumentation.counted(counted[0].returned, 1, options.timing(), execution / 1e6));
        } else if (options.analyze()) {
            // UPDATE ... FROM, DELETE ... USING, subqueries: the plan runs for its counts, then the statement
            execution = drain(p.root());
            long t = System.nanoTime();
            CountingSink counted = PlanHooks.explaining(null, () -> run(statement, tx));
            execution += System.nanoTime() - t;
            modify.instrumentation(Instrumentation.counted(counted.returned, 1, options.timing(), execution / 1e6));
        }
        modify.child(source, "Outer");
        CostModel model = CostModel.current();
        modify.cost(() -> model.modify(source.cost(), 0));
        return new Explained(modify, planning, execution);
    }

    /** Puts what the statement's row-finding counted on the scan node (and the rows before its filter). */
    private static void countScan(PlanRecorder rec, PlanNode scan, DmlScanCount count) {
        Instrumentation after = scan.instrumentation();
        if (after != null) {
            after.fill(1, count.matched, count.nanos);
        }
        Instrumentation before = rec.beforeFilter(scan);
        if (before != null) {
            before.fill(1, count.scanned, count.nanos);
        }
    }

    /** True when {@code node} (an AST record, walked through its components) holds a subquery. */
    private static boolean hasSubquery(Object node) {
        return switch (node) {
            case null -> false;
            case io.shaledb.sql.ast.Expr.Subquery q -> true;
            case List<?> list -> list.stream().anyMatch(ExplainExecutor::hasSubquery);
            case Record r -> {
                for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                    try {
                        if (hasSubquery(c.getAccessor().invoke(r))) {
                            yield true;
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c + " of " + r.getClass(), e);
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    private static PlanNode modifyNode(String operation, Table table, String alias) {
        String name = Catalog.bareName(table.name());
        String schema = table.name().indexOf('.') > 0 ? table.name().substring(0, table.name().indexOf('.')) : "public";
        return new PlanNode("ModifyTable").textName(operation).operation(operation)
                .relation(name, schema, alias == null ? name : alias);
    }

    private static PlanNode nodeOf(PlanHooks hooks, Operator root) {
        PlanNode n = hooks.node(root);
        return n != null ? n : resultNode(hooks);
    }

    private static PlanNode resultNode(PlanHooks hooks) {
        PlanNode n = new PlanNode("Result");
        CostModel model = CostModel.current();
        n.cost(() -> model.result(0));
        return n;
    }

    /** Opens and drains an (instrumented) plan, discarding its rows; returns the nanoseconds it took. */
    private static long drain(Operator root) {
        long t = System.nanoTime();
        root.open();
        try {
            while (root.next() != null) {
                // EXPLAIN ANALYZE runs the query for its counters, not its rows
            }
        } finally {
            root.close();
        }
        return System.nanoTime() - t;
    }

    private CountingSink run(Statement statement, Transaction tx) {
        CountingSink sink = new CountingSink();
        executor.execute(statement, tx, sink);
        return sink;
    }

    /** Counts what a statement returns and the rows its command tag reports. */
    private static final class CountingSink implements ResultSink {
        long rows;
        long returned;

        @Override
        public void columns(List<ColumnInfo> columns) {
            // EXPLAIN prints the plan, not the statement's columns
        }

        @Override
        public void row(Object[] values) {
            returned++;
        }

        @Override
        public void complete(String commandTag) {
            String[] words = commandTag.split(" ");
            try {
                rows = Long.parseLong(words[words.length - 1]);
            } catch (NumberFormatException e) {
                rows = returned;
            }
        }

        @Override
        public void emptyQuery() {
            // not reached: EXPLAIN always has a statement
        }
    }

    /**
     * Table sizes as the access-path chooser sees them ({@link io.shaledb.sql.stats.Statistics#size}):
     * one source for the rows EXPLAIN shows and the rows the plan was chosen by.
     */
    private TableSizes countedSizes(Transaction tx) {
        return table -> {
            if (table.id() < 0) {
                return TableSize.estimated(CostModel.DEFAULT_FUNCTION_ROWS, PlanHooks.width(table));
            }
            io.shaledb.sql.stats.RelationSize size = executor.statistics().size(tx, table);
            return new TableSize(size.tuples(), size.pages());
        };
    }
}
