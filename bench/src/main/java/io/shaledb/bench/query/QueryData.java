package io.shaledb.bench.query;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The benchmark's shop: {@code users}, {@code products}, {@code orders} and {@code order_items},
 * generated deterministically from a seed and an anchor instant into COPY text files that are then
 * streamed, byte for byte the same, into every server.
 *
 * <pre>
 *   users (id pk, email unique, name, country, created_at)          sizes.users()
 *   products (id pk, name, category, price)                          sizes.products()
 *   orders (id pk, user_id, status, amount, created_at)              sizes.orders()
 *     status: 70% delivered, 15% shipped, 8% pending, 5% processing, 2% cancelled
 *     created_at: uniform over the 90 days before the anchor, except the gap below
 *   order_items (id pk, order_id, product_id, qty)                   1-4 distinct products per order
 * </pre>
 *
 * <p><b>The gap.</b> The seed's query filters on {@code created_at > NOW() - INTERVAL '24 hours'},
 * and {@code NOW()} moves on while the benchmark runs. A row whose {@code created_at} sits just after
 * {@code anchor - 24h} would be in PostgreSQL's answer and, a minute later, not in ShaleDB's. No
 * order is therefore created in {@code [anchor - 24h, anchor - 24h + GAP)}: as long as the run takes
 * less than {@link #NOW_GAP} after the anchor, both servers see the same rows for that filter.
 */
public final class QueryData {

    /** No order is created in {@code [anchor - 24h, anchor - 24h + NOW_GAP)}; see the class comment. */
    public static final Duration NOW_GAP = Duration.ofHours(3);
    /** How far back {@code created_at} of orders reaches. */
    public static final int DAYS = 90;

    static final List<String> STATUSES = List.of("delivered", "shipped", "pending", "processing", "cancelled");
    /** Cumulative percentages of {@link #STATUSES}: 70, 15, 8, 5, 2. */
    private static final int[] STATUS_CUMULATIVE = {70, 85, 93, 98, 100};
    private static final List<String> COUNTRIES = List.of("US", "DE", "GB", "FR", "IN", "BR", "JP", "CA", "ES", "IT",
            "NL", "SE", "PL", "MX", "AU", "KR", "CH", "AT", "BE", "NO");
    private static final List<String> CATEGORIES = List.of("books", "electronics", "garden", "grocery", "home", "kitchen",
            "music", "office", "outdoor", "sports", "tools", "toys");
    private static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger",
            "Frances", "Grace", "Jim", "John", "Ken", "Leslie", "Margaret", "Niklaus", "Radia", "Tony");
    private static final List<String> DOMAINS = List.of("example.com", "example.org", "mail.test", "shop.test");

    /** Timestamps as PostgreSQL prints a {@code timestamptz} in UTC, milliseconds always given. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'+00'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * Row counts of a data set.
     *
     * @param users rows of {@code users}
     * @param orders rows of {@code orders}; {@code order_items} gets about 2.5 times as many
     * @param products rows of {@code products}
     */
    public record Sizes(int users, int orders, int products) {
        public Sizes {
            if (users < 1 || orders < 1 || products < 10) {
                throw new IllegalArgumentException("need at least 1 user, 1 order and 10 products, got " + this);
            }
        }
    }

    /** One table's COPY file: the {@code COPY ... FROM STDIN} statement and the rows it carries. */
    public record TableFile(String table, String copySql, Path file, long rows) {}

    private final Sizes sizes;
    private final Instant anchor;
    private final long seed;

    /** @param anchor "now" of the data: orders end at it; truncated to the second */
    public QueryData(Sizes sizes, Instant anchor, long seed) {
        this.sizes = sizes;
        this.anchor = anchor.truncatedTo(ChronoUnit.SECONDS);
        this.seed = seed;
    }

    public Sizes sizes() {
        return sizes;
    }

    public Instant anchor() {
        return anchor;
    }

    /** Tables with their primary keys, no secondary index yet (created after the load, like pg_restore). */
    public static List<String> schema() {
        return List.of(
                "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text NOT NULL,"
                        + " country text NOT NULL, created_at timestamptz NOT NULL)",
                "CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL, category text NOT NULL,"
                        + " price numeric(10,2) NOT NULL)",
                "CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer NOT NULL, status text NOT NULL,"
                        + " amount numeric(10,2) NOT NULL, created_at timestamptz NOT NULL)",
                "CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint NOT NULL, product_id integer NOT NULL,"
                        + " qty integer NOT NULL)");
    }

    /** The secondary indexes, the same on both servers; the last one is the seed's partial index. */
    public static List<String> indexes() {
        return List.of(
                "CREATE UNIQUE INDEX users_email_key ON users (email)",
                "CREATE INDEX orders_user_id_idx ON orders (user_id)",
                "CREATE INDEX order_items_order_id_idx ON order_items (order_id)",
                "CREATE INDEX idx_orders_status_date ON orders (status, created_at DESC)"
                        + " WHERE status IN ('pending', 'processing')");
    }

    /** After the indexes: statistics and a vacuum (visibility information for index-only scans). */
    public static List<String> maintenance() {
        return List.of("ANALYZE", "VACUUM");
    }

    /** The e-mail address of user {@code id}; unique by construction. */
    public static String email(int id) {
        return "user" + id + "@" + DOMAINS.get(id % DOMAINS.size());
    }

    /** A day of the data as a SQL literal range start, {@code days} before the anchor's day (UTC midnight). */
    public String dayStart(int days) {
        return TIMESTAMP.format(anchor.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days)));
    }

    /** Writes the four COPY files into {@code dir}; the same seed and anchor give the same bytes. */
    public List<TableFile> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        return List.of(writeUsers(dir.resolve("users.copy")), writeProducts(dir.resolve("products.copy")),
                writeOrders(dir.resolve("orders.copy")), writeOrderItems(dir.resolve("order_items.copy")));
    }

    private TableFile writeUsers(Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int id = 1; id <= sizes.users(); id++) {
                // a skewed country: the first few countries hold most users
                int c = Math.min(COUNTRIES.size() - 1, (int) (COUNTRIES.size() * Math.pow(r.nextDouble(), 2)));
                Instant created = anchor.minusSeconds(DAYS * 86_400L + r.nextLong(365 * 86_400L));
                w.append(Integer.toString(id)).append('\t').append(email(id)).append('\t')
                        .append(FIRST_NAMES.get(r.nextInt(FIRST_NAMES.size()))).append(' ').append("Member").append(Integer.toString(id))
                        .append('\t').append(COUNTRIES.get(c)).append('\t').append(TIMESTAMP.format(created)).append('\n');
            }
        }
        return new TableFile("users", "COPY users (id, email, name, country, created_at) FROM STDIN", file, sizes.users());
    }

    private TableFile writeProducts(Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(seed + 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int id = 1; id <= sizes.products(); id++) {
                w.append(Integer.toString(id)).append('\t').append("Product ").append(Integer.toString(id)).append('\t')
                        .append(CATEGORIES.get(r.nextInt(CATEGORIES.size()))).append('\t').append(cents(100 + r.nextInt(99_900)))
                        .append('\n');
            }
        }
        return new TableFile("products", "COPY products (id, name, category, price) FROM STDIN", file, sizes.products());
    }

    private TableFile writeOrders(Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(seed + 2);
        long span = DAYS * 86_400_000L - NOW_GAP.toMillis();
        long gapStart = Duration.ofHours(24).toMillis() - NOW_GAP.toMillis(); // measured back from the anchor
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long id = 1; id <= sizes.orders(); id++) {
                int userId = 1 + r.nextInt(sizes.users());
                long back = 1 + r.nextLong(span);        // milliseconds before the anchor, skipping the gap
                if (back > gapStart) {
                    back += NOW_GAP.toMillis();
                }
                // amounts: mostly small, a long tail up to 2,000.00
                long amountCents = 500 + (long) (199_500 * Math.pow(r.nextDouble(), 3));
                w.append(Long.toString(id)).append('\t').append(Integer.toString(userId)).append('\t')
                        .append(status(r.nextInt(100))).append('\t').append(cents(amountCents)).append('\t')
                        .append(TIMESTAMP.format(anchor.minusMillis(back))).append('\n');
            }
        }
        return new TableFile("orders", "COPY orders (id, user_id, status, amount, created_at) FROM STDIN", file,
                sizes.orders());
    }

    private TableFile writeOrderItems(Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(seed + 3);
        long id = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long order = 1; order <= sizes.orders(); order++) {
                int items = 1 + r.nextInt(4);
                // distinct products: a random start and a stride that is not a multiple of the count
                int first = r.nextInt(sizes.products());
                for (int i = 0; i < items; i++) {
                    int product = 1 + (first + i * 3) % sizes.products();
                    w.append(Long.toString(++id)).append('\t').append(Long.toString(order)).append('\t')
                            .append(Integer.toString(product)).append('\t').append(Integer.toString(1 + r.nextInt(5)))
                            .append('\n');
                }
            }
        }
        return new TableFile("order_items", "COPY order_items (id, order_id, product_id, qty) FROM STDIN", file, id);
    }

    private static String status(int percentile) {
        for (int i = 0; i < STATUS_CUMULATIVE.length; i++) {
            if (percentile < STATUS_CUMULATIVE[i]) {
                return STATUSES.get(i);
            }
        }
        throw new IllegalArgumentException("percentile " + percentile);
    }

    private static String cents(long cents) {
        return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
    }
}
