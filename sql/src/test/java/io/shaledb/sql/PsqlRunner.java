package io.shaledb.sql;

import io.shaledb.testkit.golden.GoldenScript;
import io.shaledb.testkit.golden.PsqlFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Adapts a {@link SqlSession} to the golden-script runner: each block is one query string, and
 * its results print as psql would print them (tables, command tags, errors).
 */
final class PsqlRunner implements GoldenScript.Runner {
    private final SqlSession session;

    PsqlRunner(SqlSession session) {
        this.session = session;
    }

    @Override
    public String run(String query) {
        StringBuilder out = new StringBuilder();
        Collector sink = new Collector(out);
        try {
            session.execute(query, sink);
        } catch (SqlException e) {
            out.append(PsqlFormat.error(e.code(), e.getMessage(), e.position(), query, e.detail(), e.hint(), e.context()));
        }
        return out.toString();
    }

    /** Renders each statement's result as it completes. */
    private static final class Collector implements ResultSink {
        private final StringBuilder out;
        private List<ColumnInfo> columns;
        private final List<String[]> rows = new ArrayList<>();
        /** A COPY TO STDOUT printed its data: psql prints no command tag after it. */
        private boolean copiedOut;

        Collector(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void columns(List<ColumnInfo> cols) {
            columns = cols;
            rows.clear();
        }

        @Override
        public void row(Object[] values) {
            String[] cells = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                cells[i] = values[i] == null ? null : columns.get(i).type().toText(values[i]);
            }
            rows.add(cells);
        }

        @Override
        public CopyOut copyOut(CopyDescription description) {
            copiedOut = true;
            return chunk -> out.append(new String(chunk, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void complete(String tag) {
            if (copiedOut) {
                copiedOut = false;
                return;
            }
            if (columns == null) {
                out.append(tag).append('\n');
                return;
            }
            if (tag.startsWith("SELECT ") && !tag.equals("SELECT " + rows.size())) {
                throw new AssertionError("command tag " + tag + " after " + rows.size() + " rows");
            }
            List<String> names = columns.stream().map(ColumnInfo::name).toList();
            // psql right-aligns the numeric types (int2/4/8, numeric, float4/8)
            List<Boolean> right = columns.stream().map(c -> c.type() != null
                    && (c.type().isNumeric() || c.type() == io.shaledb.sql.types.SqlType.OID)).toList();
            out.append(PsqlFormat.table(names, right, rows));
            if (tag.startsWith("INSERT ") || tag.startsWith("UPDATE ") || tag.startsWith("DELETE ")) {
                out.append(tag).append('\n'); // RETURNING: psql prints the rows, then the command tag
            }
            columns = null;
            rows.clear();
        }

        /** psql prints notices too, but the PostgreSQL comparison drops NOTICE lines: only warnings are kept. */
        @Override
        public void notice(String severity, String sqlState, String message, String detail, String hint) {
            if (severity.equals("WARNING")) {
                out.append("WARNING:  ").append(sqlState).append(": ").append(message).append('\n');
            }
        }

        @Override
        public void emptyQuery() {
            // psql prints nothing for an empty query
        }
    }
}
