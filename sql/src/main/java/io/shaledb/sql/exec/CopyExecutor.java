package io.shaledb.sql.exec;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.CopyDescription;
import io.shaledb.sql.CopyIn;
import io.shaledb.sql.CopyOut;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.ast.FromItem;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.copy.CopyCodec;
import io.shaledb.sql.copy.CopyOptions;
import io.shaledb.sql.copy.CopyRecordReader;
import io.shaledb.sql.types.TypeMods;
import io.shaledb.sql.types.Values;
import io.shaledb.txn.Relation;
import io.shaledb.txn.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY between a table (or a query) and the client's stream.
 *
 * <pre>
 *   COPY t FROM STDIN:  CopyIn.read() --chunks--> CopyRecordReader --records--> CopyCodec.parse
 *                          --fields--> input functions --> RowWriter --> Transaction.insert   (row by row: lock, check)
 *                          --versions--> Transaction's bulk-mode buffer --batches of 512--> engine
 *   COPY t|(q) TO STDOUT:  SELECT (streaming) --rows--> output functions --> CopyCodec.format --> CopyOut.write
 * </pre>
 *
 * Rows go into the table as their records complete, so a COPY of any size holds one partial
 * record and at most one buffered batch of versions in memory, not the input
 * ({@link Transaction#bufferWrites}: one engine write, one B+Tree log record, per batch). All of it runs in the statement's transaction: any error (a bad
 * row, a duplicate key, the client's CopyFail or disconnect) fails the statement, and the session
 * rolls back everything the COPY inserted. Errors carry PostgreSQL's CONTEXT line
 * ({@code COPY t, line 3, column id: "x"}).
 */
final class CopyExecutor {
    /** PostgreSQL's limit on a value quoted in a CONTEXT line. */
    private static final int MAX_CONTEXT_CHARS = 1024;
    private static final Object[] NO_ROW = new Object[0];

    private final Executor executor;

    CopyExecutor(Executor executor) {
        this.executor = executor;
    }

    void execute(Statement.Copy c, Transaction tx, ResultSink sink) {
        if (c.file() != null) {
            String what = c.program() ? "a program" : "a file";
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + (c.from() ? "FROM " : "TO ") + what
                    + " is not supported: ShaleDB does not " + (c.from() ? "read" : "write") + " files or run programs on the server",
                    0, null, "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.", null);
        }
        CopyOptions options = CopyOptions.of(c.options(), c.from());
        if (c.from()) {
            copyFrom(c, options, tx, sink);
        } else {
            copyTo(c, options, tx, sink);
        }
    }

    // ------------------------------------------------------------------ COPY FROM

    private void copyFrom(Statement.Copy c, CopyOptions options, Transaction tx, ResultSink sink) {
        if (tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute COPY FROM in a read-only transaction");
        }
        Table table = lookup(c.table(), tx);
        Relation rel = executor.relation(table);
        Bound[] defaults = ColumnDefaults.bindAll(table);
        RowWriter writer = executor.rowWriter(tx, table, io.shaledb.sql.catalog.Trigger.INSERT);
        int[] cols = columnList(table, c.columns());
        List<String> names = new ArrayList<>();
        for (int col : cols) {
            names.add(table.column(col).name());
        }
        boolean[] forceNotNull = flags(options.forceNotNull(), names, table, "FORCE_NOT_NULL");
        boolean[] forceNull = flags(options.forceNull(), names, table, "FORCE_NULL");
        CopyCodec codec = new CopyCodec(options);
        CopyRecordReader reader = new CopyRecordReader(options);
        long[] line = {0};
        long[] inserted = {0};
        boolean[] copied = new boolean[table.columns().size()];
        for (int col : cols) {
            copied[col] = true;
        }
        CopyRecordReader.RecordSink rows = (buf, off, len) -> {
            line[0]++;
            java.util.function.Supplier<String> where = () -> "COPY " + table.name() + ", line " + line[0]; // errors only
            List<String> fields;
            try {
                fields = codec.parse(buf, off, len, forceNotNull, forceNull);
            } catch (SqlException e) {
                throw e.withContext(where.get() + ": \"" + clip(new String(buf, off, len, StandardCharsets.UTF_8)) + "\"");
            }
            if (line[0] == 1 && options.header()) {
                if (options.headerMatch()) {
                    checkHeader(fields, names, options, where.get());
                }
                return;
            }
            if (fields.size() != cols.length) {
                String message = fields.size() > cols.length ? "extra data after last expected column"
                        : "missing data for column \"" + names.get(fields.size()) + "\"";
                throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, message)
                        .withContext(where.get() + ": \"" + clip(new String(buf, off, len, StandardCharsets.UTF_8)) + "\"");
            }
            Object[] row = new Object[table.columns().size()];
            for (int i = 0; i < row.length; i++) {
                if (!copied[i] && defaults[i] != null) {
                    row[i] = defaults[i].eval(NO_ROW); // columns not copied take their default
                }
            }
            for (int j = 0; j < cols.length; j++) {
                String text = fields.get(j);
                if (text != null) {
                    try {
                        row[cols[j]] = input(text, table.column(cols[j]));
                    } catch (SqlException e) {
                        throw e.withContext(where.get() + ", column " + names.get(j) + ": \"" + clip(text) + "\"");
                    }
                }
            }
            try {
                if (writer.insert(row) == null) {
                    return; // a BEFORE trigger skipped the row
                }
            } catch (SqlException e) {
                String at = where.get() + ": \"" + clip(new String(buf, off, len, StandardCharsets.UTF_8)) + "\"";
                throw e.withContext(e.context() == null ? at : e.context() + "\n" + at); // a trigger's lines come first
            }
            inserted[0]++;
        };
        CopyIn in = sink.copyIn(new CopyDescription(false, cols.length));
        tx.bufferWrites(); // row versions reach the engine in batches (Transaction#bufferWrites)
        try {
            for (byte[] chunk = in.read(); chunk != null; chunk = in.read()) {
                reader.feed(chunk, rows); // after an end marker the rest is read and ignored, as PostgreSQL does
            }
            if (!reader.finish(rows)) {
                throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field")
                        .withContext("COPY " + table.name() + ", line " + (line[0] + 1));
            }
            writer.finish();
        } catch (RuntimeException | Error e) {
            try {
                tx.flushWrites(); // the statement failed: its rows go in as written, for the rollback to undo
            } catch (RuntimeException f) {
                e.addSuppressed(f);
            }
            throw e;
        }
        tx.flushWrites();
        sink.complete("COPY " + inserted[0]);
    }

    /** A column's input function, with its type modifier applied (varchar(n)'s length check, numeric's scale). */
    private static Object input(String text, Column column) {
        Object v = Values.parse(text, column.type());
        return column.maxLength() >= 0 ? TypeMods.apply(v, column.type(), column.maxLength(), true) : v;
    }

    private static void checkHeader(List<String> fields, List<String> names, CopyOptions options, String where) {
        if (fields.size() != names.size()) {
            throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "wrong number of fields in header line: got "
                    + fields.size() + ", expected " + names.size()).withContext(where);
        }
        for (int i = 0; i < names.size(); i++) {
            String got = fields.get(i);
            if (got == null) {
                throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "column name mismatch in header line field " + (i + 1)
                        + ": got null value (\"" + options.nullString() + "\"), expected \"" + names.get(i) + "\"").withContext(where);
            }
            if (!got.equals(names.get(i))) {
                throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "column name mismatch in header line field " + (i + 1)
                        + ": got \"" + got + "\", expected \"" + names.get(i) + "\"").withContext(where);
            }
        }
    }

    // ------------------------------------------------------------------ COPY TO

    private void copyTo(Statement.Copy c, CopyOptions options, Transaction tx, ResultSink sink) {
        Statement query = c.query() == null ? null
                : c.query() instanceof Statement.Select s ? s : new Statement.QueryStatement(c.query());
        Table table = null;
        if (query == null) {
            table = lookup(c.table(), null);
            int[] cols = columnList(table, c.columns());
            List<Statement.SelectItem> items = new ArrayList<>();
            for (int col : cols) {
                items.add(new Statement.SelectItem(new Expr.ColumnRef(null, table.column(col).name(), c.table().pos()),
                        null, false, null, c.table().pos()));
            }
            query = new Statement.Select(false, List.of(), items, List.of(new FromItem.Named(c.table(), List.of())), null,
                    List.of(), null, List.of(), null, null, List.of());
        }
        CopyOutSink out = new CopyOutSink(options, table, sink);
        executor.execute(query, tx, out);
        if (out.copy == null) {
            out.columns(List.of()); // a query without rows still announces its copy
        }
        sink.complete("COPY " + out.rows);
    }

    /** Turns a SELECT's result into COPY data. */
    private static final class CopyOutSink implements ResultSink {
        private final CopyOptions options;
        private final Table table;
        private final ResultSink client;
        private final CopyCodec codec;
        private final StringBuilder line = new StringBuilder();
        private List<ColumnInfo> columns;
        private boolean[] forceQuote;
        private CopyOut copy;
        long rows;

        CopyOutSink(CopyOptions options, Table table, ResultSink client) {
            this.options = options;
            this.table = table;
            this.client = client;
            this.codec = new CopyCodec(options);
        }

        @Override
        public void columns(List<ColumnInfo> newColumns) {
            columns = newColumns;
            List<String> names = newColumns.stream().map(ColumnInfo::name).toList();
            forceQuote = flags(options.forceQuote(), names, table, "FORCE_QUOTE");
            copy = client.copyOut(new CopyDescription(false, names.size()));
            if (options.header()) {
                send(names.toArray(new String[0]));
            }
        }

        @Override
        public void row(Object[] values) {
            String[] texts = new String[columns.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = values[i] == null ? null : columns.get(i).type().toText(values[i]);
            }
            send(texts);
            rows++;
        }

        private void send(String[] texts) {
            line.setLength(0);
            codec.format(line, texts, forceQuote);
            copy.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void complete(String commandTag) {
            // the COPY's own tag follows
        }

        @Override
        public void emptyQuery() {
            // a COPY's query is never empty
        }
    }

    // ------------------------------------------------------------------ shared

    /** The table columns a COPY names (all, in order, when none are named). */
    private static int[] columnList(Table table, List<Ident> columns) {
        if (columns.isEmpty()) {
            int[] all = new int[table.columns().size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            Ident col = columns.get(i);
            int idx = table.columnIndex(col.name());
            if (idx < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + col.name() + "\" of relation \""
                        + table.name() + "\" does not exist");
            }
            for (int j = 0; j < i; j++) {
                if (out[j] == idx) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + col.name() + "\" specified more than once");
                }
            }
            out[i] = idx;
        }
        return out;
    }

    /** The table COPY names (locked for writing when {@code writer} is given); PostgreSQL reports a missing one without a position. */
    private Table lookup(Statement.TableRef ref, Transaction writer) {
        try {
            return writer == null ? executor.lookup(ref) : executor.lookupForWrite(ref, writer);
        } catch (SqlException e) {
            throw e.withPosition(0);
        }
    }

    /**
     * Which of {@code names} (the copied columns of {@code table}, or of a query when it is null) a
     * FORCE_* option lists; every listed column must be one of them.
     */
    private static boolean[] flags(List<Ident> listed, List<String> names, Table table, String option) {
        boolean[] out = new boolean[names.size()];
        for (Ident col : listed) {
            int idx = names.indexOf(col.name());
            if (idx < 0 && (table == null || table.columnIndex(col.name()) < 0)) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + col.name() + "\""
                        + (table == null ? "" : " of relation \"" + table.name() + "\"") + " does not exist");
            }
            if (idx < 0) {
                throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, option + " column \"" + col.name()
                        + "\" not referenced by COPY");
            }
            out[idx] = true;
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() <= MAX_CONTEXT_CHARS ? s : s.substring(0, MAX_CONTEXT_CHARS) + "...";
    }
}
