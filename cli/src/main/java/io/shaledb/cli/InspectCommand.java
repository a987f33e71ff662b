package io.shaledb.cli;

import io.shaledb.server.DataDirectory;
import io.shaledb.server.EngineKind;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.btree.tree.TreeShape;
import io.shaledb.storage.lsm.LsmEngine;
import io.shaledb.storage.lsm.LsmInspection;
import io.shaledb.storage.lsm.LsmStats;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        subcommands = {InspectCommand.BTree.class, InspectCommand.Lsm.class})
final class InspectCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * What every inspection shares: the DATA_DIR argument, a check that the engine's files are there,
     * the data directory's lock (so a running server is never read under its feet), and one-line
     * errors with a non-zero exit code.
     */
    abstract static class EngineInspection implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATA_DIR", description = "The server's data directory.")
        Path dataDir;

        abstract EngineKind kind();

        /** The file or directory whose absence means there is no such engine in DATA_DIR. */
        abstract Path marker(Path engineDir);

        /** Opens the engine in {@code engineDir} and prints what it finds. */
        abstract void print(Path engineDir, PrintWriter out);

        @Override
        public Integer call() {
            // the engines' INFO lines (log opened, records replayed) would drown the report
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
            PrintWriter err = spec.commandLine().getErr();
            String name = "shale inspect " + kind().sqlName();
            Path engineDir = kind().directory(dataDir.toAbsolutePath().normalize());
            if (!Files.exists(marker(engineDir))) {
                err.println(name + ": no " + kind().sqlName() + " engine in " + dataDir + " (expected " + marker(engineDir) + ")");
                return 1;
            }
            try (DataDirectory ignored = DataDirectory.open(dataDir)) {
                PrintWriter out = spec.commandLine().getOut();
                print(engineDir, out);
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                err.println(name + ": " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code shale inspect btree DATA_DIR}: the B+Tree's height, pages, fill factor and fanout. */
    @Command(name = "btree", mixinStandardHelpOptions = true,
            description = {"Show the B+Tree's height, page counts, fill factor and fanout:",
                "the O(log_B N) of a B-Tree, measured."})
    static final class BTree extends EngineInspection {
        @Override
        EngineKind kind() {
            return EngineKind.BTREE;
        }

        @Override
        Path marker(Path engineDir) {
            return engineDir.resolve(BTreeEngine.DATA_FILE);
        }

        @Override
        void print(Path engineDir, PrintWriter out) {
            try (BTreeEngine engine = BTreeEngine.open(engineDir)) {
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

    /**
     * {@code shale inspect lsm DATA_DIR}: levels, files, sizes, tombstones, and the bloom filters'
     * false-positive rate observed on a probe of absent keys that fall inside the tables' ranges.
     */
    @Command(name = "lsm", mixinStandardHelpOptions = true,
            description = {"Show the LSM tree's levels, files per level, sizes and tombstones,",
                "and the bloom filters' false-positive rate observed on a probe of absent keys."})
    static final class Lsm extends EngineInspection {
        /** Absent keys probed: each is an existing key plus one byte, so it lands inside a table's range. */
        static final int PROBES = 20_000;

        @Override
        EngineKind kind() {
            return EngineKind.LSM;
        }

        @Override
        Path marker(Path engineDir) {
            return engineDir;
        }

        @Override
        void print(Path engineDir, PrintWriter out) {
            try (LsmEngine engine = LsmEngine.open(engineDir)) {
                int probed = probeAbsentKeys(engine);
                LsmInspection shape = engine.inspect();
                LsmStats stats = engine.stats();
                out.printf(Locale.ROOT, "LSM tree %s%n", engineDir);
                out.printf(Locale.ROOT, "  %-6s %6s %14s %12s %11s %14s%n", "level", "files", "bytes", "entries", "tombstones", "target bytes");
                for (LsmInspection.Level level : shape.levels()) {
                    out.printf(Locale.ROOT, "  L%-5d %6d %,14d %,12d %,11d %14s%n", level.level(), level.files().size(), level.bytes(),
                            level.entries(), level.tombstones(), level.targetBytes() == 0 ? "-" : String.format(Locale.ROOT, "%,d",
                                    level.targetBytes()));
                }
                out.printf(Locale.ROOT, "  memtable        %,d bytes (recovered from the log), %d immutable%n", shape.memtableBytes(),
                        shape.immutableMemtables());
                out.printf(Locale.ROOT, "  SSTable bytes   %,d (space amplification %.2f: all tables / deepest level)%n",
                        stats.sstBytes(), stats.spaceAmplification());
                if (probed == 0 || stats.bloomChecks() == 0) {
                    out.printf(Locale.ROOT, "  bloom filters   no probe possible (no SSTables yet)%n");
                } else {
                    out.printf(Locale.ROOT, "  bloom filters   %.2f %% false positives over %,d absent keys (%,d filter checks)%n",
                            stats.bloomFalsePositiveRate() * 100, probed, stats.bloomChecks());
                }
            }
        }

        private static int probeAbsentKeys(LsmEngine engine) {
            List<byte[]> keys = new ArrayList<>();
            try (Cursor c = engine.scan(KeyRange.all(), Direction.FORWARD)) {
                long seen = 0;
                java.util.Random random = new java.util.Random(42);
                while (c.next()) {
                    seen++;
                    // reservoir sample of PROBES keys
                    if (keys.size() < PROBES) {
                        keys.add(c.key());
                    } else {
                        long j = (long) (random.nextDouble() * seen);
                        if (j < PROBES) {
                            keys.set((int) j, c.key());
                        }
                    }
                }
            }
            int probed = 0;
            for (byte[] key : keys) {
                byte[] absent = java.util.Arrays.copyOf(key, key.length + 1);
                if (engine.get(absent) == null) {
                    probed++;
                }
            }
            return probed;
        }
    }
}
