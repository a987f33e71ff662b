package io.shaledb.sql.exec.op;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads all input rows at open and returns them in {@code order} (stable: ties keep input order). */
public final class Sort implements Operator, SortReport {
    private final Operator input;
    private final Comparator<Object[]> order;
    private List<Object[]> rows;
    private int next;
    /** Kilobytes the largest run held (for EXPLAIN ANALYZE), -1 before the first run. */
    private long peakKb = -1;

    public Sort(Operator input, Comparator<Object[]> order) {
        this.input = input;
        this.order = order;
    }

    @Override
    public void open() {
        rows = new ArrayList<>();
        input.open();
        try {
            for (Object[] r = input.next(); r != null; r = input.next()) {
                rows.add(r);
            }
        } finally {
            input.close();
        }
        rows.sort(order);
        peakKb = Math.max(peakKb, (RowSizes.of(rows) + 1023) / 1024);
        next = 0;
    }

    @Override
    public Object[] next() {
        return next < rows.size() ? rows.get(next++) : null;
    }

    @Override
    public void close() {
        rows = null;
    }

    @Override
    public String sortMethod() {
        return peakKb < 0 ? null : "quicksort";
    }

    @Override
    public String spaceType() {
        return "Memory";
    }

    @Override
    public long spaceUsedKb() {
        return Math.max(peakKb, 0);
    }
}
