package io.shaledb.testkit.multisession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way to tell from a run that an anomaly happened: a conjunction of observations of labelled
 * steps, each judged from what the server actually answered.
 *
 * <pre>
 *   anomaly if @r1 shows 2|22 and @r2 shows 1|11     both reads saw the other's uncommitted write
 *
 *   @x shows 1|101 2|20        x finished without error and its last result set has all these rows
 *                              (cells joined by '|', rows separated by spaces; other rows may follow)
 *   @x succeeded               x finished without error (at whatever point of the script)
 *   @x succeeded immediately   x finished without error and was never reported blocked
 *   @x committed               x finished with the command tag COMMIT (not ROLLBACK, not an error)
 * </pre>
 *
 * A step that never finished satisfies none of these.
 *
 * @param text the rule as written after {@code anomaly if}
 * @param conditions all must hold
 */
public record AnomalyRule(String text, List<Condition> conditions) {

    /** One observation of one labelled step. */
    public record Condition(String label, Kind kind, List<String> rows) {
        boolean holds(StepOutcome outcome) {
            if (outcome == null) {
                return false;
            }
            return switch (kind) {
                case SUCCEEDED -> outcome.succeeded();
                case SUCCEEDED_IMMEDIATELY -> outcome.succeeded() && !outcome.blocked();
                case COMMITTED -> outcome.succeeded() && "COMMIT".equals(outcome.lastTag());
                case SHOWS -> outcome.succeeded() && outcome.lastRows() != null
                        && outcome.lastRows().compactRows().containsAll(rows);
            };
        }
    }

    /** What a condition observes. */
    public enum Kind { SHOWS, SUCCEEDED, SUCCEEDED_IMMEDIATELY, COMMITTED }

    private static final Pattern CONDITION = Pattern.compile(
            "@([A-Za-z][A-Za-z0-9_-]*)\\s+(shows\\s+(.+)|succeeded immediately|succeeded|committed)");

    public AnomalyRule {
        conditions = List.copyOf(conditions);
    }

    static AnomalyRule parse(String text, String where) {
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.strip().split("\\s+and\\s+")) {
            Matcher m = CONDITION.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": cannot read condition [" + part + "]; expected '@label shows"
                        + " a|b c|d', '@label succeeded', '@label succeeded immediately' or '@label committed'");
            }
            String what = m.group(2);
            if (what.startsWith("shows")) {
                conditions.add(new Condition(m.group(1), Kind.SHOWS, Arrays.asList(m.group(3).strip().split("\\s+"))));
            } else {
                Kind kind = switch (what) {
                    case "succeeded immediately" -> Kind.SUCCEEDED_IMMEDIATELY;
                    case "succeeded" -> Kind.SUCCEEDED;
                    default -> Kind.COMMITTED;
                };
                conditions.add(new Condition(m.group(1), kind, List.of()));
            }
        }
        return new AnomalyRule(text.strip(), conditions);
    }

    /** The labels this rule observes. */
    public List<String> labels() {
        return conditions.stream().map(Condition::label).distinct().toList();
    }

    /** Whether every condition holds for the outcomes of the labelled steps. */
    public boolean holds(Map<String, StepOutcome> outcomesByLabel) {
        return conditions.stream().allMatch(c -> c.holds(outcomesByLabel.get(c.label())));
    }
}
