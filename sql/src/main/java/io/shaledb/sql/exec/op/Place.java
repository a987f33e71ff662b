package io.shaledb.sql.exec.op;

/**
 * Copies each narrow input row into a row of the FROM clause's full width at {@code offset}, so
 * that every operator under a SELECT's joins sees one row layout (see {@code QueryPlanner}).
 */
public final class Place implements Operator {
    private final Operator input;
    private final int offset;
    private final int width;

    public Place(Operator input, int offset, int width) {
        this.input = input;
        this.offset = offset;
        this.width = width;
    }

    @Override
    public void open() {
        input.open();
    }

    @Override
    public Object[] next() {
        Object[] row = input.next();
        if (row == null) {
            return null;
        }
        if (offset == 0 && row.length == width && input instanceof FreshRows) {
            return row; // a single table's row already is the FROM layout; the scan made it fresh
        }
        Object[] out = new Object[width];
        System.arraycopy(row, 0, out, offset, row.length);
        return out;
    }

    @Override
    public void close() {
        input.close();
    }
}
