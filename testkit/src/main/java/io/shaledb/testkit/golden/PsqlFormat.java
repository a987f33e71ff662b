package io.shaledb.testkit.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders results the way {@code psql} prints them (aligned format, border 1, and errors with
 * {@code VERBOSITY verbose} minus the LOCATION and object-name lines), so a golden file can be
 * compared line by line with a transcript of the same script run through real psql.
 */
public final class PsqlFormat {
    private static final int DISPLAY_SIZE = 60;
    private static final int MIN_RIGHT_CUT = 10;

    private PsqlFormat() {}

    /**
     * An aligned table followed by {@code (n rows)} and a blank line.
     *
     * @param names column names
     * @param rightAligned per column: true for numbers (psql right-aligns numeric types)
     * @param rows cell texts, null for SQL NULL (printed empty)
     */
    public static String table(List<String> names, List<Boolean> rightAligned, List<String[]> rows) {
        StringBuilder out = new StringBuilder();
        int n = names.size();
        if (n == 0) {
            out.append("--\n");
        } else {
            int[] width = new int[n];
            for (int c = 0; c < n; c++) {
                width[c] = maxLineWidth(names.get(c));
                for (String[] r : rows) {
                    width[c] = Math.max(width[c], maxLineWidth(r[c]));
                }
            }
            StringBuilder header = new StringBuilder(" ");
            StringBuilder rule = new StringBuilder();
            for (int c = 0; c < n; c++) {
                String name = names.get(c);
                int pad = width[c] - length(name);
                header.append(c > 0 ? " | " : "").append(" ".repeat(pad / 2)).append(name).append(" ".repeat(pad - pad / 2));
                rule.append(c > 0 ? "+" : "").append("-".repeat(width[c] + 2));
            }
            out.append(header).append(" \n").append(rule).append('\n');
            for (String[] r : rows) {
                appendRow(out, r, width, rightAligned);
            }
        }
        out.append(rows.size() == 1 ? "(1 row)\n" : "(" + rows.size() + " rows)\n").append('\n');
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] width, List<Boolean> rightAligned) {
        List<String[]> lines = new ArrayList<>();
        int height = 1;
        for (String cell : cells) {
            String[] l = (cell == null ? "" : cell).split("\n", -1);
            lines.add(l);
            height = Math.max(height, l.length);
        }
        for (int h = 0; h < height; h++) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < cells.length; c++) {
                String[] cl = lines.get(c);
                boolean exhausted = h >= cl.length;
                String text = exhausted ? "" : cl[h];
                boolean more = h < cl.length - 1;
                boolean last = c == cells.length - 1;
                int pad = width[c] - length(text);
                if (c > 0) {
                    line.append("| ");
                }
                if (exhausted) {
                    // a cell with fewer lines than its row: blank, and nothing at all in the last column
                    if (!last) {
                        line.append(" ".repeat(width[c]));
                    }
                } else if (rightAligned.get(c)) {
                    line.append(" ".repeat(pad)).append(text);
                } else {
                    line.append(text);
                    if (!last || more) {
                        line.append(" ".repeat(pad));
                    }
                }
                if (more) {
                    line.append('+');
                } else if (!last) {
                    line.append(' ');
                }
            }
            out.append(line).append('\n');
        }
    }

    /**
     * An error as psql prints it with VERBOSITY verbose (without LOCATION lines).
     *
     * @param position 1-based character position in {@code query}, or 0
     */
    public static String error(String sqlState, String message, int position, String query, String detail, String hint) {
        return error(sqlState, message, position, query, detail, hint, null);
    }

    /** {@link #error(String, String, int, String, String, String)} with psql's CONTEXT line(s) after the hint. */
    public static String error(String sqlState, String message, int position, String query, String detail, String hint,
                               String context) {
        StringBuilder out = new StringBuilder("ERROR:  ").append(sqlState).append(": ").append(message).append('\n');
        if (position > 0 && query != null) {
            out.append(errorPosition(query, position));
        }
        if (detail != null) {
            out.append("DETAIL:  ").append(detail).append('\n');
        }
        if (hint != null) {
            out.append("HINT:  ").append(hint).append('\n');
        }
        if (context != null) {
            out.append("CONTEXT:  ").append(context).append('\n');
        }
        return out.toString();
    }

    /** psql's "LINE n: ..." and caret lines for a 1-based character position. */
    static String errorPosition(String query, int position) {
        int[] cps = query.codePoints().toArray();
        int loc = Math.min(position - 1, cps.length);
        int lineNo = 1;
        int lineStart = 0;
        for (int i = 0; i < loc; i++) {
            if (cps[i] == '\n') {
                lineNo++;
                lineStart = i + 1;
            }
        }
        int lineEnd = lineStart;
        while (lineEnd < cps.length && cps[lineEnd] != '\n' && cps[lineEnd] != '\r') {
            lineEnd++;
        }
        int begin = lineStart;
        int end = lineEnd;
        boolean beginCut = false;
        boolean endCut = false;
        if (end - begin > DISPLAY_SIZE) {
            if (loc - begin + MIN_RIGHT_CUT <= DISPLAY_SIZE) {
                end = begin + DISPLAY_SIZE;
                endCut = true;
            } else {
                if (loc + MIN_RIGHT_CUT < end) {
                    end = loc + MIN_RIGHT_CUT;
                    endCut = true;
                }
                begin = end - DISPLAY_SIZE;
                beginCut = true;
            }
        }
        String prefix = "LINE " + lineNo + ": ";
        StringBuilder out = new StringBuilder(prefix);
        if (beginCut) {
            out.append("...");
        }
        out.append(new String(cps, begin, end - begin));
        if (endCut) {
            out.append("...");
        }
        out.append('\n');
        out.append(" ".repeat(prefix.length() + (beginCut ? 3 : 0) + (loc - begin))).append("^\n");
        return out.toString();
    }

    private static int maxLineWidth(String s) {
        if (s == null) {
            return 0;
        }
        int max = 0;
        for (String line : s.split("\n", -1)) {
            max = Math.max(max, length(line));
        }
        return max;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
