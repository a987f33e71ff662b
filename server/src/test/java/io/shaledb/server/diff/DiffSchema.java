package io.shaledb.server.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random small tables: each has an {@code integer} primary key {@code k} and a few columns of the
 * types both servers understand, filled with values from small domains so that comparisons,
 * groups and duplicates actually happen, and with NULLs.
 *
 * <p>Doubles are multiples of 0.25, so sums are exact whatever order the rows are added in.
 */
record DiffSchema(List<Table> tables) {

    /** A column type the generator knows how to make values and predicates for. */
    enum Type {
        INTEGER("integer", true), BIGINT("bigint", true), DOUBLE("double precision", true), TEXT("text", false),
        BOOLEAN("boolean", false);

        final String sql;
        final boolean numeric;

        Type(String sql, boolean numeric) {
            this.sql = sql;
            this.numeric = numeric;
        }

        /** Whether values of the two types compare without a cast. */
        boolean comparableWith(Type other) {
            return this == other || (numeric && other.numeric);
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

    static DiffSchema random(Random r) {
        List<Table> tables = new ArrayList<>();
        int count = 2 + r.nextInt(2);
        for (int t = 0; t < count; t++) {
            String name = "t" + t;
            List<Column> cols = new ArrayList<>();
            cols.add(new Column(name, "k", Type.INTEGER));
            int extra = 2 + r.nextInt(4);
            for (int c = 0; c < extra; c++) {
                // every table has an integer and a text column, so joins and IN subqueries find partners
                Type type = c == 0 ? Type.INTEGER : c == 1 ? Type.TEXT : Type.values()[r.nextInt(Type.values().length)];
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

    static String literal(Random r, Type type) {
        return switch (type) {
            case INTEGER -> Integer.toString(r.nextInt(21) - 5);
            case BIGINT -> r.nextInt(4) == 0 ? Long.toString(3_000_000_000L + r.nextInt(3)) : Integer.toString(r.nextInt(21) - 5);
            case DOUBLE -> Double.toString((r.nextInt(81) - 40) / 4.0);
            case TEXT -> "'" + WORDS[r.nextInt(WORDS.length)] + "'";
            case BOOLEAN -> r.nextBoolean() ? "true" : "false";
        };
    }

    private static final String[] WORDS = {"", "a", "A", "b", "ab", "abc", "b c", "z", "Zeta", "10", "9"};
}
