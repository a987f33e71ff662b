package io.shaledb.sql.plan;

/**
 * The estimate of one plan node, in PostgreSQL's units: {@code startup} is the cost spent before
 * the first row comes out, {@code total} the cost of producing every row, {@code rows} the rows
 * expected and {@code width} their average width in bytes. EXPLAIN prints it as
 * {@code (cost=startup..total rows=rows width=width)}.
 */
public record Cost(double startup, double total, double rows, int width) {

    /** A node that produces nothing and costs nothing (a placeholder before anything is known). */
    public static final Cost ZERO = new Cost(0, 0, 0, 0);

    public Cost {
        if (startup > total) {
            total = startup;
        }
        rows = Math.max(rows, 0);
    }

    /** The cost of running the node after its first row. */
    public double run() {
        return total - startup;
    }

    /** This estimate with another row count (at least one row, as PostgreSQL's clamp_row_est). */
    public Cost withRows(double newRows) {
        return new Cost(startup, total, CostModel.clampRows(newRows), width);
    }

    public Cost withWidth(int newWidth) {
        return new Cost(startup, total, rows, newWidth);
    }
}
