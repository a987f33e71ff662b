package io.shaledb.server.diff;

import io.shaledb.server.diff.DiffQuery.And;
import io.shaledb.server.diff.DiffQuery.Leaf;
import io.shaledb.server.diff.DiffQuery.Not;
import io.shaledb.server.diff.DiffQuery.Or;
import io.shaledb.server.diff.DiffQuery.Pred;
import io.shaledb.server.diff.DiffSchema.Column;
import io.shaledb.server.diff.DiffSchema.Table;
import io.shaledb.server.diff.DiffSchema.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Random queries over a {@link DiffSchema}: projections and expressions, WHERE with
 * AND/OR/NOT/comparisons/IS NULL/BETWEEN/IN, aggregates with GROUP BY and HAVING, DISTINCT, and
 * ORDER BY that orders fully (so LIMIT is deterministic). Every column reference is qualified
 * ({@code t0.c1}), so joins and subqueries need no renaming when enabled.
 *
 * <p>Language the server under test does not have yet is generated only when its
 * {@link Feature} is enabled ({@code -Ddiff.features=joins,subqueries,avg}).
 */
final class QueryGenerator {

    /** Optional parts of the language. */
    enum Feature {
        /** inner, left and cross joins of two tables */
        JOINS,
        /** IN (SELECT ...), EXISTS (correlated) and scalar subqueries */
        SUBQUERIES,
        /** avg(), whose numeric result PostgreSQL prints with many digits */
        AVG;

        static Set<Feature> parse(String spec) {
            Set<Feature> out = EnumSet.noneOf(Feature.class);
            Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(s -> out.add(valueOf(s.toUpperCase(Locale.ROOT))));
            return out;
        }
    }

    private static final String[] COMPARISONS = {"=", "<>", "<", "<=", ">", ">="};

    private final Random r;
    private final DiffSchema schema;
    private final Set<Feature> features;

    QueryGenerator(Random r, DiffSchema schema, Set<Feature> features) {
        this.r = r;
        this.schema = schema;
        this.features = features;
    }

    DiffQuery next() {
        Table first = pick(schema.tables());
        List<Column> columns = new ArrayList<>(first.columns());
        List<String> keys = new ArrayList<>(List.of(first.key().ref()));
        String from = first.name();
        if (features.contains(Feature.JOINS) && r.nextInt(3) == 0) {
            Table second = schema.tables().stream().filter(t -> t != first).findFirst().orElseThrow();
            String kind = switch (r.nextInt(3)) {
                case 0 -> " JOIN ";
                case 1 -> " LEFT JOIN ";
                default -> " CROSS JOIN ";
            };
            from = first.name() + kind + second.name();
            if (!kind.equals(" CROSS JOIN ")) {
                Column a = first.columns().get(1 + r.nextInt(2));
                Column b = second.columns().stream().filter(c -> c.type() == a.type() && !c.name().equals("k")).findFirst()
                        .orElseThrow();
                from += " ON " + a.ref() + " = " + b.ref();
            }
            columns.addAll(second.columns());
            keys.add(second.key().ref());
        }
        return r.nextInt(3) == 0 ? aggregate(from, columns) : plain(from, columns, keys);
    }

