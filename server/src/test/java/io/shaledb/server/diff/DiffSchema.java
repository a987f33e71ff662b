package io.shaledb.server.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random small tables: each has an {@code integer} primary key {@code k} and a few columns of the
 * types both servers understand, filled with values from small domains so that comparisons,
 * groups and duplicates actually happen, and with NULLs.
 *
 * <p>Doubles and reals are mostly multiples of 0.25, so sums are exact whatever order the rows are
 * added in; the few that are not (0.1, 3.3) show up only in row-wise arithmetic, never in
 * {@code sum}/{@code avg}, where the order the rows are added in would change the last digit.
 * Date and time values cluster around the 2024 daylight-saving changes of the session time zone
 * ({@link #TIME_ZONE}), where timestamptz arithmetic is interesting.
 */
record DiffSchema(List<Table> tables) {

    /** The TimeZone both sessions use: it has daylight-saving changes, so timestamptz arithmetic is tested. */
    static final String TIME_ZONE = "Europe/Berlin";

    /** Families of types: what compares with what, and which expressions apply. */
    enum Kind {
        INT, EXACT, FLOAT, STRING, BOOL, DATE, TIMESTAMP, TIMESTAMPTZ, INTERVAL, UUID;

        boolean numeric() {
            return this == INT || this == EXACT || this == FLOAT;
        }

        boolean datetime() {
            return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ;
        }
    }

    /** A column type the generator knows how to make values and predicates for. */
    enum Type {
        INTEGER("integer", Kind.INT, true), BIGINT("bigint", Kind.INT, true), DOUBLE("double precision", Kind.FLOAT, true),
        TEXT("text", Kind.STRING, true), BOOLEAN("boolean", Kind.BOOL, true),
        SMALLINT("smallint", Kind.INT, false), NUMERIC("numeric(8,2)", Kind.EXACT, false), REAL("real", Kind.FLOAT, false),
        VARCHAR("varchar(5)", Kind.STRING, false), CHAR("char(3)", Kind.STRING, false), DATE("date", Kind.DATE, false),
        TIMESTAMP("timestamp", Kind.TIMESTAMP, false), TIMESTAMPTZ("timestamptz", Kind.TIMESTAMPTZ, false),
        INTERVAL("interval", Kind.INTERVAL, false), UUID("uuid", Kind.UUID, false);

        final String sql;
        final Kind kind;
        final boolean numeric;
        /** One of the first five types, generated without the {@code types} feature. */
        final boolean basic;

        Type(String sql, Kind kind, boolean basic) {
            this.sql = sql;
            this.kind = kind;
            this.numeric = kind.numeric();
            this.basic = basic;
        }

        /** Whether values of the two types compare without a cast. */
        boolean comparableWith(Type other) {
            return kind == other.kind || (numeric && other.numeric) || (kind.datetime() && other.kind.datetime());
        }
    }

    record Column(String table, String name, Type type) {
        String ref() {
            return table + "." + name;
        }
    }

    record Table(String name, List<Column> columns, List<String> inserts) {
        Column key() {
            return columns.getFirst();
        }

        List<String> ddl() {
            List<String> out = new ArrayList<>();
            StringBuilder create = new StringBuilder("CREATE TABLE " + name + " (k integer PRIMARY KEY");
            for (Column c : columns.subList(1, columns.size())) {
                create.append(", ").append(c.name()).append(' ').append(c.type().sql);
            }
            out.add(create.append(')').toString());
            out.addAll(inserts);
            return out;
        }
    }

    static DiffSchema random(Random r, boolean allTypes) {
        List<Type> types = List.of(Type.values()).stream().filter(t -> allTypes || t.basic).toList();
        List<Table> tables = new ArrayList<>();
        int count = 2 + r.nextInt(2);
        for (int t = 0; t < count; t++) {
            String name = "t" + t;
            List<Column> cols = new ArrayList<>();
            cols.add(new Column(name, "k", Type.INTEGER));
            int extra = 2 + r.nextInt(allTypes ? 6 : 4);
            for (int c = 0; c < extra; c++) {
                // every table has an integer and a text column, so joins and IN subqueries find partners
                Type type = c == 0 ? Type.INTEGER : c == 1 ? Type.TEXT : types.get(r.nextInt(types.size()));
                cols.add(new Column(name, "c" + c, type));
            }
            List<String> inserts = new ArrayList<>();
            int rows = r.nextInt(25);
            for (int k = 1; k <= rows; k++) {
                StringBuilder row = new StringBuilder("(" + k);
                for (Column c : cols.subList(1, cols.size())) {
                    row.append(", ").append(value(r, c.type()));
                }
                inserts.add("INSERT INTO " + name + " VALUES " + row + ")");
            }
            tables.add(new Table(name, cols, inserts));
        }
        return new DiffSchema(tables);
    }

    static String value(Random r, Type type) {
        if (r.nextInt(6) == 0) {
            return "NULL";
        }
        return literal(r, type);
    }

    /** A literal of the type; quoted ones are untyped, so the context gives them their type. */
    static String literal(Random r, Type type) {
        return switch (type) {
            case INTEGER -> Integer.toString(r.nextInt(21) - 5);
            case BIGINT -> r.nextInt(4) == 0 ? Long.toString(3_000_000_000L + r.nextInt(3)) : Integer.toString(r.nextInt(21) - 5);
            case SMALLINT -> r.nextInt(10) == 0 ? Integer.toString(32_000 + r.nextInt(700)) : Integer.toString(r.nextInt(21) - 5);
            case NUMERIC -> BigDecimal.valueOf(r.nextInt(4001) - 2000, 2).toPlainString();
            case DOUBLE, REAL -> Double.toString((r.nextInt(81) - 40) / 4.0);
            case TEXT -> "'" + WORDS[r.nextInt(WORDS.length)] + "'";
            case VARCHAR -> "'" + WORDS[r.nextInt(WORDS.length)] + "'";
            case CHAR -> "'" + SHORT_WORDS[r.nextInt(SHORT_WORDS.length)] + "'";
            case BOOLEAN -> r.nextBoolean() ? "true" : "false";
            case DATE -> "'" + DATES[r.nextInt(DATES.length)] + "'";
            case TIMESTAMP -> "'" + DATES[r.nextInt(DATES.length)] + " " + TIMES[r.nextInt(TIMES.length)] + "'";
            case TIMESTAMPTZ -> "'" + DATES[r.nextInt(DATES.length)] + " " + TIMES[r.nextInt(TIMES.length)]
                    + ZONES[r.nextInt(ZONES.length)] + "'";
            case INTERVAL -> "'" + INTERVALS[r.nextInt(INTERVALS.length)] + "'";
            case UUID -> "'" + UUIDS[r.nextInt(UUIDS.length)] + "'";
        };
    }

    /** Row-wise float noise: values whose arithmetic shows how a server prints inexact floats. */
    static String inexactFloat(Random r) {
        return r.nextBoolean() ? "0.1" : "3.3";
    }

    private static final String[] WORDS = {"", "a", "A", "b", "ab", "abc", "b c", "z", "Zeta", "10", "9", " a ", "a_b"};
    private static final String[] SHORT_WORDS = {"", "a", "A", "ab", "abc", "b c", "z", "10", " a"};
    private static final String[] DATES = {"2024-01-01", "2024-01-31", "2024-02-29", "2024-03-30", "2024-03-31",
        "2024-10-27", "2023-12-31", "1999-06-15", "2024-01-01"};
    private static final String[] TIMES = {"00:00:00", "01:30:00", "02:30:00", "12:00:00", "23:59:59.5", "02:30:00.25"};
    private static final String[] ZONES = {"", "", "+00", "-05", "+05:30"};
    private static final String[] INTERVALS = {"1 day", "2 hours", "1 mon 3 days", "-3 hours 20 minutes", "90 minutes",
        "1 year 2 mons", "0", "36:00:00", "1 day -1 hours", "0.5 seconds"};
    private static final String[] UUIDS = {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
        "00000000-0000-0000-0000-000000000000", "{b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12}", "ffffffffffffffffffffffffffffffff"};
}
