package io.shaledb.cli;

import io.shaledb.cli.shell.Shell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shale sql}: the SQL shell (see {@link io.shaledb.cli.shell}). Interactive on a terminal;
 * with {@code -c}, {@code -f} or piped input it runs the statements and exits, like psql.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Interactive SQL shell over the PostgreSQL protocol (psql-like).",
            "Runs -c commands or a -f file or piped standard input without a prompt and exits."},
        footer = {"", "Examples:", "  shale sql                                 shell on 127.0.0.1:5433 as user shale",
            "  shale sql -c 'SELECT 1'                   one command", "  shale sql < script.sql                    a script",
            "", "Meta-commands: \\q \\timing \\x \\d \\dt \\d NAME \\?  (history: ~/.shale_history)"})
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Server address (default: $PGHOST or ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "PostgreSQL protocol port (default: $PGPORT or ${DEFAULT-VALUE}).",
            defaultValue = "5433")
    int port;

    @Option(names = {"-U", "--username"}, paramLabel = "USER", description = "Role to log in as (default: $PGUSER or shale).")
    String user;

    @Option(names = {"-d", "--dbname"}, paramLabel = "DB", description = "Database name (default: ${DEFAULT-VALUE}).", defaultValue = "shale")
    String database;

    @Option(names = {"-W", "--password"}, description = "Ask for the password (else $PGPASSWORD, if set).")
    boolean askPassword;

    @Option(names = {"-c", "--command"}, paramLabel = "SQL", description = "Run this command (repeatable) and exit.")
    List<String> commands;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements in FILE and exit.")
    Path file;

    @Option(names = "--on-error-stop", description = "Stop at the first error (exit status 3), like psql's ON_ERROR_STOP.")
    boolean onErrorStop;

    @Option(names = "--history", paramLabel = "FILE", description = "History file (default: ~/.shale_history).")
    Path history;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String login = user != null ? user : envOr("PGUSER", "shale");
        String password = System.getenv("PGPASSWORD");
        boolean interactive = commands == null && file == null && System.console() != null;
        Terminal terminal = interactive ? TerminalBuilder.builder().system(true).build() : null;
        if (askPassword) {
            password = terminal != null ? LineReaderBuilder.builder().terminal(terminal).build().readLine("Password: ", '*')
                    : new String(System.console() == null ? new char[0] : System.console().readPassword("Password: "));
        }
        String h = spec.commandLine().getParseResult().hasMatchedOption("--host") ? host : envOr("PGHOST", host);
        int p = spec.commandLine().getParseResult().hasMatchedOption("--port") ? port : Integer.parseInt(envOr("PGPORT", String.valueOf(port)));
        Connection connection;
        try {
            connection = connect(h, p, database, login, password);
        } catch (SQLException e) {
            err.println("shale sql: error: connection to server at \"" + h + "\", port " + p + " failed: " + e.getMessage());
            err.flush();
            return 2;
        }
        try (connection) {
            Shell shell = new Shell(connection, out);
            if (commands != null) {
                for (String c : commands) {
                    if (c.stripLeading().startsWith("\\")) {
                        shell.line(c);
                    } else {
                        shell.run(c);
                    }
                    if (shell.failed() && onErrorStop || shell.quit()) {
                        break;
                    }
                }
                return shell.failed() ? (onErrorStop ? 3 : 1) : 0;
            }
            if (file != null) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    return script(shell, new BufferedReader(r));
                }
            }
            if (!interactive) {
                return script(shell, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            }
            return interactive(shell, terminal, out, login);
        }
    }

    private int script(Shell shell, BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            shell.line(line);
            if (shell.quit() || shell.failed() && onErrorStop) {
                return shell.failed() && onErrorStop ? 3 : 0;
            }
        }
        shell.end();
        return shell.failed() && onErrorStop ? 3 : 0;
    }

    private int interactive(Shell shell, Terminal terminal, PrintWriter out, String login) throws IOException {
        Path historyFile = history != null ? history : Path.of(System.getProperty("user.home"), ".shale_history");
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("shale")
                .variable(LineReader.HISTORY_FILE, historyFile)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is an operator, not history expansion
                .build();
        out.println("shale sql " + Version.current() + " (type \\q to quit, \\? for help)");
        out.flush();
        try {
            while (!shell.quit()) {
                char open = shell.openQuote();
                String prompt = database + (open != 0 ? String.valueOf(open) : shell.continuing() ? "-" : "=") + "> ";
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the line, as in psql
                } catch (EndOfFileException e) {
                    out.println("\\q");
                    break;
                }
                shell.line(line);
            }
        } finally {
            reader.getHistory().save();
            terminal.close();
        }
        return 0;
    }

    static Connection connect(String host, int port, String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("preferQueryMode", "simple"); // a line may hold several statements, as in psql
        props.setProperty("ApplicationName", "shale sql");
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
