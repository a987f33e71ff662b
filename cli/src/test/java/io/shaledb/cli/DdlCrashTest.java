package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.server.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactional DDL through kill -9: a client runs DDL transactions (CREATE + INSERT + ALTER ADD
 * COLUMN in one block, TRUNCATE, DROP, ALTER DROP COLUMN) and, beside them, blocks that are left
 * open or rolled back; the server is killed at a random moment and restarted. Every acknowledged
 * DDL must be there in full, nothing uncommitted may appear, and the one statement in flight when
 * the kill landed must have happened entirely or not at all — never a table without its rows or
 * its added column. Each table also comes with a schema {@code sc_<table>} and a view
 * {@code sc_<table>.vw} over it, created in the same transaction: the view exists exactly while
 * its table does (DROP TABLE ... CASCADE takes it along) and always counts the table's rows.
 *
 * <p>{@code -Dshaledb.crash.cycles=N} sets the number of kill/restart cycles (here a fifth of it,
 * at least 4: each cycle runs whole DDL transactions, not single inserts).
 */
class DdlCrashTest {
    private static final Logger log = LoggerFactory.getLogger(DdlCrashTest.class);
    private static final int ROWS = 5;

    @TempDir
    Path tmp;

    /** What a committed table must look like. */
    private record Expected(int rows, boolean hasW, boolean hasV) {}

