package io.shaledb.sql.exec.explain;

/**
 * Names the slots of one row layout for {@link Deparser}: a FROM clause's columns
 * ({@code t.id}, or {@code id} unqualified), a group row's keys and aggregates, a projection's
 * outputs. {@code qualify} asks for the relation prefix PostgreSQL shows when a query has more
 * than one relation (or under VERBOSE).
 */
@FunctionalInterface
public interface Namer {
    /** The text of slot {@code index}, or null when this layout does not know it. */
    String slot(int index, boolean qualify, Deparser deparser);

    /** A layout nobody named: slots print as {@code $index}. */
    Namer NONE = (index, qualify, deparser) -> null;
}
