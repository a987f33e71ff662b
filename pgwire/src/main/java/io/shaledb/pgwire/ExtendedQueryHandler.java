package io.shaledb.pgwire;

import io.shaledb.pgwire.BackendWriter.ClientGoneException;
import io.shaledb.pgwire.codec.BinaryCodec;
import io.shaledb.pgwire.codec.TypeOids;
import io.shaledb.pgwire.extended.Binding;
import io.shaledb.pgwire.extended.ParsedStatement;
import io.shaledb.pgwire.extended.Portal;
import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.CopyDescription;
import io.shaledb.sql.CopyIn;
import io.shaledb.sql.CopyOut;
import io.shaledb.sql.Prepared;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.TransactionStatus;
import io.shaledb.sql.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's half of the extended query protocol for one connection: its prepared statements
 * and portals, and PostgreSQL's error rule: after an error, every message up to the next Sync is
 * discarded, and Sync ends the batch's implicit transaction and answers ReadyForQuery.
 *
 * <pre>
 *   Parse  name, sql, types --&gt; SqlSession.prepare --&gt; statements[name]          ParseComplete
 *   Bind   portal, stmt, params, formats --&gt; Binding --&gt; portals[portal]          BindComplete
 *   Describe S|P --&gt; ParameterDescription + RowDescription | NoData
 *   Execute portal, maxRows --&gt; SqlSession.execute(prepared, values, types, sink)
 *                            --&gt; DataRow* then CommandComplete | PortalSuspended | EmptyQueryResponse
 *   Close  S|P --&gt; forget it                                                           CloseComplete
 *   Sync   --&gt; SqlSession.sync() (commit the implicit transaction) --&gt; ReadyForQuery
 * </pre>
 *
 * Used only by the connection's worker thread.
 */
final class ExtendedQueryHandler {
    private static final Logger log = LoggerFactory.getLogger(ExtendedQueryHandler.class);

    private final BackendWriter writer;
    private final Supplier<SqlSession> session;
    private final int processId;
    private final Map<String, ParsedStatement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    /** Where a COPY FROM STDIN run by Execute reads the client's CopyData (the connection's inbox). */
    private final Supplier<CopyIn> copyIn;
    /** An error happened in this batch: discard messages until Sync. */
    private boolean skipping;
    /** The portal whose query is paused mid-result on its {@link io.shaledb.pgwire.extended.PortalThread}, or null. */
    private Portal paused;

    ExtendedQueryHandler(BackendWriter writer, Supplier<SqlSession> session, int processId, Supplier<CopyIn> copyIn) {
        this.writer = writer;
        this.session = session;
        this.processId = processId;
        this.copyIn = copyIn;
    }

    boolean skipping() {
        return skipping;
    }

    /** Plays one Parse/Bind/Describe/Execute/Close, unless the batch already failed. */
    void handle(FrontendMessage message) {
        if (skipping) {
            return;
        }
        try {
            switch (message) {
                case FrontendMessage.Parse p -> parse(p);
                case FrontendMessage.Bind b -> bind(b);
                case FrontendMessage.Describe d -> describe(d);
                case FrontendMessage.Execute e -> execute(e);
                case FrontendMessage.Close c -> close(c);
                case FrontendMessage.Malformed m -> fail(m.error());
                default -> throw new IllegalArgumentException("not an extended-protocol message: " + message);
            }
        } catch (ClientGoneException e) {
            throw e;
        } catch (SqlException e) {
            writer.abandonPartialMessage();
            fail(PgError.from(e, PgError.ERROR));
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("connection {}: unexpected failure in an extended-protocol message", processId, e);
            writer.abandonPartialMessage();
            fail(PgError.internal(PgError.ERROR));
        }
    }

    /** Sync: the batch is over; commit its implicit transaction, forget portals that ended with it, ReadyForQuery. */
    void sync() {
        skipping = false;
        if (session.get().transactionStatus() == TransactionStatus.IDLE) {
            settle(false); // the implicit transaction ends here, and its portals with it
        } // (inside a block Sync does not touch the session: a paused query may stay paused)
        try {
            session.get().sync();
        } catch (SqlException e) {
            writer.errorResponse(PgError.from(e, PgError.ERROR));
        }
        endOfTransactionCheck();
    }

    /**
     * The session is about to run something else (a Query, a Parse, another portal, Sync): a
     * query paused in a portal runs to its end first, its remaining rows kept in the portal.
     */
    void settle() {
        settle(true);
    }

    /** The session is about to run {@code sql}: as {@link #settle()}, but a COMMIT or ROLLBACK closes the portal anyway. */
    void settleFor(String sql) {
        settle(!endsTransaction(sql));
    }

    private void settle(boolean keep) {
        Portal p = paused;
        if (p != null) {
            paused = null;
            p.settle(keep);
        }
    }

