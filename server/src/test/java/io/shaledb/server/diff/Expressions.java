package io.shaledb.server.diff;

import io.shaledb.server.diff.DiffSchema.Column;
import java.util.List;
import java.util.Random;

/**
 * Typed expression templates for the {@code functions} feature: arithmetic across numeric types,
 * date and time arithmetic, casts, string and math functions. Each template is valid SQL for the
 * column's type family; some fail for some values (division by zero, out of range, invalid
 * input), and then both servers must raise the same SQLSTATE.
 */
final class Expressions {
    private Expressions() {}

    static String of(Random r, Column c, List<Column> columns) {
        String x = c.ref();
        return switch (c.type().kind) {
            case INT, EXACT, FLOAT -> numeric(r, c, columns);
            case STRING -> string(r, x);
            case BOOL -> pick(r, "NOT " + x, x + "::text", x + "::integer", x + " IS TRUE", x + " AND " + x + " IS NOT NULL");
            case DATE -> pick(r, x + " + " + r.nextInt(40), x + " - " + r.nextInt(400), x + " - DATE '2024-01-01'",
                    x + " + interval '1 day 2 hours'", x + " - interval '1 mon'", x + "::timestamp", x + "::timestamptz",
                    x + "::text", x + " + time '10:30'", "extract(dow FROM " + x + ")");
            case TIMESTAMP -> pick(r, x + " + interval '1 day 2 hours'", x + " - interval '90 minutes'",
                    x + " - timestamp '2024-01-01 00:00'", x + "::date", x + "::text", x + "::timestamptz",
                    x + " + interval '1 mon'", "date_trunc('hour', " + x + ")", "extract(epoch FROM " + x + ")");
            case TIMESTAMPTZ -> pick(r, x + " + interval '1 day'", x + " - interval '1 hour'", x + "::date", x + "::timestamp",
                    x + " - timestamptz '2024-03-31 00:00:00+00'", x + "::text", "date_trunc('day', " + x + ")",
                    "extract(hour FROM " + x + ")");
                    // not "x AT TIME ZONE 'UTC'": ShaleDB has no AT TIME ZONE yet (docs/compatibility.md)
            case INTERVAL -> pick(r, x + " * 2", x + " / 2", "-" + x, x + " + interval '1 hour'", x + "::text",
                    "date '2024-01-31' + " + x, "timestamp '2024-03-31 01:00' + " + x, x + " * 1.5",
                    "extract(epoch FROM " + x + ")", "justify_hours(" + x + ")");
            case UUID -> pick(r, x + "::text", "upper(" + x + "::text)", x + " = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                    "length(" + x + "::text)", x + " < '80000000-0000-0000-0000-000000000000'");
        };
    }

    private static String numeric(Random r, Column c, List<Column> columns) {
        String x = c.ref();
        List<Column> numerics = columns.stream().filter(o -> o.type().numeric).toList();
        String y = numerics.get(r.nextInt(numerics.size())).ref();
        String noise = DiffSchema.inexactFloat(r);
        return switch (r.nextInt(30)) {
            case 0 -> x + " + " + y;
            case 1 -> x + " - " + y;
            case 2 -> x + " * " + y;
            case 3 -> x + " / " + y; // division by zero when y is 0
            case 4 -> x + " + 1.5";
            case 5 -> x + " * " + noise;
            case 6 -> x + " / 3";
            case 7 -> x + " % 3";
            case 8 -> "abs(" + x + ")";
            case 9 -> "round(" + x + ")";
            case 10 -> "round(" + x + ", 1)"; // no round(double precision, integer): 42883
            case 11 -> "floor(" + x + ")";
            case 12 -> "ceil(" + x + ")";
            case 13 -> "mod(" + x + ", 4)";
            case 14 -> "power(" + x + ", 2)";
            case 15 -> "sqrt(" + x + ")"; // negative: 2201F
            case 16 -> x + "::integer";
            case 17 -> x + "::smallint"; // out of range: 22003
            case 18 -> x + "::numeric(5,1)"; // out of range: 22003
            case 19 -> x + "::real";
            case 20 -> x + "::double precision";
            case 21 -> x + "::text";
            case 22 -> x + " * 10000"; // smallint overflow: 22003
            case 23 -> x + " * 1000000000"; // integer overflow: 22003
            case 24 -> x + " + " + noise + "::real";
            case 25 -> x + "::numeric / 7";
            case 26 -> x + "::bigint * 4000000000";
            case 27 -> x + " / " + noise;
            case 28 -> "sqrt(abs(" + x + "))";
            default -> "-" + x;
        };
    }

    private static String string(Random r, String x) {
        return switch (r.nextInt(22)) {
            case 0 -> "lower(" + x + ")";
            case 1 -> "upper(" + x + ")";
            case 2 -> "length(" + x + ")";
            case 3 -> "substring(" + x + " FROM 2 FOR 2)";
            case 4 -> "substring(" + x + ", 2)";
            case 5 -> "position('b' IN " + x + ")";
            case 6 -> "replace(" + x + ", 'a', 'xy')";
            case 7 -> "trim(" + x + ")";
            case 8 -> "concat(" + x + ", '-', " + x + ")";
            case 9 -> x + " || 'x'";
            case 10 -> "split_part(" + x + ", ' ', 2)";
            case 11 -> x + "::integer"; // invalid input: 22P02
            case 12 -> x + " || 1";
            case 13 -> "concat(" + x + ", NULL, 7)";
            case 14 -> x + "::varchar(2)";
            case 15 -> x + "::char(2)";
            case 16 -> "trim(BOTH 'a' FROM " + x + ")";
            case 17 -> "substring(" + x + " FROM 0 FOR 2)";
            case 18 -> x + "::date"; // invalid input: 22007
            case 19 -> "octet_length(" + x + ")";
            case 20 -> x + " || " + x;
            default -> "char_length(" + x + ")";
        };
    }

    /**
     * An expression for WHERE, HAVING or a CASE condition: one that cannot fail. Which row an error
     * surfaces on, or whether a short-circuited AND/OR reaches it at all, depends on the order the
     * servers evaluate rows and conditions in, which PostgreSQL does not define (it reorders
     * conditions by cost); an error there is noise, not a difference.
     */
    static String safe(Random r, Column c, List<Column> columns) {
        String e = of(r, c, columns);
        for (int tries = 0; tries < 20 && mayFail(e); tries++) {
            e = of(r, c, columns);
        }
        return mayFail(e) ? c.ref() : e;
    }

    private static boolean mayFail(String e) {
        for (String marker : FAILING) {
            if (e.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** What marks the templates above that fail for some values. */
    private static final String[] FAILING = {" / ", "% ", "sqrt(", "::integer", "::smallint", "::numeric(5,1)", " * 10000",
        "4000000000", "::date", "::real", "power(", " * 1.5", "::bigint"};

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
