package io.shaledb.bench.txn;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one pgbench run reported, read from its summary (pgbench 15 with {@code --max-tries} and
 * {@code --failures-detailed}):
 *
 * <pre>
 * number of transactions actually processed: 1549
 * number of failed transactions: 3 (0.193%)
 * number of serialization failures: 3 (0.193%)
 * number of deadlock failures: 0 (0.000%)
 * number of transactions retried: 589 (37.951%)
 * total number of retries: 1267
 * latency average = 7.743 ms (including failures)
 * tps = 515.566171 (without initial connection time)
 * </pre>
 *
 * A transaction is <em>processed</em> when it committed (after any retries) and <em>failed</em>
 * when it hit a serialization or deadlock failure on its last allowed try; pgbench's percentages,
 * and ours, are of the two together. Its tps counts committed transactions only.
 *
 * @param processed transactions that committed
 * @param failed transactions that failed on every allowed try (serialization or deadlock)
 * @param serializationFailures of the failed, those whose last error was 40001
 * @param deadlockFailures of the failed, those whose last error was 40P01
 * @param retried transactions that needed more than one try (committed or failed in the end)
 * @param retries tries after the first, over all transactions
 * @param latencyMs average latency of a transaction, failures included
 * @param tps committed transactions per second, connection time excluded
 */
public record PgbenchResult(long processed, long failed, long serializationFailures, long deadlockFailures,
                            long retried, long retries, double latencyMs, double tps) {

    private static final Pattern PROCESSED = line("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = line("number of failed transactions: (\\d+)");
    private static final Pattern SERIALIZATION = line("number of serialization failures: (\\d+)");
    private static final Pattern DEADLOCK = line("number of deadlock failures: (\\d+)");
    private static final Pattern RETRIED = line("number of transactions retried: (\\d+)");
    private static final Pattern RETRIES = line("total number of retries: (\\d+)");
    private static final Pattern LATENCY = line("latency average = ([0-9.]+) ms");
    /** pgbench 15 prints one tps line; older ones printed "including/excluding connections establishing". */
    private static final Pattern TPS = line("tps = ([0-9.]+) \\((?:without initial connection time|excluding connections establishing)\\)");

    /** Transactions that ended, committed or failed. */
    public long transactions() {
        return processed + failed;
    }

    /** Failed transactions, percent of those that ended. */
    public double failedPercent() {
        return percent(failed);
    }

    /** Retried transactions, percent of those that ended. */
    public double retriedPercent() {
        return percent(retried);
    }

    private double percent(long n) {
        return transactions() == 0 ? Double.NaN : 100.0 * n / transactions();
    }

    /**
     * Reads pgbench's summary from its standard output.
     *
     * @throws IllegalArgumentException naming what is missing when the output has no summary (e.g.
     *     pgbench stopped before printing one) or an older pgbench without failure counts
     */
    public static PgbenchResult parse(String stdout) {
        return new PgbenchResult(
                required(PROCESSED, stdout, "transactions processed"),
                required(FAILED, stdout, "failed transactions (pgbench 15 or newer prints it)"),
                optional(SERIALIZATION, stdout).orElse(0L),
                optional(DEADLOCK, stdout).orElse(0L),
                // pgbench leaves the retry lines out when --max-tries is 1
                optional(RETRIED, stdout).orElse(0L),
                optional(RETRIES, stdout).orElse(0L),
                number(LATENCY, stdout).orElse(Double.NaN),
                number(TPS, stdout).orElseThrow(() -> missing("tps", stdout)));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f tps, %d committed, %d failed (%.2f%%), %d retried (%.2f%%)",
                tps, processed, failed, failedPercent(), retried, retriedPercent());
    }

    private static Pattern line(String regex) {
        return Pattern.compile("^\\s*" + regex, Pattern.MULTILINE);
    }

    private static long required(Pattern p, String out, String what) {
        return optional(p, out).orElseThrow(() -> missing(what, out));
    }

    private static Optional<Long> optional(Pattern p, String out) {
        Matcher m = p.matcher(out);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static Optional<Double> number(Pattern p, String out) {
        Matcher m = p.matcher(out);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static IllegalArgumentException missing(String what, String out) {
        return new IllegalArgumentException("pgbench's output has no " + what + " line:\n" + out);
    }
}