    /** The connection is ending: a paused query runs out, its rows dropped, before the session closes. */
    void closeAll() {
        Portal p = paused;
        if (p != null) {
            paused = null;
            p.settle(false);
        }
        portals.clear();
    }

    /** A simple Query ran: like PostgreSQL, it replaces the unnamed statement and portal. */
    void simpleQueryRan() {
        statements.remove("");
        portals.remove("");
        endOfTransactionCheck();
    }

    private void fail(PgError error) {
        writer.errorResponse(error);
        skipping = true;
    }

    /** Portals live no longer than their transaction. */
    private void endOfTransactionCheck() {
        if (session.get().transactionStatus() == TransactionStatus.IDLE) {
            portals.clear();
        }
    }

    // ---- the messages ----

    private void parse(FrontendMessage.Parse p) {
        settle();
        if (!p.name().isEmpty() && statements.containsKey(p.name())) {
            throw new SqlException(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + p.name() + "\" already exists");
        }
        List<SqlType> declared = new ArrayList<>(p.parameterTypes().length);
        for (int oid : p.parameterTypes()) {
            declared.add(TypeOids.type(oid));
        }
        Prepared prepared = session.get().prepare(p.sql(), declared);
        List<SqlType> full = new ArrayList<>(declared);
        while (full.size() < prepared.parameterTypes().size()) {
            full.add(SqlType.UNKNOWN);
        }
        statements.put(p.name(), new ParsedStatement(p.name(), prepared, List.copyOf(full)));
        writer.parseComplete();
    }

    private void bind(FrontendMessage.Bind b) {
        ParsedStatement statement = statements.get(b.statement());
        if (statement == null) {
            throw new SqlException(SqlState.INVALID_SQL_STATEMENT_NAME, ParsedStatement.describe(b.statement()) + " does not exist");
        }
        if (!b.portal().isEmpty() && portals.containsKey(b.portal())) {
            throw new SqlException(SqlState.DUPLICATE_CURSOR, "cursor \"" + b.portal() + "\" already exists");
        }
        Binding binding = Binding.of(statement, b.parameterFormats(), b.values());
        Portal replaced = portals.put(b.portal(), new Portal(b.portal(), statement, binding, b.resultFormats()));
        if (replaced != null && replaced == paused) { // the unnamed portal, replaced
            paused = null;
            replaced.settle(false);
        }
        writer.bindComplete();
    }

    private void describe(FrontendMessage.Describe d) {
        if (d.kind() == 'S') {
            ParsedStatement statement = statements.get(d.name());
            if (statement == null) {
                throw new SqlException(SqlState.INVALID_SQL_STATEMENT_NAME, ParsedStatement.describe(d.name()) + " does not exist");
            }
            List<SqlType> types = new ArrayList<>(statement.parameterCount());
            for (int i = 0; i < statement.parameterCount(); i++) {
                types.add(statement.parameterType(i));
            }
            writer.parameterDescription(types);
            rowDescription(statement.prepared().columns(), null);
        } else {
            Portal portal = portal(d.name());
            rowDescription(portal.statement().prepared().columns(), portal.resultFormats());
        }
    }

    private void rowDescription(List<ColumnInfo> columns, short[] formats) {
        if (columns == null) {
            writer.noData();
        } else {
            writer.rowDescription(columns, formats == null ? new short[columns.size()] : formats);
        }
    }

    private void execute(FrontendMessage.Execute e) {
        Portal portal = portal(e.portal());
        Prepared prepared = portal.statement().prepared();
        if (prepared.isEmpty()) {
            writer.emptyQueryResponse();
            return;
        }
        if (portal != paused) {
            settleFor(prepared.sql());
        }
        if (!portal.started() && e.maxRows() > 0 && isQuery(prepared.sql())) {
            Binding binding = portal.binding();
            short[] formats = portal.resultFormats();
            portal.lazy(new io.shaledb.pgwire.extended.PortalThread("portal-" + processId, run -> {
                PortalSink sink = new PortalSink(formats) {
                    @Override
                    public void row(Object[] values) {
                        run.offer(encode(values, columns, formats));
                    }
                };
                session.get().execute(prepared, binding.values(), binding.types(), sink);
                return sink.tag;
            }));
        }
        if (!portal.started()) {
            Binding binding = portal.binding();
            if (e.maxRows() <= 0) {
                StreamingSink sink = new StreamingSink(portal.resultFormats());
                session.get().execute(prepared, binding.values(), binding.types(), sink);
                portal.finished(sink.tag);
                if (sink.tag == null) {
                    writer.emptyQueryResponse();
                }
                return;
            }
            BufferingSink sink = new BufferingSink(portal.resultFormats());
            session.get().execute(prepared, binding.values(), binding.types(), sink);
            portal.buffered(sink.rows, sink.tag);
        }
        List<byte[][]> rows = portal.fetch(e.maxRows());
        paused = portal.paused() ? portal : null;
        for (byte[][] row : rows) {
            writer.dataRow(row);
        }
        if (portal.suspended()) {
            writer.portalSuspended();
        } else {
            String tag = portal.tagFor(rows.size());
            if (tag != null) {
                writer.commandComplete(tag);
            } else {
                writer.emptyQueryResponse();
            }
        }
    }

