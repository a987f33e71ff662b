package io.shaledb.cli;

import io.shaledb.server.DataDirectory;
import io.shaledb.server.EngineKind;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.tree.TreeShape;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shale inspect ...}: look inside a stopped server's data directory. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Show the internal shape of a data directory (the server must be stopped).",
        subcommands = {InspectCommand.BTree.class})
final class InspectCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code shale inspect btree DATA_DIR}: the B+Tree's height, pages, fill factor and fanout. */
    @Command(name = "btree", mixinStandardHelpOptions = true,
            description = {"Show the B+Tree's height, page counts, fill factor and fanout:",
                "the O(log_B N) of a B-Tree, measured."})
    static final class BTree implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATA_DIR", description = "The server's data directory.")
        Path dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path engineDir = EngineKind.BTREE.directory(dataDir.toAbsolutePath().normalize());
            if (!Files.exists(engineDir.resolve(BTreeEngine.DATA_FILE))) {
                err.println("shale inspect btree: no B+Tree in " + dataDir + " (expected " + engineDir.resolve(BTreeEngine.DATA_FILE) + ")");
                return 1;
            }
            try (DataDirectory ignored = DataDirectory.open(dataDir); BTreeEngine engine = BTreeEngine.open(engineDir)) {
                TreeShape shape = engine.inspect();
                int pageSize = engine.options().pageSize();
                out.printf(Locale.ROOT, "B+Tree %s%n", engineDir.resolve(BTreeEngine.DATA_FILE));
                out.printf(Locale.ROOT, "  page size       %,d bytes%n", pageSize);
                out.printf(Locale.ROOT, "  entries         %,d%n", shape.entries());
                out.printf(Locale.ROOT, "  height          %d%s%n", shape.height(), heightNote(shape));
                out.printf(Locale.ROOT, "  pages           %,d (%,d leaf, %,d internal, %,d overflow, %,d free, 1 meta)%n",
                        shape.pageCount(), shape.leafPages(), shape.internalPages(), shape.overflowPages(), shape.freePages());
                out.printf(Locale.ROOT, "  file size       %,d bytes%n", (long) shape.pageCount() * pageSize);
                out.printf(Locale.ROOT, "  fill factor     %.1f %%%n", shape.fillFactor() * 100);
                out.printf(Locale.ROOT, "  average fanout  %.1f%n", shape.averageFanout());
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                err.println("shale inspect btree: " + e.getMessage());
                return 1;
            }
        }

        /** With fanout B and L leaves, a balanced tree needs 1 + ceil(log_B L) levels. */
        private static String heightNote(TreeShape shape) {
            if (shape.averageFanout() < 2 || shape.leafPages() < 2) {
                return "";
            }
            double levels = 1 + Math.log(shape.leafPages()) / Math.log(shape.averageFanout());
            return String.format(Locale.ROOT, "  (1 + log_%.0f(%,d leaves) = %.2f)", shape.averageFanout(), shape.leafPages(), levels);
        }
    }
}
