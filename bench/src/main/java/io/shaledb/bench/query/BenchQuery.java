package io.shaledb.bench.query;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One query of the fixed set: a name for the report, what it exercises, and how to write its SQL
 * text for one draw of its parameters. Parameters are inlined as literals (by default the benchmark
 * speaks the simple query protocol to both servers); {@link #texts} draws the same sequence for
 * every server, and {@link Parameterized#draws} the same values for a prepared form.
 *
 * @param name short name in the report, e.g. {@code pk-lookup}
 * @param description what the query exercises and which index could serve it
 * @param totalOrder whether its {@code ORDER BY} fixes the row order completely, so results are
 *     compared in order; otherwise they are compared as multisets
 * @param sql writes the SQL text for one draw of the parameters
 * @param inMean whether its ratio counts in the geometric mean (false for the round-trip baseline)
 * @param parameterized the query with {@code ?} placeholders for {@code --protocol extended}, or null
 */
public record BenchQuery(String name, String description, boolean totalOrder, Function<SplittableRandom, String> sql,
                         boolean inMean, Parameterized parameterized) {

    BenchQuery(String name, String description, boolean totalOrder, Function<SplittableRandom, String> sql) {
        this(name, description, totalOrder, sql, true, null);
    }

    BenchQuery(String name, String description, boolean totalOrder, Function<SplittableRandom, String> sql, boolean inMean) {
        this(name, description, totalOrder, sql, inMean, null);
    }

    /**
     * The same query with {@code ?} placeholders, for {@code --protocol extended}: {@code params}
     * draws the values in the same sequence as the inlined texts (same generator, same calls).
     */
    public record Parameterized(String query, String sql, Function<SplittableRandom, List<Object>> params) {
        /** {@code count} parameter lists, the same draws as {@link BenchQuery#texts} for the same seed. */
        public List<List<Object>> draws(long seed, int count) {
            SplittableRandom r = new SplittableRandom(seed ^ query.hashCode() * 0x9E3779B97F4A7C15L);
            List<List<Object>> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(params.apply(r));
            }
            return out;
        }
    }

    /** {@code count} SQL texts from a generator seeded by {@code seed} and this query's name. */
    public List<String> texts(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed ^ name.hashCode() * 0x9E3779B97F4A7C15L);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sql.apply(r));
        }
        return out;
    }

    /** Whether every draw gives the same text (no parameters): one verification is enough. */
    public boolean constant() {
        return texts(1, 1).equals(texts(2, 1));
    }

    /**
     * The fixed query set of the benchmark, over {@code data}'s shop, after a baseline that
     * is not in the mean: {@code SELECT 1}, the cost of a round trip through the protocol, parser
     * and executor that every other query pays too.
     */
    public static List<BenchQuery> all(QueryData data) {
        QueryData.Sizes s = data.sizes();
        return List.of(
                new BenchQuery("round-trip", "baseline, not in the mean: SELECT 1, a round trip with no table", true,
                        r -> "SELECT 1 AS one", false),
                new BenchQuery("pk-lookup", "point lookup of one order by primary key", true,
                        r -> "SELECT id, user_id, status, amount, created_at FROM orders WHERE id = " + (1 + r.nextInt(s.orders())),
                        true, new Parameterized("pk-lookup", "SELECT id, user_id, status, amount, created_at FROM orders WHERE id = ?",
                                r -> List.of(1 + r.nextInt(s.orders())))),
                new BenchQuery("email-lookup", "point lookup of one user by a unique secondary key, users(email)", true,
                        r -> "SELECT id, name, country, created_at FROM users WHERE email = '"
                                + QueryData.email(1 + r.nextInt(s.users())) + "'",
                        true, new Parameterized("email-lookup", "SELECT id, name, country, created_at FROM users WHERE email = ?",
                                r -> List.of(QueryData.email(1 + r.nextInt(s.users()))))),
                new BenchQuery("user-orders", "the orders of one user through the non-unique index orders(user_id)", true,
                        r -> "SELECT id, status, amount, created_at FROM orders WHERE user_id = " + (1 + r.nextInt(s.users()))
                                + " ORDER BY created_at DESC, id"),
                new BenchQuery("pk-range", "range scan of 100 orders by primary key", true, r -> {
                    int first = 1 + r.nextInt(Math.max(1, s.orders() - 99));
                    return "SELECT id, user_id, amount FROM orders WHERE id BETWEEN " + first + " AND " + (first + 99) + " ORDER BY id";
                }),
                new BenchQuery("day-range", "the orders of one day by created_at (no index on it: a filtered scan on both)", true, r -> {
                    int days = 2 + r.nextInt(QueryData.DAYS - 3);
                    String day = data.dayStart(days);
                    return "SELECT id, user_id, status, amount, created_at FROM orders WHERE created_at >= '" + day
                            + "' AND created_at < timestamptz '" + day + "' + interval '1 day' ORDER BY created_at, id";
                }),
                new BenchQuery("seed-recent", "the seed's query: recent pending/processing orders with their users, newest first"
                        + " (PostgreSQL can use the partial index idx_orders_status_date)", false,
                        r -> "SELECT u.name, u.email, o.id, o.status, o.amount, o.created_at FROM orders o JOIN users u ON u.id = o.user_id"
                                + " WHERE o.created_at > NOW() - INTERVAL '24 hours' AND o.status IN ('pending', 'processing')"
                                + " ORDER BY o.created_at DESC"),
                new BenchQuery("join3-user", "3-way join users-orders-order_items for one user (by e-mail)", true,
                        r -> "SELECT o.id, o.created_at, oi.product_id, oi.qty FROM users u JOIN orders o ON o.user_id = u.id"
                                + " JOIN order_items oi ON oi.order_id = o.id WHERE u.email = '"
                                + QueryData.email(1 + r.nextInt(s.users())) + "' ORDER BY o.id, oi.product_id"),
                new BenchQuery("join3-day-category", "3-way join orders-order_items-products over one day, grouped by category", true,
                        r -> {
                            String day = data.dayStart(2 + r.nextInt(QueryData.DAYS - 3));
                            return "SELECT p.category, count(*) AS items, sum(oi.qty) AS qty FROM orders o"
                                    + " JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id"
                                    + " WHERE o.created_at >= '" + day + "' AND o.created_at < timestamptz '" + day
                                    + "' + interval '1 day' GROUP BY p.category ORDER BY p.category";
                        }),
                new BenchQuery("agg-status", "count and sum per status over all orders", true,
                        r -> "SELECT status, count(*) AS orders, sum(amount) AS total FROM orders GROUP BY status ORDER BY status"),
                new BenchQuery("agg-country", "join users-orders over all orders, count and sum per country", true,
                        r -> "SELECT u.country, count(*) AS orders, sum(o.amount) AS total FROM users u JOIN orders o ON o.user_id = u.id"
                                + " GROUP BY u.country ORDER BY u.country"),
                new BenchQuery("top-amount", "top-N: the 10 largest orders (no index on amount: a scan and a top-N sort on both)", true,
                        r -> "SELECT id, user_id, amount, created_at FROM orders ORDER BY amount DESC, id LIMIT 10"));
    }
}
