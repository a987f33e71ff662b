package io.shaledb.server.slt;

import io.shaledb.server.slt.SltOutcome.Failure;
import io.shaledb.server.slt.SltOutcome.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Markdown reports of a run: the per-file pass/fail table and the failure triage, which groups
 * failures by their cause so the most valuable missing feature is on top.
 *
 * <p>A cause is the failure's kind plus its error normalised: SQLSTATE and message with literals,
 * numbers and identifiers blanked but keywords kept, so {@code syntax error at or near "JOIN"}
 * and {@code syntax error at or near "VIEW"} stay apart while {@code relation "tab0" does not
 * exist} and {@code relation "tab1" does not exist} become one.
 */
final class SltReport {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern KEYWORD = Pattern.compile("[A-Z][A-Z_]*|[^A-Za-z0-9_]+");
    private static final Pattern STRING = Pattern.compile("'[^']*'");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(\\.\\d+)?\\b");

    private SltReport() {}

    /** Per-file table: file, passed, failed, skipped, pass rate, time; a total line last. */
    static String table(List<SltOutcome> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append("| file | passed | failed | skipped | pass % | time |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        Duration time = Duration.ZERO;
        for (SltOutcome o : outcomes) {
            out.append(row(o.file(), o.passed(), o.failed(), o.skipped(), o.elapsed()));
            passed += o.passed();
            failed += o.failed();
            skipped += o.skipped();
            time = time.plus(o.elapsed());
        }
        out.append(row("**total (" + outcomes.size() + " files)**", passed, failed, skipped, time));
        return out.toString();
    }

    private static String row(String name, int passed, int failed, int skipped, Duration time) {
        double pct = passed + failed == 0 ? 100.0 : 100.0 * passed / (passed + failed);
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %s |%n", name, passed, failed, skipped, pct,
                SltSuite.seconds(time));
    }

    /** The cause a failure is grouped under. */
    static String cause(Failure f) {
        if (isCascade(f)) {
            return (f.kind() == Kind.QUERY_ERROR ? f.sqlState() + " " + normalise(f.message()) : "wrong result")
                    + ", after: " + cause(f.after());
        }
        return switch (f.kind()) {
            case WRONG_RESULT -> "wrong result";
            case LABEL_MISMATCH -> "wrong result (differs from an earlier query with the same label)";
            case STATEMENT_ACCEPTED -> "accepted a statement that must fail";
            case STATEMENT_ERROR, QUERY_ERROR -> f.sqlState() + " " + normalise(f.message());
        };
    }

    /** The broad class of a cause: a feature not built yet, a wrong answer, or another error. */
    static String category(Failure f) {
        if (isCascade(f)) {
            return "consequence of an earlier failed statement";
        }
        if (f.kind() != Kind.STATEMENT_ERROR && f.kind() != Kind.QUERY_ERROR) {
            return "wrong result";
        }
        String state = String.valueOf(f.sqlState());
        return switch (state) {
            case "42601", "0A000", "42883", "42704" -> "missing feature";
            default -> "error (" + state + ")";
        };
    }

    /**
     * Whether a failure is most likely the consequence of an earlier failed statement of its file:
     * a wrong result, or a missing relation, in a query over a relation whose CREATE or INSERT
     * failed (the relation is empty or absent, so no query over it can be right).
     */
    static boolean isCascade(Failure f) {
        return f.after() != null && (f.kind() == Kind.WRONG_RESULT || f.kind() == Kind.LABEL_MISMATCH
                || (f.kind() == Kind.QUERY_ERROR && "42P01".equals(f.sqlState())));
    }

    /** Failures grouped by cause, largest group first: category, cause, count, one example each. */
    static String triage(List<SltOutcome> outcomes) {
        Map<String, List<Failure>> byCause = new LinkedHashMap<>();
        for (SltOutcome o : outcomes) {
            for (Failure f : o.failures()) {
                byCause.computeIfAbsent(category(f) + "\u0000" + cause(f), k -> new ArrayList<>()).add(f);
            }
        }
        List<Map.Entry<String, List<Failure>>> groups = new ArrayList<>(byCause.entrySet());
        groups.sort(Comparator.comparing((Map.Entry<String, List<Failure>> e) -> e.getValue().size()).reversed());
        StringBuilder out = new StringBuilder();
        out.append("| category | cause | failures | example |\n");
        out.append("|---|---|---:|---|\n");
        for (Map.Entry<String, List<Failure>> g : groups) {
            String[] parts = g.getKey().split("\u0000", 2);
            Failure example = g.getValue().getFirst();
            out.append("| ").append(cell(parts[0])).append(" | ").append(cell(parts[1])).append(" | ")
                    .append(g.getValue().size()).append(" | `").append(example.file()).append(':').append(example.line())
                    .append("` ").append(cell("`" + abbreviate(example.sql().replace('\n', ' '), 160) + "`"))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Failures per broad category, largest first, as a markdown list. */
    static String categorySummary(List<SltOutcome> outcomes) {
        Map<String, Integer> totals = new LinkedHashMap<>();
        int all = 0;
        for (SltOutcome o : outcomes) {
            for (Failure f : o.failures()) {
                totals.merge(category(f), 1, Integer::sum);
                all++;
            }
        }
        StringBuilder out = new StringBuilder();
        int total = all;
        totals.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(String.format(Locale.ROOT, "- %s: %d failures (%.1f%%)%n", e.getKey(), e.getValue(),
                        100.0 * e.getValue() / total)));
        return out.toString();
    }

    /** The whole report: table, category summary and triage. */
    static String markdown(List<SltOutcome> outcomes) {
        return "### Per file\n\n" + table(outcomes) + "\n### Failures by cause\n\n" + categorySummary(outcomes) + "\n"
                + triage(outcomes);
    }

    static String normalise(String message) {
        String m = STRING.matcher(message).replaceAll("'…'");
        m = QUOTED.matcher(m).replaceAll(r -> KEYWORD.matcher(r.group(1)).matches() ? "\"" + r.group(1).replace("$", "\\$") + "\"" : "\"…\"");
        return NUMBER.matcher(m).replaceAll("N");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