    private DiffQuery plain(String from, List<Column> columns, List<String> keys) {
        boolean distinct = r.nextInt(5) == 0;
        List<String> items = new ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            items.add(expression(pick(columns)));
        }
        Pred where = r.nextInt(5) == 0 ? null : predicate(columns, 3);
        List<String> orderBy = new ArrayList<>();
        Integer limit = null;
        if (r.nextBoolean()) {
            for (String item : items) {
                orderBy.add(item + direction());
            }
            if (!distinct) {
                keys.forEach(k -> orderBy.add(k + direction()));
            }
            if (r.nextBoolean()) {
                limit = 1 + r.nextInt(7); // not 0: PostgreSQL then evaluates nothing, not even a failing ORDER BY
            }
        }
        return new DiffQuery(distinct, items, from, where, List.of(), null, orderBy, limit);
    }

    private DiffQuery aggregate(String from, List<Column> columns) {
        List<String> groupBy = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            String ref = pick(columns).ref();
            if (!groupBy.contains(ref)) {
                groupBy.add(ref);
            }
        }
        List<String> items = new ArrayList<>(groupBy);
        for (int i = 1 + r.nextInt(2); i > 0; i--) {
            items.add(aggregateCall(columns));
        }
        Pred where = r.nextBoolean() ? predicate(columns, 2) : null;
        Pred having = !groupBy.isEmpty() && r.nextInt(3) == 0
                ? new Leaf(aggregateCall(columns.stream().filter(c -> c.type().numeric).toList()) + " "
                        + pick(COMPARISONS) + " " + (r.nextInt(20) - 2))
                : null;
        List<String> orderBy = new ArrayList<>();
        Integer limit = null;
        if (!groupBy.isEmpty() && r.nextBoolean()) {
            groupBy.forEach(g -> orderBy.add(g + direction()));
            if (r.nextBoolean()) {
                limit = 1 + r.nextInt(4);
            }
        }
        return new DiffQuery(false, items, from, where, groupBy, having, orderBy, limit);
    }

    private String aggregateCall(List<Column> columns) {
        Column c = pick(columns);
        int choice = r.nextInt(features.contains(Feature.AVG) ? 6 : 5);
        return switch (choice) {
            case 0 -> "count(*)";
            case 1 -> "count(" + c.ref() + ")";
            case 2 -> c.type().numeric ? "sum(" + c.ref() + ")" : "count(" + c.ref() + ")";
            case 3 -> c.type() == Type.BOOLEAN ? "count(" + c.ref() + ")" : "min(" + c.ref() + ")";
            case 4 -> c.type() == Type.BOOLEAN ? "count(" + c.ref() + ")" : "max(" + c.ref() + ")";
            default -> c.type().numeric ? "avg(" + c.ref() + ")" : "count(*)";
        };
    }

    private String expression(Column c) {
        if (r.nextInt(3) != 0) {
            return c.ref();
        }
        if (c.type().numeric && r.nextInt(15) == 0) {
            return c.ref() + " / 0"; // an error (22012) both must raise, when a row reaches it
        }
        return switch (c.type()) {
            case INTEGER, BIGINT, DOUBLE -> switch (r.nextInt(3)) {
                case 0 -> c.ref() + " + " + r.nextInt(10);
                case 1 -> c.ref() + " * 2";
                default -> "-" + c.ref();
            };
            case TEXT -> c.ref() + " || 'x'";
            case BOOLEAN -> "NOT " + c.ref();
        };
    }

    private Pred predicate(List<Column> columns, int depth) {
        if (depth > 0 && r.nextInt(3) == 0) {
            return switch (r.nextInt(3)) {
                case 0 -> new And(predicate(columns, depth - 1), predicate(columns, depth - 1));
                case 1 -> new Or(predicate(columns, depth - 1), predicate(columns, depth - 1));
                default -> new Not(predicate(columns, depth - 1));
            };
        }
        if (features.contains(Feature.SUBQUERIES) && r.nextInt(8) == 0) {
            return subquery(columns);
        }
        Column c = pick(columns);
        String ref = c.ref();
        if (c.type() == Type.BOOLEAN && r.nextBoolean()) {
            return new Leaf(ref);
        }
        return new Leaf(switch (r.nextInt(6)) {
            case 0 -> ref + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            case 1 -> ref + (r.nextBoolean() ? " BETWEEN " : " NOT BETWEEN ") + DiffSchema.literal(r, c.type()) + " AND "
                    + DiffSchema.literal(r, c.type());
            case 2 -> ref + (r.nextBoolean() ? " IN (" : " NOT IN (") + DiffSchema.value(r, c.type()) + ", "
                    + DiffSchema.value(r, c.type()) + ", " + DiffSchema.literal(r, c.type()) + ")";
            case 3 -> {
                Column other = pick(columns);
                yield other.type().comparableWith(c.type())
                        ? ref + " " + pick(COMPARISONS) + " " + other.ref()
                        : ref + " " + pick(COMPARISONS) + " " + DiffSchema.literal(r, c.type());
            }
            default -> ref + " " + pick(COMPARISONS) + " " + DiffSchema.literal(r, c.type());
        });
    }

    private Pred subquery(List<Column> outer) {
        Table inner = pick(schema.tables());
        String alias = "s" + r.nextInt(100);
        Column outerCol = outer.stream().filter(c -> c.type() == Type.INTEGER && !c.name().equals("k")).findFirst()
                .orElse(outer.getFirst());
        String innerCol = alias + "." + inner.columns().get(1).name();
        return new Leaf(switch (r.nextInt(3)) {
            case 0 -> outerCol.ref() + " IN (SELECT " + innerCol + " FROM " + inner.name() + " " + alias + ")";
            case 1 -> "EXISTS (SELECT 1 FROM " + inner.name() + " " + alias + " WHERE " + innerCol + " = " + outerCol.ref() + ")";
            default -> outerCol.ref() + " > (SELECT max(" + innerCol + ") - 10 FROM " + inner.name() + " " + alias + ")";
        });
    }

    private String direction() {
        return switch (r.nextInt(4)) {
            case 0 -> " DESC";
            case 1 -> " ASC";
            case 2 -> " DESC NULLS LAST";
            default -> "";
        };
    }

    private <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private String pick(String[] array) {
        return array[r.nextInt(array.length)];
    }
}
