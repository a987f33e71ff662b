package io.shaledb.testkit.multisession;

import io.shaledb.testkit.multisession.SessionScript.Role;
import io.shaledb.testkit.multisession.SessionScript.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a transcript back into the outcomes of the script's labelled steps, so that the verdict
 * line of an expected transcript, in particular one written by hand, can be checked against the
 * answers written above it: {@code judge(script, read(script, transcript))} must give the verdict
 * the transcript ends with.
 *
 * <p>It understands what {@link MultiSessionRunner} writes: echoed lines, {@code [T blocked]},
 * {@code [T unblocked] sql}, psql tables with single-line cells, command tags, notices and
 * {@code ERROR:  SQLSTATE: message} lines.
 */
public final class TranscriptReader {
    private static final Pattern UNBLOCKED = Pattern.compile("^\\[([A-Za-z][A-Za-z0-9_]*) unblocked\\] (.*)$");
    private static final Pattern MESSAGE = Pattern.compile("^(ERROR|WARNING|NOTICE|INFO|LOG|DEBUG):  (\\w{5}): (.*)$");
    private static final Pattern RULE_LINE = Pattern.compile("^-+(\\+-+)*$");
    private static final Pattern ROW_COUNT = Pattern.compile("^\\((\\d+) rows?\\)$");

    private final List<String> lines;
    private int pos;

    private TranscriptReader(String transcript) {
        String[] split = transcript.split("\n", -1);
        this.lines = List.of(split).subList(0, transcript.endsWith("\n") ? split.length - 1 : split.length);
    }

    /**
     * The outcomes of the labelled steps recorded in {@code transcript} of {@code script}.
     *
     * @throws IllegalArgumentException where the transcript does not follow the script
     */
    public static Map<String, StepOutcome> read(SessionScript script, String transcript) {
        return new TranscriptReader(transcript).outcomes(script);
    }

    private Map<String, StepOutcome> outcomes(SessionScript script) {
        Map<String, StepOutcome> outcomes = new HashMap<>();
        Map<String, Statement> blockedBySession = new HashMap<>();
        List<SessionScript.Line> scriptLines = script.lines();
        for (int i = 0; i < scriptLines.size(); i++) {
            SessionScript.Line line = scriptLines.get(i);
            String next = i + 1 < scriptLines.size() ? scriptLines.get(i + 1).text() : null;
            readUnblocked(line.text(), blockedBySession, outcomes);
            expect(line.text());
            if (!(line instanceof Statement s)) {
                continue;
            }
            if (s.role() == Role.STEP && pos < lines.size() && lines.get(pos).equals("[" + s.session() + " blocked]")) {
                pos++;
                blockedBySession.put(s.session(), s);
            } else if (pos < lines.size() && lines.get(pos).startsWith("[" + s.session() + " is still blocked")) {
                pos++;
            } else {
                StepOutcome outcome = results(next, false);
                if (s.label() != null) {
                    outcomes.put(s.label(), outcome);
                }
            }
        }
        readUnblocked(null, blockedBySession, outcomes);
        if (pos < lines.size() && lines.get(pos).startsWith("-- verdict: ")) {
            pos++;
        }
        if (pos != lines.size()) {
            throw new IllegalArgumentException("transcript line " + (pos + 1) + ": [" + lines.get(pos) + "] after the script's end");
        }
        return outcomes;
    }

    /** Reads {@code [T unblocked] sql} sections until the next script line. */
    private void readUnblocked(String next, Map<String, Statement> blockedBySession, Map<String, StepOutcome> outcomes) {
        while (pos < lines.size() && !lines.get(pos).equals(next)) {
            String line = lines.get(pos);
            if (line.matches("^\\[[A-Za-z][A-Za-z0-9_]* still blocked at the end: cancelling\\]$")) {
                pos++;
                continue;
            }
            Matcher m = UNBLOCKED.matcher(line);
            if (!m.matches()) {
                return;
            }
            Statement s = blockedBySession.remove(m.group(1));
            if (s == null || !s.sql().equals(m.group(2))) {
                throw new IllegalArgumentException("transcript line " + (pos + 1) + ": [" + line + "] unblocks no blocked step");
            }
            pos++;
            StepOutcome outcome = results(next, true);
            if (s.label() != null) {
                outcomes.put(s.label(), outcome);
            }
        }
    }

    /** Reads results until {@code next} (the next script line), an unblocked section, or the end. */
    private StepOutcome results(String next, boolean blocked) {
        List<StepOutcome.Result> results = new ArrayList<>();
        while (pos < lines.size()) {
            String line = lines.get(pos);
            if (line.equals(next) || UNBLOCKED.matcher(line).matches() || line.startsWith("-- verdict: ")) {
                break;
            }
            Matcher m = MESSAGE.matcher(line);
            if (m.matches()) {
                results.add(m.group(1).equals("ERROR")
                        ? new StepOutcome.Error(m.group(2), m.group(3))
                        : new StepOutcome.Notice(m.group(1), m.group(2), m.group(3)));
                pos++;
            } else if (pos + 1 < lines.size() && RULE_LINE.matcher(lines.get(pos + 1)).matches()) {
                results.add(table());
            } else {
                results.add(new StepOutcome.Tag(line));
                pos++;
            }
        }
        return new StepOutcome(results, blocked);
    }

    private StepOutcome.Rows table() {
        List<String> columns = cells(lines.get(pos));
        pos += 2;
        List<String[]> rows = new ArrayList<>();
        while (pos < lines.size()) {
            Matcher count = ROW_COUNT.matcher(lines.get(pos));
            if (count.matches()) {
                if (Integer.parseInt(count.group(1)) != rows.size()) {
                    throw new IllegalArgumentException("transcript line " + (pos + 1) + ": says " + count.group(1)
                            + " rows, the table has " + rows.size());
                }
                pos++;
                if (pos < lines.size() && lines.get(pos).isEmpty()) {
                    pos++;
                }
                return new StepOutcome.Rows(columns, columns.stream().map(c -> false).toList(), rows);
            }
            List<String> cells = cells(lines.get(pos));
            if (cells.size() != columns.size()) {
                throw new IllegalArgumentException("transcript line " + (pos + 1) + ": a row of " + cells.size()
                        + " cells in a table of " + columns.size() + " columns");
            }
            rows.add(cells.toArray(String[]::new));
            pos++;
        }
        throw new IllegalArgumentException("a table that never ends with '(n rows)'");
    }

    private static List<String> cells(String line) {
        return List.of(line.split("\\|", -1)).stream().map(String::strip).toList();
    }

    private void expect(String text) {
        if (pos >= lines.size() || !lines.get(pos).equals(text)) {
            throw new IllegalArgumentException("transcript line " + (pos + 1) + ": expected the script line [" + text
                    + "] but found [" + (pos < lines.size() ? lines.get(pos) : "<end>") + "]");
        }
        pos++;
    }
}