    /** The statement block in flight when the server died, and the two states it may have left. */
    private record InFlight(String table, Expected ifCommitted, Expected ifNot) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"btree", "lsm"})
    void committedDdlSurvivesAndUncommittedNeverHalfAppears(String engine) throws Exception {
        int cycles = Math.max(4, Integer.getInteger("shaledb.crash.cycles", 50) / 5);
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log.info("DDL crash test on {}: {} cycles, seed {}", engine, cycles, seed);
        Map<String, Expected> committed = new HashMap<>();
        int[] next = {0};
        try (ServerProcess server = ServerProcess.builder(tmp.resolve("data")).args("--engine", engine).start()) {
            for (int cycle = 0; cycle < cycles; cycle++) {
                AtomicReference<InFlight> inFlight = new AtomicReference<>();
                Thread worker = Thread.ofPlatform().start(() -> ddlUntilKilled(server, random.nextLong(), committed, inFlight, next));
                Thread.sleep(100 + random.nextInt(400));
                server.kill();
                worker.join(30_000);
                server.restart();
                verify(server, committed, inFlight.get(), "seed " + seed + ", after kill " + (cycle + 1));
            }
            server.stop();
        }
        assertThat(committed).as("the test committed some DDL").isNotEmpty();
    }

    /**
     * Sequences are reserved ahead durably: after kill -9 a sequence continues after everything it
     * may have handed out, so no acknowledged value is ever returned again (values may be skipped).
     */
    @org.junit.jupiter.api.Test
    void sequenceValuesAreNeverReissuedAfterKill() throws Exception {
        int cycles = Math.max(4, Integer.getInteger("shaledb.crash.cycles", 50) / 5);
        long seed = Long.getLong("shaledb.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (ServerProcess server = ServerProcess.builder(tmp.resolve("seq")).start()) {
            try (Connection c = connect(server); Statement st = c.createStatement()) {
                st.execute("CREATE SEQUENCE s; CREATE TABLE ser (id serial PRIMARY KEY, n int)");
            }
            for (int cycle = 0; cycle < cycles; cycle++) {
                List<Thread> clients = new ArrayList<>();
                List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int w = 0; w < 2; w++) {
                    clients.add(Thread.ofPlatform().start(() -> {
                        try (Connection c = connect(server); Statement st = c.createStatement()) {
                            while (true) {
                                try (ResultSet rs = st.executeQuery("SELECT nextval('s')")) {
                                    rs.next();
                                    if (!seen.add(rs.getLong(1))) {
                                        duplicates.add("nextval returned " + rs.getLong(1) + " twice");
                                    }
                                }
                                st.execute("INSERT INTO ser (n) VALUES (1)"); // SERIAL: a duplicate id would fail 23505
                            }
                        } catch (SQLException expectedWhenKilled) {
                            // the server died under us
                        }
                    }));
                }
                Thread.sleep(100 + random.nextInt(300));
                server.kill();
                for (Thread t : clients) {
                    t.join(30_000);
                }
                server.restart();
                assertThat(duplicates).as("seed %d, kill %d", seed, cycle + 1).isEmpty();
            }
            try (Connection c = connect(server); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT nextval('s')")) {
                rs.next();
                assertThat(seen).as("after the last restart, seed %d", seed).doesNotContain(rs.getLong(1));
            }
            server.stop();
        }
        assertThat(seen).as("the test drew values").isNotEmpty();
    }

    /** Runs DDL transactions until the connection dies; {@code committed} is updated only after an acknowledgement. */
    private static void ddlUntilKilled(ServerProcess server, long seed, Map<String, Expected> committed,
                                       AtomicReference<InFlight> inFlight, int[] next) {
        Random random = new Random(seed);
        try (Connection c = connect(server); Statement st = c.createStatement();
                Connection other = connect(server); Statement open = other.createStatement()) {
            while (true) {
                String t = "d" + next[0]++;
                StringBuilder values = new StringBuilder();
                for (int i = 1; i <= ROWS; i++) {
                    values.append(i > 1 ? ", " : "").append("(").append(i).append(", 'v").append(i).append("')");
                }
                // a block left open on another connection: never committed, must never appear
                open.execute("BEGIN; CREATE TABLE junk_" + t + " (a int); INSERT INTO junk_" + t + " VALUES (1); CREATE SCHEMA junk_sc_"
                        + t + "; CREATE VIEW junk_sc_" + t + ".vw AS SELECT a FROM junk_" + t);
                inFlight.set(new InFlight(t, new Expected(ROWS, true, true), null));
                st.execute("BEGIN; CREATE TABLE " + t + " (id int PRIMARY KEY, v text); INSERT INTO " + t + " VALUES " + values
                        + "; ALTER TABLE " + t + " ADD COLUMN w int DEFAULT 7; CREATE SCHEMA sc_" + t + "; CREATE VIEW sc_" + t
                        + ".vw AS SELECT id, w FROM " + t + "; COMMIT");
                committed.put(t, new Expected(ROWS, true, true));
                inFlight.set(null);
                open.execute("ROLLBACK");
                st.execute("BEGIN; DROP TABLE " + t + "; SAVEPOINT s; ROLLBACK");
                List<String> names = new ArrayList<>(committed.keySet());
                String victim = names.get(random.nextInt(names.size()));
                Expected before = committed.get(victim);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        inFlight.set(new InFlight(victim, null, before));
                        st.execute("DROP TABLE " + victim + " CASCADE");
                        committed.remove(victim);
                    }
                    case 1 -> {
                        Expected after = new Expected(0, before.hasW(), before.hasV());
                        inFlight.set(new InFlight(victim, after, before));
                        st.execute("TRUNCATE " + victim);
                        committed.put(victim, after);
                    }
                    default -> {
                        if (before.hasV()) {
                            Expected after = new Expected(before.rows(), before.hasW(), false);
                            inFlight.set(new InFlight(victim, after, before));
                            st.execute("ALTER TABLE " + victim + " DROP COLUMN v");
                            committed.put(victim, after);
                        }
                    }
                }
                inFlight.set(null);
            }
        } catch (SQLException expectedWhenKilled) {
            // the server died under us; the statement in flight may or may not have committed
        }
    }

    private static void verify(ServerProcess server, Map<String, Expected> committed, InFlight inFlight, String context)
            throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM shale_tables")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                assertThat(t).as("uncommitted table (%s)", context).doesNotStartWith("junk_");
            }
            Map<String, Expected> expected = new HashMap<>(committed);
            if (inFlight != null) {
                boolean present = tables.contains(inFlight.table());
                Expected found = present ? describe(st, inFlight.table()) : null;
                assertThat(found).as("table %s in flight at the kill is all or nothing (%s)", inFlight.table(), context)
                        .isIn(inFlight.ifCommitted(), inFlight.ifNot());
                expected.remove(inFlight.table());
                if (found != null) {
                    expected.put(inFlight.table(), found);
                }
                // adopt the outcome, so later cycles expect what is there
                if (found == null) {
                    committed.remove(inFlight.table());
                } else {
                    committed.put(inFlight.table(), found);
                }
            }
            assertThat(tables).as("tables after restart (%s)", context).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (Map.Entry<String, Expected> e : expected.entrySet()) {
                assertThat(describe(st, e.getKey())).as("table %s (%s)", e.getKey(), context).isEqualTo(e.getValue());
                assertThat(schemaExists(st, "sc_" + e.getKey())).as("schema of %s (%s)", e.getKey(), context).isTrue();
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sc_" + e.getKey() + ".vw")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("view over %s (%s)", e.getKey(), context).isEqualTo(e.getValue().rows());
                }
            }
            for (String t : tables) {
                String base = t.startsWith("d") ? t : null;
                if (base != null) {
                    assertThat(schemaExists(st, "junk_sc_" + base)).as("uncommitted schema (%s)", context).isFalse();
                }
            }
        }
    }

    /** Whether schema {@code name} exists: creating it in a rolled-back block fails with 42P06 then. */
    private static boolean schemaExists(Statement st, String name) throws SQLException {
        try {
            st.execute("BEGIN; CREATE SCHEMA " + name + "; ROLLBACK");
            return false;
        } catch (SQLException e) {
            st.execute("ROLLBACK");
            if (!"42P06".equals(e.getSQLState())) {
                throw e;
            }
            return true;
        }
    }

    /** The table's row count and which of the optional columns it has; every w must read 7. */
    private static Expected describe(Statement st, String table) throws SQLException {
        boolean hasW;
        boolean hasV;
        int rows = 0;
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            Set<String> cols = new HashSet<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                cols.add(rs.getMetaData().getColumnName(i));
            }
            hasW = cols.contains("w");
            hasV = cols.contains("v");
            while (rs.next()) {
                rows++;
                if (hasW) {
                    assertThat(rs.getInt("w")).as("added column's value in %s", table).isEqualTo(7);
                }
            }
        }
        return new Expected(rows, hasW, hasV);
    }

    private static Connection connect(ServerProcess server) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale?preferQueryMode=simple&connectTimeout=10", "shale", "");
    }
}
