package io.shaledb.bench.query;

import io.shaledb.bench.MarkdownTable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The markdown section of a {@link QuerySuite} run: the verdict, the per-query latency table, the
 * load and setup (with every statement a server did not support), mismatches and errors, the query
 * texts and, if asked for, every plan.
 */
public final class QueryReport {

    private QueryReport() {}

    public static String render(QuerySuite.Results r) {
        QuerySuite.Config c = r.config();
        String shale = r.shaleName();
        boolean pg = r.hasReference();
        StringBuilder sb = new StringBuilder();
        sb.append("## Queries against PostgreSQL 15 (latency, same data, same queries)\n\n");
        sb.append(String.format(Locale.ROOT, "%,d users, %,d orders, %,d order items, %,d products (seed %d, data anchored at %s);"
                        + " per query and server %s s of warm-up (at least one execution), then up to %d timed executions in at most %d s; %s"
                        + " every row fetched. Run took %d s.%n%n",
                c.sizes().users(), c.sizes().orders(), itemRows(r), c.sizes().products(), c.seed(), r.anchor(), seconds(c.warmup().toNanos()),
                c.iterations(), c.maxPerQuery().toSeconds(), c.protocol().equals("simple")
                        ? "simple query protocol over TCP (pgjdbc `preferQueryMode=simple`) on both, parameters inlined,"
                        : "extended query protocol over TCP (pgjdbc defaults) on both; pk-lookup and email-lookup as one"
                                + " PreparedStatement with `?` parameters (server-side prepared after 5 uses), the rest inlined,",
                r.elapsed().toSeconds()));
        if (!pg) {
            sb.append("**PostgreSQL did not run** (").append(r.postgresSkipped())
                    .append("): ShaleDB's latencies only, no ratios and no check of the answers.\n\n");
        }
        sb.append(latencyTable(r)).append('\n');
        sb.append("Latencies in milliseconds, client-side (send, execute, receive every row). Speed = PostgreSQL p50 ÷ ")
                .append(shale).append(" p50: above 1 means ShaleDB is faster. ");
        if (pg) {
            sb.append("Every query's answers were compared (").append(c.verifyDraws())
                    .append(" parameter draws, rows as text; in order where the ORDER BY is total, as multisets otherwise).\n\n");
            sb.append(verdict(r)).append("\n\n");
        } else {
            sb.append('\n');
        }
        List<QuerySuite.QueryResult> invalid = r.invalid();
        if (!invalid.isEmpty()) {
            sb.append("**").append(invalid.size()).append(" quer").append(invalid.size() == 1 ? "y is" : "ies are")
                    .append(" INVALID** (left out of the geometric mean):\n\n");
            for (QuerySuite.QueryResult q : invalid) {
                if (q.mismatch() != null) {
                    sb.append("- ").append(q.query().name()).append(": **answers differ**: ").append(q.mismatch()).append('\n');
                }
                for (Map.Entry<String, String> e : q.errors().entrySet()) {
                    sb.append("- ").append(q.query().name()).append(": **failed on ").append(e.getKey()).append("**: ")
                            .append(e.getValue()).append('\n');
                }
            }
            sb.append('\n');
        }
        for (QuerySuite.ServerInfo s : r.servers()) {
            sb.append("- ").append(s.name()).append(": ").append(s.description());
            if (s.name().equals(QuerySuite.REFERENCE) && r.postgresSettings() != null) {
                sb.append("; ").append(r.postgresSettings());
            }
            sb.append('\n');
        }
        sb.append('\n').append(setupTable(r)).append('\n');
        List<QuerySuite.Step> failed = r.steps().stream().filter(s -> !s.ok()).toList();
        if (!failed.isEmpty()) {
            sb.append("Setup statements a server did not run (the benchmark went on without them):\n\n");
            for (QuerySuite.Step s : failed) {
                sb.append("- ").append(s.server()).append(", `").append(s.sql()).append("`: ")
                        .append(s.unsupported() ? "not supported yet: " : "error: ").append(s.error().strip())
                        .append(" (SQLSTATE ").append(s.sqlState()).append(")\n");
            }
            sb.append('\n');
        }
        sb.append(queryList(r)).append('\n');
        if (c.explain()) {
            sb.append(plans(r));
        }
        return sb.toString();
    }

    /** One row per query: rows, each server's p50 and mean, the speed ratio, the answers' status. */
    static String latencyTable(QuerySuite.Results r) {
        String shale = r.shaleName();
        boolean pg = r.hasReference();
        MarkdownTable t = pg
                ? new MarkdownTable("query", "rows", shale + " p50", shale + " mean", "postgresql p50", "postgresql mean",
                        "speed pg ÷ shale", "answers")
                : new MarkdownTable("query", "rows", shale + " p50", shale + " mean", shale + " p99", "runs");
        for (QuerySuite.QueryResult q : r.queries()) {
            QuerySuite.Latency s = q.latency().get(shale);
            if (pg) {
                QuerySuite.Latency p = q.latency().get(QuerySuite.REFERENCE);
                String answers = q.mismatch() != null ? "**DIFFER**" : !q.errors().isEmpty() ? "**ERROR**" : "same";
                String ratio = q.ratio(shale).map(QueryReport::speed).orElse("invalid");
                t.row(q.query().name() + (q.query().inMean() ? "" : " (baseline)"), count(q.rows()), ms(s, true), ms(s, false),
                        ms(p, true), ms(p, false), q.query().inMean() ? ratio : "(" + ratio + ")", answers);
            } else {
                t.row(q.query().name() + (q.query().inMean() ? "" : " (baseline)"), count(q.rows()), ms(s, true), ms(s, false),
                        s == null ? "error" : millis(s.p99()), s == null ? "-" : Integer.toString(s.iterations()));
            }
        }
        return t.render();
    }