    private void close(FrontendMessage.Close c) {
        if (c.kind() == 'S') {
            statements.remove(c.name());
        } else {
            Portal closed = portals.remove(c.name());
            if (closed != null && closed == paused) {
                paused = null;
                closed.settle(false);
            }
        }
        writer.closeComplete(); // closing what does not exist is not an error
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new SqlException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    /**
     * Whether {@code sql} is a plain query (SELECT, VALUES, TABLE), which a row-limited Execute runs
     * lazily; anything else (DML with RETURNING, SHOW, EXPLAIN ...) runs to its end at the first
     * Execute, as PostgreSQL does with such portals.
     */
    static boolean isQuery(String sql) {
        String word = firstWord(sql);
        return word.equals("select") || word.equals("values") || word.equals("table");
    }

    /** Whether {@code sql} begins with COMMIT, END, ABORT or ROLLBACK (but not ROLLBACK TO a savepoint). */
    static boolean endsTransaction(String sql) {
        String word = firstWord(sql);
        if (word.equals("rollback")) {
            String rest = sql.toLowerCase(java.util.Locale.ROOT);
            return !rest.matches("(?s).*\\brollback\\s+(work\\s+|transaction\\s+)?(to|prepared)\\b.*");
        }
        return word.equals("commit") || word.equals("end") || word.equals("abort");
    }

    /** The first keyword of {@code sql}, lower case, after blanks, comments and opening parentheses. */
    private static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toLowerCase(java.util.Locale.ROOT);
    }

    // ---- results ----

    /** Encodes a row's values in the formats Bind asked for; text through the type's output function. */
    private static byte[][] encode(Object[] values, List<ColumnInfo> columns, short[] formats) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            SqlType type = i < columns.size() && columns.get(i).type() != null ? columns.get(i).type() : null;
            boolean binary = i < formats.length && formats[i] == 1;
            if (binary && type != null) {
                out[i] = BinaryCodec.encode(type, v);
            } else {
                out[i] = (type == null ? String.valueOf(v) : type.toText(v)).getBytes(StandardCharsets.UTF_8);
            }
        }
        return out;
    }

    /**
     * Base of the two sinks: no RowDescription (Describe sends that), notices pass through, and
     * COPY works as in the simple protocol (CopyInResponse / CopyOutResponse, then the data; a
     * Sync the client pipelined behind the Execute is consumed by the copy, as PostgreSQL does).
     */
    private abstract class PortalSink implements ResultSink {
        final short[] formats;
        List<ColumnInfo> columns = List.of();
        String tag;
        /** A COPY TO STDOUT is sending data: its CopyDone precedes the CommandComplete. */
        boolean copyingOut;

        @Override
        public CopyIn copyIn(CopyDescription description) {
            writer.copyResponse(true, description.binary(), description.columns());
            writer.flush();
            return copyIn.get();
        }

        @Override
        public CopyOut copyOut(CopyDescription description) {
            writer.copyResponse(false, description.binary(), description.columns());
            copyingOut = true;
            return writer::copyData;
        }

        PortalSink(short[] formats) {
            this.formats = formats;
        }

        @Override
        public void columns(List<ColumnInfo> newColumns) {
            columns = List.copyOf(newColumns);
        }

        @Override
        public void complete(String commandTag) {
            if (copyingOut) {
                copyingOut = false;
                writer.copyDone();
            }
            tag = commandTag;
        }

        @Override
        public void emptyQuery() {
            tag = null;
        }

        @Override
        public void notice(String severity, String sqlState, String message, String detail, String hint) {
            writer.noticeResponse(new PgError(severity, sqlState, message, detail, hint, 0, null));
        }
    }

    /** Execute without a row limit: rows go out as the statement produces them. */
    private final class StreamingSink extends PortalSink {
        StreamingSink(short[] formats) {
            super(formats);
        }

        @Override
        public void row(Object[] values) {
            writer.dataRow(encode(values, columns, formats));
        }

        @Override
        public void complete(String commandTag) {
            super.complete(commandTag);
            writer.commandComplete(commandTag);
        }
    }

    /** Execute with a row limit: the whole result is kept, encoded, for the portal to hand out. */
    private final class BufferingSink extends PortalSink {
        final List<byte[][]> rows = new ArrayList<>();

        BufferingSink(short[] formats) {
            super(formats);
        }

        @Override
        public void row(Object[] values) {
            rows.add(encode(values, columns, formats));
        }
    }
}
