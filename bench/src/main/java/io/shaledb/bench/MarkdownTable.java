package io.shaledb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A GitHub-flavoured markdown table with padded columns. In a numeric table (the default) the
 * first column is left-aligned and the others right-aligned (or the first {@link #leftColumns n});
 * in a {@link #text text} table all are left-aligned.
 */
public final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean numeric;
    private int leftColumns = 1;

    public MarkdownTable(String... header) {
        this(true, header);
    }

    private MarkdownTable(boolean numeric, String... header) {
        this.header = List.of(header);
        this.numeric = numeric;
    }

    /** A table whose columns are all left-aligned text. */
    public static MarkdownTable text(String... header) {
        return new MarkdownTable(false, header);
    }

    /** Left-aligns the first {@code n} columns of a numeric table (labels), right-aligns the rest. */
    public MarkdownTable leftColumns(int n) {
        this.leftColumns = n;
        return this;
    }

    public MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    public String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(3, header.get(c).length());
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            boolean right = numeric && c >= leftColumns;
            sb.append(right ? ' ' + "-".repeat(width[c] - 1) + ": |" : ' ' + "-".repeat(width[c]) + " |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < width.length; c++) {
            String s = cells.get(c);
            String pad = " ".repeat(width[c] - s.length());
            sb.append(' ').append(numeric && c >= leftColumns ? pad + s : s + pad).append(" |");
        }
        sb.append('\n');
    }

    /** {@code 1234567.8} as {@code "1,234,568"}. */
    public static String count(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** A ratio as {@code "1.23×"}. */
    public static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f×", v);
    }
}
