package io.shaledb.cli.shell;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The shell's engine, independent of where lines come from (a JLine terminal, stdin or
 * {@code -c}): it groups lines into statements, runs them over one pgjdbc connection in the
 * simple query protocol, and prints results, notices and errors as psql does. Meta-commands:
 * {@code \q}, {@code \timing}, {@code \x}, {@code \d}, {@code \dt}, {@code \d NAME}, {@code \?}.
 */
public final class Shell {
    private final Connection connection;
    private final PrintWriter out;
    private final StatementBuffer buffer = new StatementBuffer();
    private boolean timing;
    private boolean expanded;
    private boolean quit;
    private boolean failed;

    public Shell(Connection connection, PrintWriter out) {
        this.connection = connection;
        this.out = out;
    }

    /** Whether {@code \q} was given. */
    public boolean quit() {
        return quit;
    }

    /** Whether any statement failed (the exit status of a script run). */
    public boolean failed() {
        return failed;
    }

    /** Whether a statement is pending (for the continuation prompt). */
    public boolean continuing() {
        return buffer.hasPending() || buffer.openQuote() != 0;
    }

    /** The quote or comment still open at the end of the last line (psql shows it in the prompt), or 0. */
    public char openQuote() {
        return buffer.openQuote();
    }

    /** Feeds one input line: runs a meta-command at once, and every statement the line completes. */
    public void line(String line) {
        if (!continuing() && line.stripLeading().startsWith("\\")) {
            meta(line.strip());
            return;
        }
        for (String sql : buffer.add(line)) {
            run(sql);
            if (quit) {
                return;
            }
        }
    }

    /** End of input: a statement without its final semicolon still runs, as in psql. */
    public void end() {
        String rest = buffer.drain();
        if (!rest.isEmpty()) {
            run(rest);
        }
    }

    /** Runs one SQL string (several statements allowed) as {@code -c} does. */
    public void run(String sql) {
        long start = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            boolean isResult = st.execute(sql);
            List<String> tags = Tags.of(sql);
            int index = 0;
            while (true) {
                printWarnings(st.getWarnings());
                st.clearWarnings();
                String tag = index < tags.size() ? tags.get(index) : "";
                if (isResult) {
                    try (ResultSet rs = st.getResultSet()) {
                        printResult(rs);
                    }
                } else {
                    int count = st.getUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    out.println(Tags.complete(tag, count));
                }
                index++;
                isResult = st.getMoreResults();
            }
        } catch (SQLException e) {
            failed = true;
            printError(e);
        }
        if (timing) {
            out.printf(Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - start) / 1e6);
        }
        out.flush();
    }

    private void printResult(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
            names.add(md.getColumnLabel(c));
            numeric.add(isNumeric(md.getColumnType(c)));
        }
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
            String[] row = new String[n];
            for (int c = 1; c <= n; c++) {
                row[c - 1] = md.getColumnType(c) == Types.BIT || md.getColumnType(c) == Types.BOOLEAN
                        ? bool(rs.getString(c)) : rs.getString(c);
            }
            rows.add(row);
        }
        out.print(expanded ? ResultPrinter.expanded(names, rows) : ResultPrinter.table(names, numeric, rows));
    }

    /** pgjdbc turns booleans into "true"/"false"; psql shows PostgreSQL's t/f. */
    private static String bool(String v) {
        return v == null ? null : v.equals("true") ? "t" : v.equals("false") ? "f" : v;
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.DOUBLE,
                 Types.FLOAT, Types.TINYINT -> true;
            default -> false;
        };
    }

    private void printWarnings(SQLWarning w) {
        for (; w != null; w = w.getNextWarning()) {
            out.println(w.getMessage().startsWith("NOTICE:") || w.getMessage().startsWith("WARNING:")
                    ? w.getMessage() : "NOTICE:  " + w.getMessage());
        }
    }

    /** {@code ERROR:  42P01: relation "x" does not exist} with DETAIL and HINT lines (psql's verbose form). */
    private void printError(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            out.println((m.getSeverity() == null ? "ERROR" : m.getSeverity()) + ":  " + m.getSQLState() + ": " + m.getMessage());
            if (m.getDetail() != null) {
                out.println("DETAIL:  " + m.getDetail());
            }
            if (m.getHint() != null) {
                out.println("HINT:  " + m.getHint());
            }
            return;
        }
        out.println("ERROR:  " + (e.getSQLState() == null ? "" : e.getSQLState() + ": ") + e.getMessage());
    }

    // ------------------------------------------------------------------ meta-commands

    private void meta(String command) {
        String[] words = command.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "\\q" -> quit = true;
            case "\\timing" -> {
                timing = arg.isEmpty() ? !timing : arg.equals("on");
                out.println("Timing is " + (timing ? "on." : "off."));
            }
            case "\\x" -> {
                expanded = arg.isEmpty() ? !expanded : arg.equals("on");
                out.println("Expanded display is " + (expanded ? "on." : "off."));
            }
            case "\\d", "\\d+" -> {
                if (arg.isEmpty()) {
                    Describe.relations(this, false);
                } else {
                    Describe.table(this, arg);
                }
            }
            case "\\dt", "\\dt+" -> Describe.relations(this, true);
            case "\\?" -> out.print("""
                    General
                      \\q                     quit
                      \\timing [on|off]       toggle timing of commands
                      \\x [on|off]            toggle expanded output
                    Informational
                      \\d                     list tables, views and sequences
                      \\dt                    list tables
                      \\d NAME                describe table, view or sequence
                    """);
            default -> {
                failed = true;
                out.println("invalid command " + words[0]);
                out.println("Try \\? for help.");
            }
        }
        out.flush();
    }

    Connection connection() {
        return connection;
    }

    PrintWriter out() {
        return out;
    }

    /** Prints a query's result as a table with {@code title} above it, as psql's describe commands do. */
    void printTitled(String title, List<String> names, List<Boolean> numeric, List<String[]> rows) {
        if (rows.isEmpty() && title.startsWith("List of")) {
            out.println("Did not find any relations.");
            return;
        }
        String table = expanded ? ResultPrinter.expanded(names, rows) : ResultPrinter.table(names, numeric, rows);
        if (!title.startsWith("List of") && !expanded) {
            table = table.substring(0, table.lastIndexOf('(')) + "\n"; // psql's \d NAME has no row count
        }
        int width = table.indexOf('\n');
        int pad = Math.max(0, (width - ResultPrinter.displayWidth(title)) / 2);
        out.println(" ".repeat(pad) + title);
        out.print(table);
    }

    void error(SQLException e) {
        failed = true;
        printError(e);
    }
}
