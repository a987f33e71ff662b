package io.shaledb.sql.plpgsql;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Query;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.exec.Executor;
import io.shaledb.sql.exec.QueryParams;
import io.shaledb.sql.types.Jsonb;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.TypeMods;
import io.shaledb.sql.types.Values;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs compiled PL/pgSQL ({@link PlFunction}) in the calling statement's transaction. Every
 * expression is an SQL {@code SELECT} and every embedded statement an SQL statement, run by the
 * {@link Executor} as a nested statement (a new command id, so it sees what the enclosing
 * statement wrote so far) with the variables it names bound as parameter values. An error
 * leaving a statement gets PostgreSQL's CONTEXT line ({@code PL/pgSQL function f() line 3 at
 * RAISE}), appended to the lines of any function it came through.
 */
final class Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(Interpreter.class);
    /** Nested function calls per thread before 54001: PostgreSQL's limit is its stack size. */
    static final int MAX_DEPTH = 40;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final java.util.concurrent.atomic.AtomicLong SAVEPOINTS = new java.util.concurrent.atomic.AtomicLong();

    private final Executor executor;
    private final Transaction tx;

    Interpreter(Executor executor, Transaction tx) {
        this.executor = executor;
        this.tx = tx;
    }

    /** The state of one call: variable values, the trigger's rows (copies: NEW may be changed). */
    private static final class Frame {
        final PlFunction fn;
        final Object[] values;
        final TriggerEvent event;
        Object[] newRow;
        final Object[] oldRow;
        /** ROW_COUNT of GET DIAGNOSTICS: rows the last SQL statement returned or changed. */
        long rowCount;

        Frame(PlFunction fn, TriggerEvent event) {
            this.fn = fn;
            this.values = new Object[fn.vars().size()];
            this.event = event;
            this.newRow = event == null || event.newRow() == null ? null : event.newRow().clone();
            this.oldRow = event == null || event.oldRow() == null ? null : event.oldRow().clone();
        }
    }

    /** How a statement list ended: normally, or by RETURN / EXIT / CONTINUE (with the loop label, or null). */
    private record Signal(char kind, String label) {
        static final Signal NORMAL = new Signal('n', null);
        static final Signal RETURN = new Signal('r', null);
    }

    /** The value of the RETURN that ended the running block (Signal.RETURN carries the control flow out). */
    private Object returned;

    // ------------------------------------------------------------------ entry points

    /**
     * Runs trigger function {@code fn} for {@code event}: the row it returns (NEW, possibly
     * changed, or OLD) or null for {@code RETURN NULL}.
     */
    Object[] callTrigger(PlFunction fn, TriggerEvent event) {
        Frame f = new Frame(fn, event);
        f.values[PlFunction.TG_NAME] = event.trigger().name();
        f.values[PlFunction.TG_WHEN] = event.trigger().before() ? "BEFORE" : "AFTER";
        f.values[PlFunction.TG_LEVEL] = event.trigger().forEachRow() ? "ROW" : "STATEMENT";
        f.values[PlFunction.TG_OP] = event.op();
        f.values[PlFunction.TG_RELNAME] = Catalog.bareName(event.table().name());
        f.values[PlFunction.TG_TABLE_NAME] = Catalog.bareName(event.table().name());
        f.values[PlFunction.TG_TABLE_SCHEMA] = Catalog.schemaOf(event.table().name());
        f.values[PlFunction.TG_NARGS] = event.trigger().args().size();
        f.values[PlFunction.TG_ARGV] = List.copyOf(event.trigger().args());
        Object result = run(f, "trigger procedure");
        return result == NO_ROW ? null : (Object[]) result;
    }

    /** Runs non-trigger function {@code fn} with {@code args} (already of the parameter types); returns its value. */
    Object call(PlFunction fn, Object[] args) {
        Frame f = new Frame(fn, null);
        for (int i = 0; i < args.length; i++) {
            f.values[fn.args()[i]] = args[i];
        }
        return run(f, "function");
    }

    /** Evaluates a trigger's WHEN condition for {@code event}: true only when it is true. */
    boolean condition(PlParser.Condition c, TriggerEvent event) {
        Frame f = new Frame(c.fn(), event);
        return Boolean.TRUE.equals(convert(eval(f, c.expr()), SqlType.BOOLEAN, -1));
    }

    private static final Object NO_ROW = new Object();

    private Object run(Frame f, String kind) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            throw new SqlException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded", 0, null,
                    "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the platform's"
                            + " stack depth limit is adequate.", null);
        }
        depth[0]++;
        try {
            returned = null;
            Signal s = block(f, f.fn.body());
            if (s != Signal.RETURN) {
                throw new SqlException(SqlState.FUNCTION_EXECUTED_NO_RETURN_STATEMENT, "control reached end of " + kind
                        + " without RETURN").withContext("PL/pgSQL function " + name(f));
            }
            Object r = returned;
            returned = null;
            return r;
        } catch (StackOverflowError e) {
            throw new SqlException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
        } finally {
            depth[0]--;
        }
    }

    private static String name(Frame f) {
        return f.fn.def().display(RoutineDdl::displayType);
    }

    // ------------------------------------------------------------------ statements

    private Signal block(Frame f, PlNode.Block b) {
        if (b.handlers().isEmpty()) {
            return blockBody(f, b);
        }
        // The block runs in a subtransaction: an error it handles undoes its writes and DDL, nothing else.
        String savepoint = "plpgsql exception block " + SAVEPOINTS.incrementAndGet();
        tx.savepoint(savepoint);
        executor.catalog().savepoint(tx, savepoint);
        io.shaledb.sql.constraint.DeferredChecks.savepoint(tx, savepoint);
        Signal s;
        try {
            s = blockBody(f, b);
        } catch (SqlException e) {
            tx.rollbackTo(savepoint);
            executor.catalog().rollbackTo(tx, savepoint);
            io.shaledb.sql.constraint.DeferredChecks.rollbackTo(tx, savepoint);
            release(savepoint);
            PlNode.Handler h = handlerFor(b, e);
            if (h == null) {
                throw e;
            }
            f.values[h.sqlstate()] = e.code();
            f.values[h.sqlerrm()] = e.getMessage();
            return list(f, h.body());
        } catch (RuntimeException | Error e) {
            tx.rollbackTo(savepoint);
            executor.catalog().rollbackTo(tx, savepoint);
            io.shaledb.sql.constraint.DeferredChecks.rollbackTo(tx, savepoint);
            release(savepoint);
            throw e;
        }
        release(savepoint);
        return s;
    }

    private void release(String savepoint) {
        tx.release(savepoint);
        executor.catalog().release(tx, savepoint);
        io.shaledb.sql.constraint.DeferredChecks.release(tx, savepoint);
    }

    /** The first handler of {@code b} whose conditions match {@code e}, or null. */
    private static PlNode.Handler handlerFor(PlNode.Block b, SqlException e) {
        String code = e.code();
        for (PlNode.Handler h : b.handlers()) {
            for (String c : h.codes()) {
                boolean match = c.equals("others") ? !code.equals("57014") && !code.equals("P0004")
                        : c.equals(code) || (c.endsWith("000") && code.startsWith(c.substring(0, 2)));
                if (match) {
                    return h;
                }
            }
        }
        return null;
    }

    private Signal blockBody(Frame f, PlNode.Block b) {
        for (PlNode.Declaration d : b.declarations()) {
            Object v = null;
            if (d.init() != null) {
                try {
                    v = convert(eval(f, d.init()), f.fn.vars().get(d.index()).type(), f.fn.vars().get(d.index()).maxLength());
                } catch (SqlException e) {
                    throw located(e, f, d.line(), "during statement block local variable initialization", planned(d.init(), "SQL expression"));
                }
            }
            if (v == null && d.notNull()) {
                throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "null value cannot be assigned to variable \"" + d.name()
                        + "\" declared NOT NULL").withContext(contextLine(f, d.line(), "during statement block local variable initialization"));
            }
            f.values[d.index()] = v;
        }
        return list(f, b.body());
    }

    private Signal list(Frame f, List<PlNode> nodes) {
        for (PlNode n : nodes) {
            Signal s = statement(f, n);
            if (s != Signal.NORMAL) {
                return s;
            }
        }
        return Signal.NORMAL;
    }

    private Signal statement(Frame f, PlNode n) {
        tx.checkCancelled();
        return switch (n) {
            case PlNode.Block b -> block(f, b);
            case PlNode.Null x -> Signal.NORMAL;
            case PlNode.CaseNotFound c -> throw new SqlException(SqlState.CASE_NOT_FOUND, "case not found", 0, null,
                    "CASE statement is missing ELSE part.", null).withContext(contextLine(f, c.line(), "CASE"));
            case PlNode.GetDiagnostics g -> {
                for (PlNode.Target target : g.targets()) {
                    assign(f, target, new Value(f.rowCount, SqlType.BIGINT));
                }
                yield Signal.NORMAL;
            }
            case PlNode.Assign a -> {
                try {
                    assign(f, a.target(), eval(f, a.value()));
                } catch (SqlException e) {
                    throw located(e, f, a.line(), "assignment", a.value().slots().length == 0 || mentionsSelect(a.value())
                            ? "PL/pgSQL assignment \"" + a.text() + "\"" : null);
                }
                yield Signal.NORMAL;
            }
            case PlNode.If i -> {
                for (int k = 0; k < i.conditions().size(); k++) {
                    if (condition(f, i.conditions().get(k), i.line(), i.what())) {
                        yield list(f, i.branches().get(k));
                    }
                }
                yield list(f, i.otherwise());
            }
            case PlNode.Raise r -> {
                raise(f, r);
                yield Signal.NORMAL;
            }
            case PlNode.Return r -> {
                returned = returnValue(f, r);
                yield Signal.RETURN;
            }
            case PlNode.Sql s -> {
                sql(f, s);
                yield Signal.NORMAL;
            }
            case PlNode.Loop l -> loop(f, l);
            case PlNode.ForRange r -> forRange(f, r);
            case PlNode.Exit e -> {
                if (e.when() != null && !condition(f, e.when(), e.line(), e.exit() ? "EXIT" : "CONTINUE")) {
                    yield Signal.NORMAL;
                }
                yield new Signal(e.exit() ? 'x' : 'c', e.label());
            }
        };
    }

    private Signal loop(Frame f, PlNode.Loop l) {
        while (l.condition() == null || condition(f, l.condition(), l.line(), "WHILE")) {
            Signal s = list(f, l.body());
            Signal after = afterIteration(s, l.label());
            if (after != null) {
                return after;
            }
        }
        return Signal.NORMAL;
    }

    /** Null to go on looping, else the signal the loop ends with. */
    private static Signal afterIteration(Signal s, String label) {
        if (s == Signal.NORMAL) {
            return null;
        }
        boolean mine = s.label() == null || s.label().equals(label);
        if (s.kind() == 'c' && mine) {
            return null;
        }
        if (s.kind() == 'x' && mine) {
            return Signal.NORMAL;
        }
        return s;
    }

    private Signal forRange(Frame f, PlNode.ForRange r) {
        String what = "FOR with integer loop variable";
        Integer low = integer(f, r.low(), r.line(), what, "lower bound of FOR loop cannot be null");
        Integer high = integer(f, r.high(), r.line(), what, "upper bound of FOR loop cannot be null");
        int step = r.step() == null ? 1 : integer(f, r.step(), r.line(), what, "BY value of FOR loop cannot be null");
        if (step <= 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "BY value of FOR loop must be greater than zero")
                    .withContext(contextLine(f, r.line(), what));
        }
        boolean any = false;
        for (long i = low; r.reverse() ? i >= high : i <= high; i += r.reverse() ? -step : step) {
            any = true;
            f.values[r.var()] = (int) i;
            Signal after = afterIteration(list(f, r.body()), r.label());
            if (after != null) {
                f.values[PlFunction.FOUND] = true;
                return after;
            }
        }
        f.values[PlFunction.FOUND] = any;
        return Signal.NORMAL;
    }

    private Integer integer(Frame f, PlNode.Expr e, int line, String what, String nullMessage) {
        Object v;
        try {
            v = convert(eval(f, e), SqlType.INTEGER, -1);
        } catch (SqlException ex) {
            throw located(ex, f, line, what, planned(e, "SQL expression"));
        }
        if (v == null) {
            throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, nullMessage).withContext(contextLine(f, line, what));
        }
        return (Integer) v;
    }

    private boolean condition(Frame f, PlNode.Expr e, int line, String what) {
        try {
            return Boolean.TRUE.equals(convert(eval(f, e), SqlType.BOOLEAN, -1));
        } catch (SqlException ex) {
            throw located(ex, f, line, what, planned(e, "SQL expression"));
        }
    }

    private Object returnValue(Frame f, PlNode.Return r) {
        if (r.row() == 'n') {
            return f.newRow == null ? NO_ROW : f.newRow;
        }
        if (r.row() == 'o') {
            return f.oldRow == null ? NO_ROW : f.oldRow;
        }
        if (r.value() == null) {
            return f.event != null ? NO_ROW : null; // RETURN; (a void function, or NULL from a trigger)
        }
        try {
            Value v = eval(f, r.value());
            if (f.event != null) {
                if (v.value() == null) {
                    return NO_ROW;
                }
                throw new SqlException(SqlState.DATATYPE_MISMATCH,
                        "returned row structure does not match the structure of the triggering table");
            }
            return convert(v, RoutineDdl.returnType(f.fn.def()).type(), RoutineDdl.returnType(f.fn.def()).maxLength());
        } catch (SqlException e) {
            throw located(e, f, r.line(), "RETURN", planned(r.value(), "SQL expression"));
        }
    }

    private void raise(Frame f, PlNode.Raise r) {
        String message = r.format();
        String detail = null;
        String hint = null;
        SqlState state = SqlState.RAISE_EXCEPTION;
        String errcode = null;
        try {
            if (message != null) {
                StringBuilder sb = new StringBuilder();
                int arg = 0;
                for (int i = 0; i < message.length(); i++) {
                    char c = message.charAt(i);
                    if (c == '%' && i + 1 < message.length() && message.charAt(i + 1) == '%') {
                        sb.append('%');
                        i++;
                    } else if (c == '%') {
                        Value v = eval(f, r.args().get(arg++));
                        sb.append(v.value() == null ? "<NULL>" : v.type().toText(v.value()));
                    } else {
                        sb.append(c);
                    }
                }
                message = sb.toString();
            }
            for (int i = 0; i < r.optionNames().size(); i++) {
                Value v = eval(f, r.optionValues().get(i));
                String text = v.value() == null ? null : v.type().toText(v.value());
                if (text == null) {
                    throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "RAISE statement option cannot be null");
                }
                switch (r.optionNames().get(i)) {
                    case "errcode" -> {
                        if (!Conditions.valid(text)) {
                            throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + text + "\"");
                        }
                        errcode = text;
                        state = Conditions.state(text);
                    }
                    case "message" -> message = text;
                    case "detail" -> detail = text;
                    case "hint" -> hint = text;
                    default -> {
                        // COLUMN, CONSTRAINT, DATATYPE, TABLE, SCHEMA: fields this build does not send
                    }
                }
            }
        } catch (SqlException e) {
            throw located(e, f, r.line(), "RAISE", null);
        }
        if (message == null) {
            message = errcode != null && Conditions.code(errcode) != null ? errcode.toLowerCase(Locale.ROOT) : state.code();
        }
        if (r.level().equals("exception")) {
            SqlException raised = new SqlException(state, message, 0, detail, hint, null).withContext(contextLine(f, r.line(), "RAISE"));
            throw errcode != null && Conditions.code(errcode) == null && !errcode.equals(state.code()) ? raised.withCode(errcode) : raised;
        }
        String severity = r.level().toUpperCase(Locale.ROOT);
        if (r.level().equals("log") || r.level().equals("debug")
                || !Notices.send(severity, errcode != null ? (Conditions.code(errcode) != null ? Conditions.code(errcode) : errcode)
                        : r.level().equals("warning") ? "01000" : "00000",
                        message, detail, hint)) {
            LOG.info("{}: {} ({})", severity, message, contextLine(f, r.line(), "RAISE"));
        }
    }

    private void sql(Frame f, PlNode.Sql s) {
        String what = s.perform() ? "PERFORM" : "SQL statement";
        Collector c;
        try {
            c = run(f, s.statement(), s.slots());
        } catch (SqlException e) {
            throw located(e, f, s.line(), what, "SQL statement \"" + s.text() + "\"");
        }
        try {
            results(f, s, c);
        } catch (SqlException e) {
            throw located(e, f, s.line(), what, null);
        }
    }

    /** INTO targets, FOUND and ROW_COUNT from what statement {@code s} returned. */
    private void results(Frame f, PlNode.Sql s, Collector c) {
        boolean returnsRows = c.columns != null;
        if (!s.into().isEmpty()) {
            if (s.strict() && c.rows.isEmpty()) {
                throw new SqlException(SqlState.NO_DATA_FOUND, "query returned no rows");
            }
            if (s.strict() && c.rows.size() > 1) {
                throw new SqlException(SqlState.TOO_MANY_ROWS, "query returned more than one row", 0, null,
                        "Make sure the query returns a single row, or use LIMIT 1.", null);
            }
            Object[] row = c.rows.isEmpty() ? null : c.rows.getFirst();
            for (int i = 0; i < s.into().size(); i++) {
                Object v = row == null || i >= row.length ? null : row[i];
                SqlType t = c.columns == null || i >= c.columns.size() ? SqlType.TEXT : c.columns.get(i).type();
                assign(f, s.into().get(i), new Value(v, t));
            }
            f.values[PlFunction.FOUND] = !c.rows.isEmpty();
            f.rowCount = c.rows.size();
            return;
        }
        if (returnsRows && !s.perform() && s.statement() instanceof Statement.Select
                || returnsRows && !s.perform() && s.statement() instanceof Statement.QueryStatement) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "query has no destination for result data", 0, null,
                    "If you want to discard the results of a SELECT, use PERFORM instead.", null);
        }
        f.rowCount = returnsRows && s.perform() ? c.rows.size() : c.affected();
        f.values[PlFunction.FOUND] = f.rowCount > 0;
    }

    // ------------------------------------------------------------------ values

    /** A value with its SQL type. */
    record Value(Object value, SqlType type) {}

    private Value eval(Frame f, PlNode.Expr e) {
        Query q = e.query();
        Statement s = q instanceof Statement.Select sel ? sel : new Statement.QueryStatement(q);
        Collector c = run(f, s, e.slots());
        if (c.columns.size() != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "query \"SELECT " + e.text() + "\" returned " + c.columns.size()
                    + " columns");
        }
        if (c.rows.size() > 1) {
            throw new SqlException(SqlState.CARDINALITY_VIOLATION, "query \"SELECT " + e.text() + "\" returned more than one row");
        }
        return new Value(c.rows.isEmpty() ? null : c.rows.getFirst()[0], c.columns.getFirst().type());
    }

    /** Runs {@code s} as a nested statement with the values of parameters {@code slots}. */
    private Collector run(Frame f, Statement s, int[] slots) {
        Slots all = f.fn.slots();
        Object[] values = new Object[all.size()];
        SqlType[] types = new SqlType[all.size()];
        Arrays.fill(types, SqlType.TEXT);
        for (int n : slots) {
            Value v = slotValue(f, all.get(n));
            values[n] = v.value();
            types[n] = v.type();
        }
        Collector c = new Collector();
        if (f.fn.def().volatility() == 'v') {
            tx.advanceCommand(); // STABLE / IMMUTABLE functions keep the calling statement's snapshot
        }
        QueryParams.with(new QueryParams.Values(values, types), () -> {
            executor.execute(s, tx, c);
            return null;
        });
        return c;
    }

    private Value slotValue(Frame f, Slots.Slot slot) {
        return switch (slot) {
            case Slots.Slot.Var v -> new Value(f.values[v.index()], f.fn.vars().get(v.index()).type());
            case Slots.Slot.Field fl -> {
                // Bound before the expression runs, so unlike PostgreSQL (which reads fields lazily)
                // an unassigned NEW / OLD reads as NULL here rather than failing: TG_LEVEL = 'ROW' AND NEW.v < 0
                // must work in a statement trigger.
                Object[] row = f.event == null ? null : fl.isNew() ? f.newRow : f.oldRow;
                int i = column(f, fl.isNew(), fl.column());
                yield new Value(row == null ? null : row[i], f.event.table().column(i).type());
            }
            case Slots.Slot.Whole w -> {
                Object[] row = f.event == null ? null : w.isNew() ? f.newRow : f.oldRow;
                if (row == null) {
                    yield new Value(null, SqlType.JSONB);
                }
                TreeMap<String, Object> map = Jsonb.newObject();
                Table t = f.event.table();
                for (int i = 0; i < t.columns().size(); i++) {
                    map.put(t.column(i).name(), Jsonb.fromSql(row[i], t.column(i).type()));
                }
                yield new Value(new Jsonb(map), SqlType.JSONB);
            }
        };
    }

    private static Object[] row(Frame f, boolean isNew) {
        Object[] row = isNew ? f.newRow : f.oldRow;
        if (row == null) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "record \"" + (isNew ? "new" : "old")
                    + "\" is not assigned yet", 0, "The tuple structure of a not-yet-assigned record is indeterminate.", null, null);
        }
        return row;
    }

    private static int column(Frame f, boolean isNew, String name) {
        int i = f.event.table().columnIndex(name);
        if (i < 0) {
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "record \"" + (isNew ? "new" : "old") + "\" has no field \"" + name + "\"");
        }
        return i;
    }

    private void assign(Frame f, PlNode.Target target, Value v) {
        switch (target) {
            case PlNode.Target.Var var -> {
                PlFunction.Variable decl = f.fn.vars().get(var.index());
                f.values[var.index()] = convert(v, decl.type(), decl.maxLength());
            }
            case PlNode.Target.Field fl -> {
                Object[] row = row(f, fl.isNew());
                int i = column(f, fl.isNew(), fl.column());
                Column c = f.event.table().column(i);
                row[i] = convert(v, c.type(), c.maxLength());
            }
        }
    }

    /** {@code v} converted for storing in a variable or column of {@code type}: an assignment cast, else through text. */
    static Object convert(Value v, SqlType type, int maxLength) {
        if (v.value() == null) {
            return null;
        }
        Object out;
        Values.CastContext ctx = Values.castContext(v.type(), type);
        if (v.type() == type) {
            out = v.value();
        } else if (v.type() != SqlType.UNKNOWN && (ctx == Values.CastContext.IMPLICIT || ctx == Values.CastContext.ASSIGNMENT)) {
            out = Values.cast(v.value(), v.type(), type);
        } else {
            String text = v.value() instanceof String s ? s : v.type().toText(v.value());
            out = Values.parse(text, type);
        }
        return maxLength >= 0 ? TypeMods.apply(out, type, maxLength, true) : out;
    }

    // ------------------------------------------------------------------ errors

    /**
     * The CONTEXT line naming expression {@code e} ({@code kind "text"}), or null. PostgreSQL adds it
     * when the error happens while the expression is planned (constants are folded then) or run
     * through the executor (it reads tables), but not when a simple expression over variables is
     * evaluated: approximated as "uses no variables, or contains SELECT".
     */
    private static String planned(PlNode.Expr e, String kind) {
        return e.slots().length == 0 || mentionsSelect(e) ? kind + " \"" + e.text() + "\"" : null;
    }

    private static boolean mentionsSelect(PlNode.Expr e) {
        return e.text().toLowerCase(Locale.ROOT).matches("(?s).*\\bselect\\b.*");
    }

    private static String contextLine(Frame f, int line, String what) {
        return "PL/pgSQL function " + name(f) + " line " + line + (what.startsWith("during") ? " " : " at ") + what;
    }

    /**
     * {@code e} leaving statement {@code what} at {@code line}: its position dropped (it pointed
     * into the embedded text), {@code inner} (the statement or expression) and this function's line
     * appended to its context.
     */
    private static SqlException located(SqlException e, Frame f, int line, String what, String inner) {
        String mine = (inner == null ? "" : inner + "\n") + contextLine(f, line, what);
        return e.withPosition(0).withContext(e.context() == null ? mine : e.context() + "\n" + mine);
    }

    /** Collects a nested statement's output. */
    private static final class Collector implements ResultSink {
        List<ColumnInfo> columns;
        final List<Object[]> rows = new ArrayList<>();
        String tag;

        @Override
        public void columns(List<ColumnInfo> cols) {
            columns = cols;
        }

        @Override
        public void row(Object[] values) {
            rows.add(values.clone());
        }

        @Override
        public void complete(String commandTag) {
            tag = commandTag;
        }

        @Override
        public void emptyQuery() {
            // nothing
        }

        /** The row count of an INSERT / UPDATE / DELETE tag (the last number), else 0. */
        long affected() {
            if (tag == null) {
                return 0;
            }
            int space = tag.lastIndexOf(' ');
            try {
                return space < 0 ? 0 : Long.parseLong(tag.substring(space + 1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
