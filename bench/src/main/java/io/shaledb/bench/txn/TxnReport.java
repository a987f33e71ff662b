package io.shaledb.bench.txn;

import io.shaledb.bench.MarkdownTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The markdown section of a {@link TxnSuite} run: the summary, the servers, the details, the errors. */
public final class TxnReport {

    /** The reference every ratio divides by. */
    static final String REFERENCE = "postgresql";

    private TxnReport() {}

    public static String render(TxnSuite.Results r) {
        TxnSuite.Config c = r.config();
        StringBuilder sb = new StringBuilder();
        sb.append("## Transactions over the PostgreSQL protocol (pgbench, committed transactions per second)\n\n");
        sb.append(String.format(Locale.ROOT, "%s; `pgbench -n -M simple -c %d -j %d -T %d --max-tries=%d --failures-detailed"
                        + " -f SCRIPT`, %s; %,d accounts, hot set %,d. Run took %d s.%n%n",
                r.pgbenchVersion(), c.clients(), c.threads(), c.seconds(), c.maxTries(),
                c.warmupSeconds() == 0 ? "no warm-up"
                        : "each after a " + c.warmupSeconds() + " s warm-up run (and each server first ran every workload for "
                                + c.warmupSeconds() + " s)",
                c.rows(), c.hotRows(), r.elapsed().toSeconds()));
        sb.append(summary(r)).append('\n');
        sb.append("tps counts committed transactions. failed: transactions that still hit a serialization failure "
                + "(40001) or deadlock (40P01) on the last of their ").append(c.maxTries()).append(" allowed tries, percent of all that ended; "
                + "retried: transactions that needed more than one try (pgbench's counts). "
                + "Each cell: VACUUM, warm-up, measured run, VACUUM; the servers take turns within a cell.\n\n");
        for (TxnSuite.ServerInfo s : r.servers()) {
            sb.append("- ").append(s.name()).append(": ").append(s.description()).append('\n');
        }
        for (TxnWorkload w : c.workloads()) {
            sb.append("- ").append(w.label()).append(": ").append(w.describe(c.rows(), c.hotRows())).append('\n');
        }
        sb.append('\n').append(details(r)).append('\n');
        List<TxnSuite.Cell> errors = r.errors();
        if (!errors.isEmpty()) {
            sb.append("**").append(errors.size()).append(" run(s) failed** (the server's error, as pgbench printed it):\n\n");
            for (TxnSuite.Cell e : errors) {
                sb.append("- ").append(e.server()).append(", ").append(e.workload().label()).append(", ")
                        .append(e.level().label()).append(":\n\n```\n").append(e.error().strip()).append("\n```\n\n");
            }
        }
        return sb.toString();
    }

    /** One row per workload and isolation level: tps, ratio to PostgreSQL, failed / retried of each server. */
    static String summary(TxnSuite.Results r) {
        List<String> servers = r.servers().stream().map(TxnSuite.ServerInfo::name).toList();
        List<String> header = new ArrayList<>(List.of("workload", "isolation"));
        for (String s : servers) {
            header.add(s + " tps");
            if (!s.equals(REFERENCE)) {
                header.add(s + " ÷ " + REFERENCE);
            }
        }
        for (String s : servers) {
            header.add(s + " failed / retried");
        }
        MarkdownTable t = new MarkdownTable(header.toArray(String[]::new)).leftColumns(2);
        for (TxnWorkload w : r.config().workloads()) {
            for (Isolation level : r.config().levels()) {
                List<String> row = new ArrayList<>(List.of(w.label(), level.label()));
                double reference = tps(r.cell(w, level, REFERENCE));
                for (String s : servers) {
                    double tps = tps(r.cell(w, level, s));
                    row.add(Double.isNaN(tps) ? "error" : MarkdownTable.count(tps));
                    if (!s.equals(REFERENCE)) {
                        row.add(MarkdownTable.ratio(tps / reference));
                    }
                }
                for (String s : servers) {
                    row.add(r.cell(w, level, s).filter(TxnSuite.Cell::ok)
                            .map(cell -> percent(cell.result().failedPercent()) + " / " + percent(cell.result().retriedPercent()))
                            .orElse("error"));
                }
                t.row(row.toArray(String[]::new));
            }
        }
        return t.render();
    }

    /** One row per run: pgbench's counts. */
    static String details(TxnSuite.Results r) {
        MarkdownTable t = new MarkdownTable("workload, isolation, server", "tps", "committed", "failed (40001 + 40P01)",
                "retried", "retries", "latency ms");
        for (TxnSuite.Cell c : r.cells()) {
            String name = c.workload().label() + ", " + c.level().label() + ", " + c.server();
            PgbenchResult p = c.result();
            if (p == null) {
                t.row(name, "error", "", "", "", "", "");
                continue;
            }
            t.row(name, MarkdownTable.count(p.tps()), MarkdownTable.count(p.processed()),
                    String.format(Locale.ROOT, "%,d (%,d + %,d)", p.failed(), p.serializationFailures(), p.deadlockFailures()),
                    MarkdownTable.count(p.retried()), MarkdownTable.count(p.retries()),
                    Double.isNaN(p.latencyMs()) ? "n/a" : String.format(Locale.ROOT, "%.2f", p.latencyMs()));
        }
        return t.render();
    }

    private static double tps(Optional<TxnSuite.Cell> cell) {
        return cell.filter(TxnSuite.Cell::ok).map(c -> c.result().tps()).orElse(Double.NaN);
    }

    private static String percent(double p) {
        return Double.isNaN(p) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", p);
    }
}
