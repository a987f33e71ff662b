package io.shaledb.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result as psql does: aligned columns with a centred header, numbers right-aligned,
 * {@code (N rows)} below; or, in expanded mode ({@code \x}), one {@code -[ RECORD n ]-} block per
 * row. Multi-line values are not wrapped (psql's {@code +} continuation marks are not drawn).
 */
final class ResultPrinter {
    private ResultPrinter() {}

    static String table(List<String> names, List<Boolean> numeric, List<String[]> rows) {
        int n = names.size();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = displayWidth(names.get(c));
            for (String[] r : rows) {
                width[c] = Math.max(width[c], displayWidth(r[c] == null ? "" : r[c]));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < n; c++) {
            String name = names.get(c);
            int pad = width[c] - displayWidth(name);
            int left = pad / 2;
            sb.append(c == 0 ? " " : " | ").append(" ".repeat(left)).append(name).append(" ".repeat(pad - left));
        }
        sb.append(n > 0 ? " \n" : "\n");
        for (int c = 0; c < n; c++) {
            sb.append(c == 0 ? "" : "+").append("-".repeat(width[c] + 2));
        }
        sb.append('\n');
        for (String[] r : rows) {
            for (int c = 0; c < n; c++) {
                String v = r[c] == null ? "" : r[c];
                String padding = " ".repeat(width[c] - displayWidth(v));
                sb.append(c == 0 ? " " : " | ");
                if (numeric.get(c)) {
                    sb.append(padding).append(v);
                } else {
                    sb.append(v).append(c == n - 1 ? "" : padding);
                }
            }
            sb.append('\n');
        }
        sb.append(rows.size() == 1 ? "(1 row)" : "(" + rows.size() + " rows)").append("\n\n");
        return sb.toString();
    }

    static String expanded(List<String> names, List<String[]> rows) {
        if (rows.isEmpty()) {
            return "(0 rows)\n\n";
        }
        int nameWidth = names.stream().mapToInt(ResultPrinter::displayWidth).max().orElse(0);
        int valueWidth = 0;
        for (String[] r : rows) {
            for (String v : r) {
                valueWidth = Math.max(valueWidth, displayWidth(v == null ? "" : v));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String header = "-[ RECORD " + (i + 1) + " ]";
            int total = nameWidth + 3 + valueWidth;
            if (header.length() < nameWidth + 1) {
                sb.append(header).append("-".repeat(nameWidth + 1 - header.length())).append('+').append("-".repeat(valueWidth + 1));
            } else {
                sb.append(header).append("-".repeat(Math.max(0, total - header.length())));
            }
            sb.append('\n');
            String[] r = rows.get(i);
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c);
                sb.append(name).append(" ".repeat(nameWidth - displayWidth(name))).append(" | ")
                        .append(r[c] == null ? "" : r[c]).append('\n');
            }
        }
        return sb.append('\n').toString();
    }

    /** Columns a string takes on a terminal (wide East Asian characters take two). */
    static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += wide(cp) ? 2 : 1;
        }
        return w;
    }

    private static boolean wide(int cp) {
        return cp >= 0x1100 && (cp <= 0x115f || cp == 0x2329 || cp == 0x232a || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
                || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe6f)
                || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd));
    }

    /** Splits rows into the printable list (kept for symmetry with callers that stream). */
    static List<String[]> copy(List<String[]> rows) {
        return new ArrayList<>(rows);
    }
}
