package io.shaledb.server.diff;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.server.diff.QueryGenerator.Feature;
import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Differential test: random tables and random queries run on a real PostgreSQL 15 and on ShaleDB
 * (in this JVM), both through pgjdbc; their answers must agree. Rows are compared as text (the
 * PostgreSQL output format is the spec), as a sequence when the query orders them fully and as a
 * multiset otherwise; errors are compared by SQLSTATE.
 *
 * <pre>
 *   seed ──▶ DiffSchema (2-3 tables) ──▶ both servers
 *        └─▶ QueryGenerator ──▶ query ──┬──▶ PostgreSQL 15 ──▶ rows | SQLSTATE ─┐
 *                                       └──▶ ShaleDB ───────▶ rows | SQLSTATE ─┴─▶ equal?
 *                                                 no: shrink the query while it still differs
 * </pre>
 *
 * <p>{@code -Ddiff.queries=N} (default 300; the {@code diff} profile runs 20,000),
 * {@code -Ddiff.seed=S} (the default build fixes one, so it cannot flake; {@code random} draws one and
 * prints it; the {@code diff} profile does that), {@code -Ddiff.features=joins,subqueries,avg}
 * (the pom enables what ShaleDB has: joins and subqueries). A new schema is drawn every 100 queries.
 */
class DifferentialTest {
    private static final Logger log = LoggerFactory.getLogger(DifferentialTest.class);
    private static final int QUERIES_PER_SCHEMA = 100;
    private static final int REPORTED_MISMATCHES = 5;

    private static PostgresPeer postgres;
    private static ShaleServer shale;
    private static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        Optional<PostgresPeer> peer = PostgresPeer.startIfAvailable();
        if (peer.isEmpty()) {
            return;
        }
        postgres = peer.get();
        dataDir = Files.createTempDirectory("diff-shaledb-");
        shale = ShaleServer.start(ServerConfig.defaults().withDataDir(dataDir).withPgPort(0));
    }

    @AfterAll
    static void stop() throws IOException {
        if (shale != null) {
            shale.close();
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shaleDbAnswersLikePostgres() throws SQLException {
        assumeTrue(postgres != null, () -> "PostgreSQL is not installed: " + PostgresPeer.whatIsMissing().orElse("?"));
        String seedSpec = System.getProperty("diff.seed", "random");
        long seed = seedSpec.equals("random") ? new Random().nextLong() : Long.parseLong(seedSpec);
        int queries = Integer.getInteger("diff.queries", 300);
        Set<Feature> features = Feature.parse(System.getProperty("diff.features", ""));
        log.info("differential test: seed {} ({} queries, features {}); rerun with -Ddiff.seed={}", seed, queries, features, seed);
        Random random = new Random(seed);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int errorsAgreed = 0;
        try (Connection pg = connect(postgres.jdbcUrl("postgres"), postgres.user());
                Connection sh = connect("jdbc:postgresql://127.0.0.1:" + shale.pgPort() + "/shale", "shale")) {
            for (int done = 0; done < queries; done += QUERIES_PER_SCHEMA) {
                DiffSchema schema = DiffSchema.random(random, features.contains(Feature.TYPES));
                load(pg, schema);
                load(sh, schema);
                QueryGenerator generator = new QueryGenerator(random, schema, features);
                for (int i = 0; i < Math.min(QUERIES_PER_SCHEMA, queries - done); i++) {
                    DiffQuery q = generator.next();
                    Answer expected = Answer.of(pg, q);
                    Answer actual = Answer.of(sh, q);
                    compared++;
                    if (expected.agrees(actual, q.ordered())) {
                        errorsAgreed += expected.sqlState() != null ? 1 : 0;
                        continue;
                    }
                    if (mismatches.size() < REPORTED_MISMATCHES) {
                        DiffQuery small = shrink(pg, sh, q);
                        mismatches.add("query:     " + q.sql() + "\nminimized: " + small.sql() + "\n  postgresql: "
                                + Answer.of(pg, small) + "\n  shaledb:    " + Answer.of(sh, small) + "\n  tables:\n    "
                                + String.join(";\n    ", schema.tables().stream().flatMap(t -> t.ddl().stream()).toList()));
                    } else {
                        mismatches.add(q.sql() + "\n  postgresql: " + expected + "\n  shaledb:    " + actual);
                    }
                }
            }
        }
        log.info("differential test: {} queries compared, {} agreed ({} of them on an error), {} differed", compared,
                compared - mismatches.size(), errorsAgreed, mismatches.size());
        if (!mismatches.isEmpty()) {
            Path report = Path.of("target", "diff", "mismatches-" + seed + ".txt");
            try {
                Files.createDirectories(report.getParent());
                Files.writeString(report, String.join("\n\n", mismatches) + "\n");
            } catch (IOException e) {
                log.warn("could not write {}", report, e);
            }
            throw new AssertionError(mismatches.size() + " of " + compared + " queries differ from PostgreSQL (seed " + seed
                    + ", rerun with -Ddiff.seed=" + seed + "; all of them in server/target/diff/); the first, minimized:\n\n"
                    + String.join("\n\n", mismatches.subList(0, Math.min(REPORTED_MISMATCHES, mismatches.size()))));
        }
    }

    /** Greedily takes any one-step-simpler query that still differs, until none does. */
    private static DiffQuery shrink(Connection pg, Connection sh, DiffQuery q) throws SQLException {
        DiffQuery current = q;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (DiffQuery candidate : current.shrinks()) {
                if (!candidate.sql().equals(current.sql()) && !Answer.of(pg, candidate).agrees(Answer.of(sh, candidate), candidate.ordered())) {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    private static void load(Connection c, DiffSchema schema) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int t = 0; t < 4; t++) {
                st.execute("DROP TABLE IF EXISTS t" + t);
            }
            for (DiffSchema.Table t : schema.tables()) {
                for (String sql : t.ddl()) {
                    st.execute(sql);
                }
            }
        }
    }

    private static Connection connect(String url, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("preferQueryMode", "simple");
        Connection c = DriverManager.getConnection(url, props);
        try (Statement st = c.createStatement()) {
            st.execute("SET TimeZone = '" + DiffSchema.TIME_ZONE + "'");
        }
        return c;
    }

    /** What a server answered: rows as text, or an error's SQLSTATE and message. */
    record Answer(List<String> rows, String sqlState, String message) {
        static Answer of(Connection c, DiffQuery q) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q.sql())) {
                int n = rs.getMetaData().getColumnCount();
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        String v = rs.getString(i);
                        row.append(i > 1 ? " | " : "").append(v == null ? "NULL" : v);
                    }
                    rows.add(row.toString());
                }
                return new Answer(rows, null, null);
            } catch (SQLException e) {
                if (e.getSQLState() == null || e.getSQLState().startsWith("08")) {
                    throw e; // the connection broke: that is not an answer
                }
                return new Answer(List.of(), e.getSQLState(), e.getMessage());
            }
        }

        boolean agrees(Answer other, boolean ordered) {
            if (sqlState != null || other.sqlState != null) {
                return java.util.Objects.equals(sqlState, other.sqlState);
            }
            if (ordered) {
                return rows.equals(other.rows);
            }
            return rows.stream().sorted().toList().equals(other.rows.stream().sorted().toList());
        }

        @Override
        public String toString() {
            if (sqlState != null) {
                return "ERROR " + sqlState + ": " + message.replace('\n', ' ');
            }
            String shown = String.join("; ", rows);
            return rows.size() + " rows: " + (shown.length() > 400 ? shown.substring(0, 400) + "…" : shown);
        }
    }
}
