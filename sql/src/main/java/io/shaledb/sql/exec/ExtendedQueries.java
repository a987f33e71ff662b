package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.CopyDescription;
import io.shaledb.sql.CopyIn;
import io.shaledb.sql.CopyOut;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.parser.Parser;
import io.shaledb.sql.types.SqlType;
import io.shaledb.txn.Transaction;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The session's half of the extended query protocol, kept out of {@link Session}: Parse (parse
 * one statement, infer its parameter types, describe its result) and the result-shape check of
 * Execute. See {@link PreparedQuery} for how a statement is described without running it.
 */
final class ExtendedQueries {
    private ExtendedQueries() {}

    /**
     * Parses and describes {@code sql}. {@code inContext} runs a body inside the statement context
     * (transaction, search path, settings) the session would run the statement in.
     */
    static PreparedQuery prepare(String sql, List<SqlType> declared, BiConsumer<Statement, Consumer<Transaction>> inContext,
                                 Executor executor) {
        List<Statement> statements = Parser.parse(sql);
        if (statements.size() > 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        int n = Math.max(declared.size(), PreparedQuery.parameterCount(sql));
        SqlType[] bindTypes = new SqlType[n];
        SqlType[] inferred = new SqlType[n];
        for (int i = 0; i < n; i++) {
            SqlType d = i < declared.size() && declared.get(i) != null ? declared.get(i) : SqlType.UNKNOWN;
            bindTypes[i] = d;
            inferred[i] = d == SqlType.UNKNOWN ? null : d;
        }
        Statement s = statements.isEmpty() ? null : statements.getFirst();
        List<ColumnInfo> columns = null;
        if (s != null && PreparedQuery.needsDryRun(s)) {
            @SuppressWarnings("unchecked")
            List<ColumnInfo>[] described = new List[1];
            QueryParams.with(new QueryParams.Values(new Object[n], bindTypes), () -> QueryParams.inferring(inferred, () -> {
                inContext.accept(s, tx -> described[0] = PreparedQuery.dryRun(executor, s, tx, inferred));
                return null;
            }));
            columns = described[0];
        } else if (s != null) {
            columns = PreparedQuery.staticColumns(s);
        }
        for (int i = 0; i < n; i++) {
            if (inferred[i] == null) {
                inferred[i] = SqlType.TEXT; // PostgreSQL resolves a parameter nothing constrains as text
            }
        }
        return new PreparedQuery(sql, s, List.copyOf(Arrays.asList(inferred)), columns);
    }

    /** {@code sink}, refusing a RowDescription that differs from the one {@code q} was described with. */
    static ResultSink shapeChecked(PreparedQuery q, ResultSink sink) {
        if (q.columns() == null || !PreparedQuery.needsDryRun(q.statement())) {
            return sink;
        }
        return new ResultSink() {
            @Override
            public void columns(List<ColumnInfo> columns) {
                PreparedQuery.checkShape(q.columns(), columns);
                sink.columns(columns);
            }

            @Override
            public void row(Object[] values) {
                sink.row(values);
            }

            @Override
            public void complete(String commandTag) {
                sink.complete(commandTag);
            }

            @Override
            public void emptyQuery() {
                sink.emptyQuery();
            }

            @Override
            public void notice(String severity, String sqlState, String message, String detail, String hint) {
                sink.notice(severity, sqlState, message, detail, hint);
            }

            @Override
            public CopyIn copyIn(CopyDescription description) {
                return sink.copyIn(description);
            }

            @Override
            public CopyOut copyOut(CopyDescription description) {
                return sink.copyOut(description);
            }
        };
    }

    /** Where a describing dry run's notices go: nowhere (the statement has not run). */
    static final ResultSink NO_SINK = new ResultSink() {
        @Override
        public void columns(List<ColumnInfo> columns) {}

        @Override
        public void row(Object[] values) {}

        @Override
        public void complete(String commandTag) {}

        @Override
        public void emptyQuery() {}
    };
}
