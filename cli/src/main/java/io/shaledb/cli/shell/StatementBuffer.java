package io.shaledb.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects input lines into complete SQL statements: a statement ends at a {@code ;} outside
 * quotes ({@code '...'}, {@code "..."}, {@code E'...'}), dollar quotes ({@code $tag$...$tag$}) and
 * comments ({@code --}, {@code /* *}{@code /}), as psql decides when to send. A line that starts
 * with a backslash while no statement is pending is a meta-command.
 */
final class StatementBuffer {
    private final StringBuilder pending = new StringBuilder();
    /** Scanner state carried across lines. */
    private char quote;
    private String dollarTag;
    private int blockComments;

    /** Whether a statement has started but not ended (the prompt shows {@code ->}). */
    boolean hasPending() {
        return !pending.toString().isBlank();
    }

    /** Whether the scanner is inside a quote or comment (for the continuation prompt). */
    char openQuote() {
        return dollarTag != null ? '$' : blockComments > 0 ? '*' : quote;
    }

    /** Feeds one line; returns the statements it completed (each without its final {@code ;}). */
    List<String> add(String line) {
        List<String> done = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (dollarTag != null) {
                if (line.startsWith(dollarTag, i)) {
                    i += dollarTag.length();
                    dollarTag = null;
                } else {
                    i++;
                }
                continue;
            }
            if (blockComments > 0) {
                if (line.startsWith("*/", i)) {
                    blockComments--;
                    i += 2;
                } else if (line.startsWith("/*", i)) {
                    blockComments++;
                    i += 2;
                } else {
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    if (i + 1 < n && line.charAt(i + 1) == quote) {
                        i += 2; // doubled quote
                        continue;
                    }
                    quote = 0;
                } else if (c == '\\' && quote == 'E') {
                    i++;
                } else if (c == '\'' && quote == 'E') {
                    quote = 0;
                }
                i++;
                continue;
            }
            if (c == '-' && line.startsWith("--", i)) {
                break; // the rest of the line is a comment
            }
            if (c == '/' && line.startsWith("/*", i)) {
                blockComments++;
                i += 2;
                continue;
            }
            if (c == '\'') {
                boolean escape = i > 0 && (line.charAt(i - 1) == 'E' || line.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(line.charAt(i - 2)));
                quote = escape ? 'E' : '\'';
                i++;
                continue;
            }
            if (c == '"') {
                quote = '"';
                i++;
                continue;
            }
            if (c == '$') {
                int end = line.indexOf('$', i + 1);
                if (end > 0 && line.substring(i + 1, end).matches("[A-Za-z_]?[A-Za-z0-9_]*")
                        && (i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1)))) {
                    dollarTag = line.substring(i, end + 1);
                    i = end + 1;
                    continue;
                }
            }
            if (c == ';') {
                pending.append(line, start, i);
                String statement = pending.toString().strip();
                pending.setLength(0);
                if (!statement.isEmpty()) {
                    done.add(statement);
                }
                start = i + 1;
            }
            i++;
        }
        pending.append(line, start, n).append('\n');
        if (pending.toString().isBlank()) {
            pending.setLength(0);
        }
        return done;
    }

    /** What is pending (for {@code \g}-less end of input: psql sends an unterminated last statement too). */
    String drain() {
        String s = pending.toString().strip();
        pending.setLength(0);
        quote = 0;
        dollarTag = null;
        blockComments = 0;
        return s;
    }
}
