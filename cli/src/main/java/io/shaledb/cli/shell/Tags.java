package io.shaledb.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command tag psql prints after a statement without rows ({@code CREATE TABLE},
 * {@code INSERT 0 3}). pgjdbc reports only the row count, so the tag is rebuilt from the
 * statement's leading keywords: exact for the common statements, the first keyword otherwise.
 */
final class Tags {
    private static final Set<String> OBJECTS = Set.of("table", "view", "index", "sequence", "schema", "role", "user",
            "function", "procedure", "trigger", "type", "database", "extension", "domain", "materialized", "aggregate",
            "policy", "rule", "server", "collation", "tablespace", "publication", "subscription", "statistics", "operator",
            "language", "cast", "conversion", "event", "group");

    private Tags() {}

    /** One tag per statement of {@code sql} (statements split at top-level semicolons). */
    static List<String> of(String sql) {
        StatementBuffer splitter = new StatementBuffer();
        List<String> statements = new ArrayList<>();
        for (String line : sql.split("\n", -1)) {
            statements.addAll(splitter.add(line));
        }
        String rest = splitter.drain();
        if (!rest.isEmpty()) {
            statements.add(rest);
        }
        return statements.stream().map(Tags::tag).toList();
    }

    /** The tag of one statement, without its row count. */
    static String tag(String statement) {
        String[] w = statement.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ").strip()
                .toLowerCase(Locale.ROOT).split("[\\s(;]+");
        if (w.length == 0 || w[0].isEmpty()) {
            return "";
        }
        String first = w[0];
        switch (first) {
            case "create", "drop", "alter" -> {
                int i = 1;
                while (i < w.length && Set.of("or", "replace", "unique", "temp", "temporary", "unlogged", "global", "local")
                        .contains(w[i])) {
                    i++;
                }
                if (i < w.length && OBJECTS.contains(w[i])) {
                    String object = w[i].equals("user") || w[i].equals("group") ? "role"
                            : w[i].equals("materialized") ? "materialized view" : w[i];
                    return (first + " " + object).toUpperCase(Locale.ROOT);
                }
                return first.toUpperCase(Locale.ROOT);
            }
            case "start" -> {
                return "START TRANSACTION";
            }
            case "end" -> {
                return "COMMIT";
            }
            case "abort" -> {
                return "ROLLBACK";
            }
            default -> {
                return first.toUpperCase(Locale.ROOT);
            }
        }
    }

    /** The line psql prints: {@code INSERT 0 n}, {@code UPDATE n}, ..., or the bare tag. */
    static String complete(String tag, int count) {
        return switch (tag) {
            case "INSERT" -> "INSERT 0 " + count;
            case "UPDATE", "DELETE", "SELECT", "COPY", "MERGE", "MOVE", "FETCH" -> tag + " " + count;
            case "WITH" -> "INSERT 0 " + count; // a data-modifying WITH: the count is all pgjdbc tells
            default -> tag;
        };
    }
}
