package io.shaledb.sql.stats;

import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.Numerics;
import io.shaledb.sql.types.SqlType;

/**
 * A table's size as the planner should assume it now (PostgreSQL's estimate_rel_size): pages and
 * rows, from the last ANALYZE scaled to the rows counted since, or — never analyzed — from the
 * column types' typical widths with PostgreSQL's "at least 10 pages" assumption for a table that
 * may just not have been loaded yet.
 *
 * <pre>
 *   analyzed:       pages = relpages x live / reltuples     rows = density (reltuples / relpages) x pages
 *   never analyzed: pages = max(10, pages the live rows fill)  rows = (8192 - 24) / (width + 28) x pages
 * </pre>
 *
 * @param tuples estimated rows
 * @param pages estimated 8 kB pages (for sequential-scan costs)
 * @param width estimated average row data width in bytes (EXPLAIN's {@code width=} of a full row)
 * @param analyzed whether the estimate rests on statistics
 */
public record RelationSize(double tuples, long pages, int width, boolean analyzed) {
    /** PostgreSQL's per-tuple overhead in its density estimate: MAXALIGN(heap tuple header) + line pointer. */
    private static final int TUPLE_OVERHEAD = 24 + 4;
    /** PostgreSQL's minimum page estimate for a table never vacuumed or analyzed. */
    private static final int NEVER_ANALYZED_PAGES = 10;

    /** The size of {@code table}, which has {@code liveRows} rows by the activity counters. */
    static RelationSize of(Table table, TableStats stats, long liveRows) {
        int width = dataWidth(table, stats);
        if (stats != null && stats.reltuples() >= 0) {
            long pages;
            if (stats.reltuples() > 0) {
                pages = (long) Math.ceil(stats.relpages() * (liveRows / stats.reltuples()));
            } else {
                pages = liveRows == 0 ? 0 : (long) Math.ceil(liveRows / (double) perPage(width));
            }
            if (pages == 0) {
                return new RelationSize(0, 0, width, true);
            }
            double density = stats.relpages() > 0 ? stats.reltuples() / stats.relpages() : perPage(width);
            return new RelationSize(Math.rint(density * pages), pages, width, true);
        }
        long pages = Math.max(NEVER_ANALYZED_PAGES, (long) Math.ceil(liveRows / (double) perPage(width)));
        return new RelationSize(Math.rint((double) perPage(width) * pages), pages, width, false);
    }

    /** Rows of {@code width} bytes of data a page holds in PostgreSQL's estimate (integer division, as there). */
    private static int perPage(int width) {
        return (ValueWidths.BLOCK_SIZE - 24) / (width + TUPLE_OVERHEAD);
    }

    /** PostgreSQL's get_rel_data_width: per column avg_width from statistics, else its type's typical width. */
    static int dataWidth(Table table, TableStats stats) {
        int width = 0;
        for (Column c : table.columns()) {
            ColumnStats s = stats == null ? null : stats.column(c.name());
            width += s != null && s.type() == c.type() && s.avgWidth() > 0 ? s.avgWidth() : typicalWidth(c);
        }
        return width;
    }

    /**
     * PostgreSQL's get_typavgwidth: the typlen of fixed-width types; for types with a maximum size
     * from their modifier (varchar(n), char(n), numeric(p,s)) that size, halfway damped above 32
     * bytes; 32 for everything else.
     */
    static int typicalWidth(Column c) {
        int fixed = ValueWidths.fixedWidth(c.type());
        if (fixed > 0) {
            return fixed;
        }
        int max = maximumSize(c.type(), c.typmod());
        if (max > 0) {
            if (c.type() == SqlType.BPCHAR || max <= 32) {
                return max;
            }
            return max < 1000 ? 32 + (max - 32) / 2 : 32 + (1000 - 32) / 2;
        }
        return 32;
    }

    /** PostgreSQL's type_maximum_size: UTF-8 characters of up to 4 bytes plus a 4-byte header. */
    private static int maximumSize(SqlType type, int typmod) {
        if (typmod < 0) {
            return -1;
        }
        return switch (type) {
            case VARCHAR, TEXT, BPCHAR -> typmod * 4 + 4;
            case NUMERIC -> 8 + ((Numerics.precision(typmod) + 2 * 3) / 4) * 2;
            default -> -1;
        };
    }
}
