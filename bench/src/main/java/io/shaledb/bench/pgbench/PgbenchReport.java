package io.shaledb.bench.pgbench;

import io.shaledb.bench.MarkdownTable;
import io.shaledb.bench.pgbench.PgbenchSuite.Cell;
import io.shaledb.bench.pgbench.PgbenchSuite.Results;
import io.shaledb.bench.pgbench.PgbenchSuite.Script;
import java.util.Locale;
import java.util.Optional;

/** The markdown section of {@code shale-bench pgbench}: tps side by side, the ratio against its target. */
public final class PgbenchReport {
    /** Issue 8's target: ShaleDB at least this fraction of PostgreSQL's tps, on TPC-B and on -S. */
    public static final double TARGET = 0.6;
    private static final String REFERENCE = "postgresql";
    private static final String SHALE = "shaledb-btree";

    private PgbenchReport() {}

    public static String render(Results r) {
        PgbenchSuite.Config c = r.config();
        StringBuilder sb = new StringBuilder();
        sb.append("## pgbench against PostgreSQL\n\n");
        sb.append(String.format(Locale.ROOT, "%s; `pgbench -i -s %d`, then per script and mode `pgbench -n -M MODE -c %d -j %d"
                        + " -T %d` (after a %d s warm-up run), the servers taking turns; run took %d s.%n%n",
                r.pgbenchVersion(), c.scale(), c.clients(), c.threads(), c.seconds(), c.warmupSeconds(), r.elapsed().toSeconds()));
        MarkdownTable t = new MarkdownTable("script", "mode", "PostgreSQL tps", "ShaleDB tps", "ShaleDB ÷ PostgreSQL",
                "target " + TARGET + "×", "latency ms (PG / Shale)").leftColumns(2);
        for (Script s : c.scripts()) {
            for (String mode : c.modes()) {
                Optional<Cell> pg = r.cell(s, mode, REFERENCE);
                Optional<Cell> shale = r.cell(s, mode, SHALE);
                double pgTps = tps(pg);
                double shaleTps = tps(shale);
                double ratio = shaleTps / pgTps;
                t.row(s.label(), mode, Double.isNaN(pgTps) ? "error" : MarkdownTable.count(pgTps),
                        Double.isNaN(shaleTps) ? "error" : MarkdownTable.count(shaleTps),
                        Double.isNaN(ratio) ? "n/a" : MarkdownTable.ratio(ratio),
                        Double.isNaN(ratio) ? "n/a" : ratio >= TARGET ? "met" : "missed",
                        latency(pg) + " / " + latency(shale));
            }
        }
        sb.append(t.render()).append('\n');
        MarkdownTable servers = new MarkdownTable("server", "pgbench -i", "balances after the runs (accounts = history = branches = tellers)");
        for (PgbenchSuite.ServerReport s : r.servers()) {
            PgbenchSuite.Balances b = s.balances();
            servers.row(s.name(), s.initSummary(), b == null ? "n/a" : String.format(Locale.ROOT, "%s: %,d = %,d = %,d = %,d (%,d history rows)",
                    b.consistent() ? "consistent" : "INCONSISTENT", b.accounts(), b.history(), b.branches(), b.tellers(), b.historyRows()));
        }
        sb.append(servers.render()).append('\n');
        for (PgbenchSuite.ServerReport s : r.servers()) {
            sb.append("- ").append(s.name()).append(": ").append(s.description()).append('\n');
        }
        for (String p : r.problems()) {
            sb.append("- **problem**: ").append(p).append('\n');
        }
        sb.append('\n');
        return sb.toString();
    }

    private static double tps(Optional<Cell> cell) {
        return cell.filter(Cell::ok).map(x -> x.result().tps()).orElse(Double.NaN);
    }

    private static String latency(Optional<Cell> cell) {
        return cell.filter(Cell::ok).map(x -> String.format(Locale.ROOT, "%.2f", x.result().latencyMs())).orElse("n/a");
    }
}
