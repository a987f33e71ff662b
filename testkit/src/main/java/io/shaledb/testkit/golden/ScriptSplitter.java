package io.shaledb.testkit.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a script into blocks the way psql reads a file: a block ends at the end of a line on which
 * a semicolon closed a statement outside quotes, comments and parentheses. A line holding
 * {@code SELECT 1; SELECT 2;} is one block and is sent as one query string (one simple-query
 * message), which is how the golden tests exercise multi-statement strings.
 */
public final class ScriptSplitter {

    /**
     * One block of a script.
     *
     * @param echo the script lines exactly as written, including leading comments and blank lines
     * @param query the text to execute: {@code echo} without leading blank and comment-only lines;
     *     empty when the block holds only comments (a trailing block at end of file)
     * @param firstLine the 1-based script line number of the block's first line
     */
    public record Block(String echo, String query, int firstLine) {}

    private ScriptSplitter() {}

    public static List<Block> split(String script) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = script.split("\n", -1);
        int count = script.endsWith("\n") ? lines.length - 1 : lines.length;
        StringBuilder echo = new StringBuilder();
        StringBuilder query = new StringBuilder();
        int firstLine = 1;
        Scanner state = new Scanner();
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            if (echo.isEmpty()) {
                firstLine = i + 1;
            }
            echo.append(line).append('\n');
            boolean blankOrComment = line.isBlank() || line.strip().startsWith("--");
            if (query.isEmpty() && blankOrComment && state.isClean()) {
                continue;
            }
            query.append(line).append('\n');
            if (state.scanLine(line + "\n")) {
                blocks.add(new Block(echo.toString(), stripTrailingNewline(query), firstLine));
                echo.setLength(0);
                query.setLength(0);
            }
        }
        if (!echo.isEmpty()) {
            blocks.add(new Block(echo.toString(), stripTrailingNewline(query), firstLine));
        }
        return blocks;
    }

    private static String stripTrailingNewline(StringBuilder sb) {
        String s = sb.toString();
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** Tracks quotes, comments and parentheses across lines. */
    private static final class Scanner {
        private boolean inString;
        /** The open string is an escape string ({@code E'...'}): a backslash quotes the next character. */
        private boolean escapeString;
        private boolean inIdent;
        private int commentDepth;
        private int parens;
        /** The open dollar quote's delimiter ({@code $$}, {@code $body$}), or null. */
        private String dollarTag;

        boolean isClean() {
            return !inString && !inIdent && commentDepth == 0 && parens == 0 && dollarTag == null;
        }

        /** The dollar-quote delimiter starting at {@code i} ({@code $tag$}, tag an identifier or empty), or null. */
        private static String dollarTagAt(String line, int i) {
            if (i > 0 && (Character.isLetterOrDigit(line.charAt(i - 1)) || line.charAt(i - 1) == '_')) {
                return null; // part of an identifier such as a$b
            }
            int j = i + 1;
            while (j < line.length() && (Character.isLetter(line.charAt(j)) || line.charAt(j) == '_'
                    || (j > i + 1 && Character.isDigit(line.charAt(j))))) {
                j++;
            }
            return j < line.length() && line.charAt(j) == '$' ? line.substring(i, j + 1) : null;
        }

        /** Scans one line; true when a top-level statement-ending semicolon occurred on it. */
        boolean scanLine(String line) {
            boolean ended = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                char next = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
                if (dollarTag != null) {
                    if (line.startsWith(dollarTag, i)) {
                        i += dollarTag.length() - 1;
                        dollarTag = null;
                    }
                } else if (commentDepth > 0) {
                    if (c == '*' && next == '/') {
                        commentDepth--;
                        i++;
                    } else if (c == '/' && next == '*') {
                        commentDepth++;
                        i++;
                    }
                } else if (inString) {
                    if (escapeString && c == '\\') {
                        i++;
                    } else if (c == '\'') {
                        inString = false; // '' re-enters on the next char
                    }
                } else if (inIdent) {
                    if (c == '"') {
                        inIdent = false;
                    }
                } else if (c == '-' && next == '-') {
                    break;
                } else if (c == '/' && next == '*') {
                    commentDepth++;
                    i++;
                } else if (c == '$' && dollarTagAt(line, i) != null) {
                    dollarTag = dollarTagAt(line, i);
                    i += dollarTag.length() - 1;
                } else if (c == '\'') {
                    inString = true;
                    escapeString = i > 0 && (line.charAt(i - 1) == 'E' || line.charAt(i - 1) == 'e')
                            && (i < 2 || !(Character.isLetterOrDigit(line.charAt(i - 2)) || line.charAt(i - 2) == '_'));
                } else if (c == '"') {
                    inIdent = true;
                } else if (c == '(') {
                    parens++;
                } else if (c == ')') {
                    parens = Math.max(0, parens - 1);
                } else if (c == ';' && parens == 0) {
                    ended = true;
                }
            }
            return ended && isClean();
        }
    }
}
