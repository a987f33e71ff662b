package io.shaledb.testkit.multisession;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed multi-session script. Every line is one of:
 *
 * <pre>
 *   -- a comment, or a blank line              echoed as written
 *   setup: SQL;                                run on the runner's own connection, before the steps
 *   T1: SQL;            -- @label  (optional)  a step: SQL sent by session T1 (any name but setup/teardown)
 *   teardown: SQL;                             run on the runner's own connection after the sessions closed
 *   anomaly if @label shows 1|101 and ...      how to tell from the transcript that the anomaly happened
 * </pre>
 *
 * A step is one line; its SQL ends at the last semicolon outside quotes, and a trailing comment
 * may name the step with {@code @label} for the anomaly rules. {@code {name}} placeholders are
 * replaced by the run's variables (e.g. {@code {level}}) before parsing.
 *
 * @param lines the script's lines in order
 * @param rules the anomaly rules; the anomaly happened when any rule holds
 */
public record SessionScript(List<Line> lines, List<AnomalyRule> rules) {

    /** One line of a script. {@code text} is the line as written (after variable substitution). */
    public sealed interface Line {
        String text();
    }

    /** A blank line, a comment or an anomaly rule: echoed, never run. */
    public record Echo(String text) implements Line {}

    /** A statement of the given role; {@code session} is the session name for steps, else null. */
    public record Statement(String text, Role role, String session, String sql, String label) implements Line {}

    /** Where a statement runs. */
    public enum Role { SETUP, STEP, TEARDOWN }

    private static final Pattern STATEMENT = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*):\\s*(.*)$");
    private static final Pattern LABEL = Pattern.compile("@([A-Za-z][A-Za-z0-9_-]*)");
    private static final String RULE_PREFIX = "anomaly if ";

    public SessionScript {
        lines = List.copyOf(lines);
        rules = List.copyOf(rules);
    }

    /** Parses {@code text} after replacing each {@code {name}} of {@code variables}. */
    public static SessionScript parse(String text, Map<String, String> variables) {
        String substituted = text;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            substituted = substituted.replace("{" + v.getKey() + "}", v.getValue());
        }
        List<Line> lines = new ArrayList<>();
        List<AnomalyRule> rules = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        String[] raw = substituted.split("\n", -1);
        int count = substituted.endsWith("\n") ? raw.length - 1 : raw.length;
        boolean teardownSeen = false;
        for (int i = 0; i < count; i++) {
            String line = raw[i];
            String where = "line " + (i + 1) + " [" + line + "]";
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("--")) {
                lines.add(new Echo(line));
                continue;
            }
            if (stripped.startsWith(RULE_PREFIX)) {
                rules.add(AnomalyRule.parse(stripped.substring(RULE_PREFIX.length()), where));
                lines.add(new Echo(line));
                continue;
            }
            Matcher m = STATEMENT.matcher(stripped);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": expected 'session: SQL;', 'setup: SQL;', 'teardown: SQL;',"
                        + " 'anomaly if ...', a comment or a blank line");
            }
            String who = m.group(1);
            Role role = switch (who) {
                case "setup" -> Role.SETUP;
                case "teardown" -> Role.TEARDOWN;
                default -> Role.STEP;
            };
            if (teardownSeen && role != Role.TEARDOWN) {
                throw new IllegalArgumentException(where + ": nothing but teardown statements may follow a teardown");
            }
            teardownSeen |= role == Role.TEARDOWN;
            String[] sqlAndComment = splitTrailingComment(m.group(2), where);
            String label = null;
            Matcher lm = LABEL.matcher(sqlAndComment[1]);
            if (lm.find()) {
                if (role != Role.STEP) {
                    throw new IllegalArgumentException(where + ": only session steps can carry a label");
                }
                label = lm.group(1);
                if (!labels.add(label)) {
                    throw new IllegalArgumentException(where + ": label @" + label + " is used twice");
                }
            }
            lines.add(new Statement(line, role, role == Role.STEP ? who : null, sqlAndComment[0], label));
        }
        for (AnomalyRule rule : rules) {
            for (String label : rule.labels()) {
                if (!labels.contains(label)) {
                    throw new IllegalArgumentException("anomaly rule [" + rule.text() + "] names @" + label
                            + ", which no step carries");
                }
            }
        }
        return new SessionScript(lines, rules);
    }

    /** The statements, in order. */
    public List<Statement> statements() {
        return lines.stream().filter(l -> l instanceof Statement).map(l -> (Statement) l).toList();
    }

    /** The session names in order of first appearance. */
    public List<String> sessions() {
        Map<String, Boolean> names = new LinkedHashMap<>();
        statements().stream().filter(s -> s.role() == Role.STEP).forEach(s -> names.put(s.session(), true));
        return List.copyOf(names.keySet());
    }

    /**
     * Splits {@code rest} into the SQL (up to and including its last semicolon outside quotes) and
     * a trailing {@code --} comment (possibly empty).
     */
    private static String[] splitTrailingComment(String rest, String where) {
        boolean inString = false;
        boolean inIdent = false;
        int lastSemicolon = -1;
        int commentStart = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (inString) {
                inString = c != '\'';
            } else if (inIdent) {
                inIdent = c != '"';
            } else if (c == '\'') {
                inString = true;
            } else if (c == '"') {
                inIdent = true;
            } else if (c == '-' && i + 1 < rest.length() && rest.charAt(i + 1) == '-') {
                commentStart = i;
                break;
            } else if (c == ';') {
                lastSemicolon = i;
            }
        }
        if (lastSemicolon < 0 || !rest.substring(lastSemicolon + 1, commentStart).isBlank()) {
            throw new IllegalArgumentException(where + ": a statement must end with ';' (optionally followed by a -- comment)");
        }
        return new String[] {rest.substring(0, lastSemicolon + 1).strip(), rest.substring(commentStart)};
    }
}
