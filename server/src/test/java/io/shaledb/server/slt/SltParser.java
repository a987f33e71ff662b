package io.shaledb.server.slt;

import io.shaledb.server.slt.SltRecord.Condition;
import io.shaledb.server.slt.SltRecord.SortMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a sqllogictest file into {@link SltRecord}s.
 *
 * <p>The format, as the SQLite project defines it: records are separated by blank lines; a line
 * starting with {@code #} is a comment; a record may be preceded by any number of
 * {@code skipif <db>} and {@code onlyif <db>} lines. A statement record is {@code statement ok} or
 * {@code statement error} followed by SQL lines. A query record is {@code query <types> <sort>
 * [label]} followed by SQL lines, a {@code ----} line and the expected result lines. Control
 * records are {@code hash-threshold N} and {@code halt}. Anything else is an error naming the
 * line, so a corpus the parser does not understand is noticed, not silently skipped.
 */
final class SltParser {
    private final String[] lines;
    private int next;

    private SltParser(String text) {
        this.lines = text.split("\r?\n", -1);
    }

    static List<SltRecord> parse(String text) {
        return new SltParser(text).records();
    }

    private List<SltRecord> records() {
        List<SltRecord> out = new ArrayList<>();
        while (true) {
            skipBlankAndComments();
            if (next >= lines.length) {
                return out;
            }
            List<Condition> conditions = new ArrayList<>();
            String[] words = words(lines[next]);
            while (words[0].equals("skipif") || words[0].equals("onlyif")) {
                if (words.length < 2) {
                    throw error("'" + words[0] + "' needs a database name");
                }
                conditions.add(new Condition(words[0].equals("onlyif"), words[1]));
                next++;
                skipComments();
                if (next >= lines.length) {
                    throw error("a condition is not followed by a record");
                }
                words = words(lines[next]);
            }
            int line = next + 1;
            next++;
            out.add(switch (words[0]) {
                case "statement" -> statement(line, conditions, words);
                case "query" -> query(line, conditions, words);
                case "hash-threshold" -> new SltRecord.HashThreshold(line, conditions, Integer.parseInt(words[1]));
                case "halt" -> new SltRecord.Halt(line, conditions);
                default -> throw new IllegalArgumentException("line " + line + ": unknown record '" + lines[line - 1] + "'");
            });
        }
    }

    private SltRecord statement(int line, List<Condition> conditions, String[] words) {
        if (words.length < 2 || !(words[1].equals("ok") || words[1].equals("error"))) {
            throw new IllegalArgumentException("line " + line + ": expected 'statement ok' or 'statement error'");
        }
        StringBuilder sql = new StringBuilder();
        while (next < lines.length && !lines[next].isBlank()) {
            appendLine(sql, lines[next++]);
        }
        return new SltRecord.Statement(line, List.copyOf(conditions), words[1].equals("error"), sql.toString());
    }

    private SltRecord query(int line, List<Condition> conditions, String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException("line " + line + ": 'query' needs its column types");
        }
        SortMode sort = words.length > 2 ? SortMode.parse(words[2], line) : SortMode.NOSORT;
        String label = words.length > 3 ? words[3] : null;
        StringBuilder sql = new StringBuilder();
        while (next < lines.length && !lines[next].isBlank() && !lines[next].equals("----")) {
            appendLine(sql, lines[next++]);
        }
        List<String> expected = new ArrayList<>();
        if (next < lines.length && lines[next].equals("----")) {
            next++;
            while (next < lines.length && !lines[next].isEmpty()) {
                expected.add(lines[next++]);
            }
        }
        return new SltRecord.Query(line, List.copyOf(conditions), words[1], sort, label, sql.toString(), List.copyOf(expected));
    }

    private static void appendLine(StringBuilder sql, String line) {
        if (!sql.isEmpty()) {
            sql.append('\n');
        }
        sql.append(line);
    }

    private void skipBlankAndComments() {
        while (next < lines.length && (lines[next].isBlank() || lines[next].startsWith("#"))) {
            next++;
        }
    }

    private void skipComments() {
        while (next < lines.length && lines[next].startsWith("#")) {
            next++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("line " + (next + 1) + ": " + message);
    }

    private static String[] words(String line) {
        // a trailing "# comment" after a condition ("skipif mssql # not compatible") is not a word
        int hash = line.indexOf(" #");
        String content = hash >= 0 ? line.substring(0, hash) : line;
        return content.strip().split("\\s+");
    }
}
