package io.shaledb.bench.query;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A query's answer, normalised for comparison between servers: column names, and every value as
 * the text the server sent (the simple protocol's text format, which is what PostgreSQL prints;
 * {@code null} stays {@code null}). Two answers are the same when the columns are and the rows are
 * equal, in order when the query's {@code ORDER BY} is total, as multisets otherwise.
 */
public record ResultRows(List<String> columns, List<List<String>> rows) {

    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** Reads the whole result set. */
    public static ResultRows read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>(md.getColumnCount());
        for (int c = 1; c <= md.getColumnCount(); c++) {
            columns.add(md.getColumnLabel(c));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(columns.size());
            for (int c = 1; c <= columns.size(); c++) {
                row.add(rs.getString(c));
            }
            rows.add(row);
        }
        return new ResultRows(List.copyOf(columns), rows);
    }

    /**
     * How {@code actual} differs from this (the reference), or empty when it does not.
     *
     * @param inOrder compare the rows in order; otherwise sorted
     */
    public Optional<String> difference(ResultRows actual, boolean inOrder) {
        if (!columns.equals(actual.columns)) {
            return Optional.of("columns differ: expected " + columns + ", got " + actual.columns);
        }
        List<List<String>> expected = inOrder ? rows : sorted(rows);
        List<List<String>> got = inOrder ? actual.rows : sorted(actual.rows);
        for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
            if (!expected.get(i).equals(got.get(i))) {
                return Optional.of((inOrder ? "row " : "sorted row ") + (i + 1) + " differs: expected " + expected.get(i)
                        + ", got " + got.get(i) + " (" + expected.size() + " vs " + got.size() + " rows)");
            }
        }
        if (expected.size() != got.size()) {
            List<List<String>> longer = expected.size() > got.size() ? expected : got;
            return Optional.of("expected " + expected.size() + " rows, got " + got.size() + "; first extra row of the "
                    + (longer == expected ? "reference" : "answer") + ": " + longer.get(Math.min(expected.size(), got.size())));
        }
        return Optional.empty();
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort(ROW_ORDER);
        return copy;
    }
}
