package io.shaledb.sql.types;

import java.util.List;

/**
 * The fields of an anonymous composite ({@code record}) value: names and types, in order. A
 * value of type {@link SqlType#RECORD} is a {@link RowValue}; expressions that produce one know
 * their shape when bound, which is what lets {@code (expr).field} be type-checked (PostgreSQL
 * "blesses" such record types with a typmod for the same purpose).
 */
public record RowShape(List<String> names, List<SqlType> types) {
    public RowShape {
        names = List.copyOf(names);
        types = List.copyOf(types);
    }

    /** The index of field {@code name}, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }
}