    /** The geometric mean against the target, and the queries furthest from it. */
    static String verdict(QuerySuite.Results r) {
        Optional<Double> g = r.geometricMean();
        List<QuerySuite.QueryResult> counted = r.queries().stream().filter(q -> q.query().inMean()).toList();
        long valid = counted.stream().filter(q -> q.ratio(r.shaleName()).isPresent()).count();
        if (g.isEmpty()) {
            return "**Geometric mean: none** (no query has a valid ratio).";
        }
        boolean met = g.get() >= QuerySuite.TARGET;
        return String.format(Locale.ROOT, "**Geometric mean of the speed ratios: %s** over %d of %d queries (target ≥ %.1f×): **%s**%s.",
                MarkdownTable.ratio(g.get()), valid, counted.size(), QuerySuite.TARGET, met ? "met" : "not met",
                valid < counted.size() ? ", invalid queries left out" : "");
    }

    private static String setupTable(QuerySuite.Results r) {
        List<String> servers = r.servers().stream().map(QuerySuite.ServerInfo::name).toList();
        String[] header = new String[servers.size() + 1];
        header[0] = "setup";
        for (int i = 0; i < servers.size(); i++) {
            header[i + 1] = servers.get(i) + " s";
        }
        MarkdownTable t = new MarkdownTable(header);
        for (String table : List.of("users", "products", "orders", "order_items")) {
            String[] row = new String[header.length];
            row[0] = "COPY " + table + " (" + count(loadRows(r, table)) + " rows)";
            for (int i = 0; i < servers.size(); i++) {
                String server = servers.get(i);
                row[i + 1] = r.loads().stream().filter(l -> l.server().equals(server) && l.table().equals(table)).findFirst()
                        .map(l -> seconds(l.elapsed().toNanos())).orElse("-");
            }
            t.row(row);
        }
        List<String> statements = r.steps().stream().map(QuerySuite.Step::sql).distinct().toList();
        for (String sql : statements) {
            String[] row = new String[header.length];
            row[0] = "`" + sql + "`";
            for (int i = 0; i < servers.size(); i++) {
                String server = servers.get(i);
                row[i + 1] = r.steps().stream().filter(s -> s.server().equals(server) && s.sql().equals(sql)).findFirst()
                        .map(s -> s.ok() ? seconds(s.elapsed().toNanos()) : s.unsupported() ? "not supported" : "error")
                        .orElse("-");
            }
            t.row(row);
        }
        return t.render();
    }

    private static String queryList(QuerySuite.Results r) {
        StringBuilder sb = new StringBuilder("The queries (the first parameter draw of each):\n\n");
        for (QuerySuite.QueryResult q : r.queries()) {
            sb.append("- **").append(q.query().name()).append("**: ").append(q.query().description()).append(".\n  `")
                    .append(q.example()).append("`\n");
        }
        return sb.toString();
    }

    private static String plans(QuerySuite.Results r) {
        StringBuilder sb = new StringBuilder("### Plans\n\n");
        for (QuerySuite.QueryResult q : r.queries()) {
            sb.append("#### ").append(q.query().name()).append("\n\n");
            for (Map.Entry<String, String> e : q.explain().entrySet()) {
                sb.append(e.getKey()).append(":\n\n```\n").append(e.getValue().strip()).append("\n```\n\n");
            }
        }
        return sb.toString();
    }

    private static long itemRows(QuerySuite.Results r) {
        return loadRows(r, "order_items");
    }

    private static long loadRows(QuerySuite.Results r, String table) {
        return r.loads().stream().filter(l -> l.table().equals(table)).mapToLong(QuerySuite.Load::rows).findFirst().orElse(0);
    }

    /** A speed ratio as {@code 0.43×}, or with two significant digits below 0.1 ({@code 0.00042×}), never {@code 0.00×}. */
    static String speed(double v) {
        if (v >= 0.1 || v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return MarkdownTable.ratio(v);
        }
        return new BigDecimal(v).round(new MathContext(2)).toPlainString() + "×";
    }

    private static String ms(QuerySuite.Latency l, boolean p50) {
        return l == null ? "-" : millis(p50 ? l.p50() : l.mean());
    }

    /** Microseconds as milliseconds with about three significant digits. */
    static String millis(double micros) {
        double ms = micros / 1000;
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%,.0f", ms);
        }
        return String.format(Locale.ROOT, ms >= 10 ? "%.1f" : ms >= 1 ? "%.2f" : "%.3f", ms);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String count(long n) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }
}
