package io.shaledb.sql.ast;

import java.util.List;

/**
 * A window as written in {@code OVER (...)} or {@code WINDOW name AS (...)}:
 *
 * <pre>
 *   OVER w                          -> ref "w", bare
 *   OVER (w ORDER BY x ROWS ...)    -> ref "w" (inherited), own ORDER BY and frame
 *   OVER (PARTITION BY p ORDER BY x RANGE BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES)
 * </pre>
 *
 * {@code ref} names a window of the WINDOW clause (null if none); {@code bare} is true for
 * {@code OVER name} without parentheses; {@code frame} is null when not written (the default
 * frame, RANGE UNBOUNDED PRECEDING to CURRENT ROW).
 */
public record WindowSpec(String ref, boolean bare, List<Expr> partitionBy, List<Statement.OrderItem> orderBy,
                         Frame frame, int pos) {

    /** A frame mode. */
    public enum Mode { ROWS, RANGE, GROUPS }

    /** Which rows EXCLUDE removes from the frame. */
    public enum Exclude { NO_OTHERS, CURRENT_ROW, GROUP, TIES }

    /** A frame boundary kind; {@code offset} of {@link Bound} is set for the two offset kinds. */
    public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** One end of a frame: {@code n PRECEDING} has kind PRECEDING and offset {@code n}. */
    public record Bound(BoundKind kind, Expr offset, int pos) {}

    /** {@code ROWS|RANGE|GROUPS BETWEEN start AND end [EXCLUDE ...]}; a lone start has end CURRENT ROW. */
    public record Frame(Mode mode, Bound start, Bound end, Exclude exclude, int pos) {}

    /** A {@code WINDOW name AS (spec)} entry. */
    public record Definition(String name, WindowSpec spec, int pos) {}
}
