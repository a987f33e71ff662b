package io.shaledb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code shale} command. {@code bin/shale} builds the distribution when needed and runs this.
 */
@Command(
        name = "shale",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "ShaleDB: a durable multi-model database server.",
            "One transactional ordered key-value core; SQL over the PostgreSQL protocol."
        },
        subcommands = {ServerCommand.class, SqlCommand.class, InspectCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Quick start:", "  shale server            start on 127.0.0.1:5433 with data in ./shale-data",
            "  psql -h 127.0.0.1 -p 5433 -U shale", "  shale sql               the same without psql", "", "Run 'shale help COMMAND' for a command's options."})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line; exposed for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != 0 || !ServerCommand.isRunningServer()) {
            System.exit(exit);
        }
    }
}
