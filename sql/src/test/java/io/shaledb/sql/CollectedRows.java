package io.shaledb.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link ResultSink} for tests that keeps the rows and ignores everything else. */
public final class CollectedRows implements ResultSink {
    private final List<Object[]> rows = new ArrayList<>();

    /** Runs {@code sql} on {@code session} and returns every row it produced. */
    public static List<Object[]> of(SqlSession session, String sql) {
        CollectedRows sink = new CollectedRows();
        session.execute(sql, sink);
        return sink.rows;
    }

    /** Like {@link #of}, each row rendered with {@link Arrays#toString(Object[])}. */
    public static List<String> asText(SqlSession session, String sql) {
        return of(session, sql).stream().map(Arrays::toString).toList();
    }

    public List<Object[]> rows() {
        return rows;
    }

    @Override
    public void columns(List<ColumnInfo> columns) {}

    @Override
    public void row(Object[] values) {
        rows.add(values);
    }

    @Override
    public void complete(String commandTag) {}

    @Override
    public void emptyQuery() {}
}
