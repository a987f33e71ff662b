package io.shaledb.bench.txn;

import java.util.Arrays;
import java.util.Locale;

/** The isolation levels the transaction benchmark runs each workload at, as SQL spells them. */
public enum Isolation {
    READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"),
    SERIALIZABLE("serializable");

    private final String sql;

    Isolation(String sql) {
        this.sql = sql;
    }

    /** The words after {@code BEGIN ISOLATION LEVEL}. */
    public String sql() {
        return sql;
    }

    /** The name in reports: {@code READ COMMITTED}. */
    public String label() {
        return sql.toUpperCase(Locale.ROOT);
    }

    /** Accepts {@code read-committed}, {@code read committed}, {@code READ_COMMITTED} and the like. */
    public static Isolation parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
        for (Isolation i : values()) {
            if (i.sql.equals(n)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown isolation level '" + name + "'; one of "
                + Arrays.stream(values()).map(i -> i.sql.replace(' ', '-')).toList());
    }
}
