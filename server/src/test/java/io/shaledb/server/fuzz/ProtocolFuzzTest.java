package io.shaledb.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.client.PgRawClient;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile clients against a running server for {@code fuzz.seconds} (15 s in the default build,
 * 300 s with {@code -Pfuzz}), while one well-behaved session keeps checking its own results.
 * Afterwards: the server still answers, every fuzzed session is gone from pg_stat_activity and
 * its worker thread has ended, the heap is back where it was, the well-behaved session never
 * saw a wrong answer, and no client was ever sent an internal error or a Java exception text.
 */
class ProtocolFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(ProtocolFuzzTest.class);
    private static final int FUZZERS = 3;

    @TempDir
    Path tmp;

    @Test
    void theServerSurvivesHostileClientsAndOtherSessionsKeepWorking() throws Exception {
        long seconds = Long.parseLong(System.getProperty("fuzz.seconds", "15").isBlank() ? "15" : System.getProperty("fuzz.seconds"));
        String seedText = System.getProperty("fuzz.seed", "20261126");
        long seed = seedText.isBlank() || seedText.equals("random") ? new SecureRandom().nextLong() : Long.parseLong(seedText);
        log.info("protocol fuzzer: {} s, seed {} (-Dfuzz.seed={} replays it)", seconds, seed, seed);

        ServerConfig config = new ServerConfig(tmp.resolve("data"), "127.0.0.1", 0, 1 << 20,
                ServerConfig.defaults().engine(), ServerConfig.defaults().lsmMemtableBytes());
        try (ShaleServer server = ShaleServer.start(config)) {
            int port = server.pgPort();
            try (Connection c = connect(port); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE fuzz (id int, v text)");
                s.execute("CREATE TABLE ledger (id int PRIMARY KEY, v bigint)");
            }
            // what the server logs as an error or an unexpected failure is a bug the clients may never see
            ch.qos.logback.classic.Logger shale = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.shaledb");
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                    new ch.qos.logback.core.read.ListAppender<>();
            logged.start();
            shale.addAppender(logged);
            long heapBefore = usedHeapAfterGc();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicLong streams = new AtomicLong();
            AtomicLong checks = new AtomicLong();

            Thread wellBehaved = Thread.ofPlatform().name("fuzz-well-behaved").start(() -> checkLedger(port, deadline, checks, problems));
            List<Thread> fuzzers = new ArrayList<>();
            for (int t = 0; t < FUZZERS; t++) {
                Random random = new Random(seed + t);
                fuzzers.add(Thread.ofPlatform().name("fuzz-" + t).start(() -> fuzz(port, random, deadline, streams, problems)));
            }
            for (Thread t : fuzzers) {
                t.join();
            }
            wellBehaved.join();
            log.info("protocol fuzzer: {} streams sent, {} ledger checks passed", streams.get(), checks.get());

            shale.detachAppender(logged);
            List<String> serverErrors = logged.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR)
                            || e.getLevel() == ch.qos.logback.classic.Level.WARN && !e.getLoggerName().endsWith("ProtocolFuzzTest"))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()))
                    .distinct().limit(20).toList();
            assertThat(serverErrors).as("errors and warnings the server logged (seed %d)", seed).isEmpty();
            assertThat(problems).as("problems (seed %d)", seed).isEmpty();
            assertThat(checks.get()).as("the well-behaved session made progress").isGreaterThan(10);
            // every fuzzed session ends: only the one asking is left
            try (Connection c = connect(port); Statement s = c.createStatement()) {
                long sessions = -1;
                for (int i = 0; i < 100 && sessions != 1; i++) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity")) {
                        rs.next();
                        sessions = rs.getLong(1);
                    }
                    if (sessions != 1) {
                        Thread.sleep(100);
                    }
                }
                assertThat(sessions).as("sessions left in pg_stat_activity (seed %d)", seed).isEqualTo(1);
                long workers = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("pgwire-")).count();
                assertThat(workers).as("connection worker threads still alive").isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SELECT count(*), sum(v) FROM ledger")) {
                    rs.next();
                    long n = rs.getLong(1);
                    assertThat(rs.getLong(2)).isEqualTo(n * (n + 1) / 2);
                }
            }
            long heapAfter = usedHeapAfterGc();
            log.info("protocol fuzzer: heap in use {} MiB before, {} MiB after", heapBefore >> 20, heapAfter >> 20);
            assertThat(heapAfter).as("heap in use after the run").isLessThan(heapBefore + (96L << 20));
        }
    }

    /** One fuzzing client: a new connection per stream, written in random pieces, answers drained and inspected. */
    private static void fuzz(int port, Random random, long deadline, AtomicLong streams, ConcurrentLinkedQueue<String> problems) {
        MessageStreams generator = new MessageStreams(random);
        while (System.nanoTime() < deadline && problems.size() < 5) {
            byte[] stream = generator.stream();
            streams.incrementAndGet();
            try (PgRawClient c = new PgRawClient(port, 100)) {
                if (random.nextInt(4) == 0) {
                    c.socket.setSoLinger(true, 0); // leave with a reset rather than a FIN
                }
                try {
                    for (byte[] chunk : generator.chunks(stream)) {
                        c.send(chunk);
                    }
                } catch (IOException serverClosedEarly) {
                    // the server may hang up on a broken stream before it is all written
                }
                if (random.nextInt(5) > 0) { // else leave without reading a byte of the answers
                    drain(c, stream, problems);
                }
            } catch (IOException e) {
                problems.add("could not connect: " + e);
            }
        }
    }

    /** Reads the server's answers until it goes quiet or hangs up; flags internal errors and leaked Java texts. */
    private static void drain(PgRawClient c, byte[] stream, ConcurrentLinkedQueue<String> problems) {
        for (int i = 0; i < 10_000; i++) {
            PgRawClient.Msg m;
            try {
                m = c.read();
            } catch (SocketTimeoutException | EOFException quietOrClosed) {
                return;
            } catch (IOException reset) {
                return;
            }
            if (m.type() == 'E' || m.type() == 'N') {
                var fields = m.fields();
                String message = fields.getOrDefault('M', "");
                if ("XX000".equals(fields.get('C')) || message.contains("Exception") || message.contains("java.")) {
                    problems.add(fields + " after stream " + HexFormat.of().formatHex(stream, 0, Math.min(stream.length, 2000)));
                }
            }
        }
    }

    /** The well-behaved session: inserts 1, 2, 3... and checks count and sum after each, until the deadline. */
    private static void checkLedger(int port, long deadline, AtomicLong checks, ConcurrentLinkedQueue<String> problems) {
        try (Connection c = connect(port);
                PreparedStatement insert = c.prepareStatement("INSERT INTO ledger VALUES (?, ?)");
                PreparedStatement total = c.prepareStatement("SELECT count(*), sum(v) FROM ledger WHERE id <= ?")) {
            for (long i = 1; System.nanoTime() < deadline; i++) {
                insert.setInt(1, (int) i);
                insert.setLong(2, i);
                insert.executeUpdate();
                total.setInt(1, (int) i);
                try (ResultSet rs = total.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) != i || rs.getLong(2) != i * (i + 1) / 2) {
                        problems.add("ledger after " + i + " inserts: count " + rs.getLong(1) + ", sum " + rs.getLong(2));
                        return;
                    }
                }
                checks.incrementAndGet();
            }
        } catch (SQLException e) {
            problems.add("the well-behaved session failed: " + e.getSQLState() + " " + e.getMessage());
        }
    }

    private static Connection connect(int port) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "checker");
        props.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/db", props);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
