package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.testkit.history.CheckReport;
import io.shaledb.testkit.history.ListAppendWorkload;
import io.shaledb.testkit.history.Txn;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ShaleDB's isolation levels, checked from the outside: concurrent clients run random list-append
 * transactions over pgjdbc against a server in this JVM, and the recorded history must be
 * serializable at SERIALIZABLE and snapshot-isolated at REPEATABLE READ, on both durable engines.
 *
 * <p>Each run takes {@code -Dhistory.seconds} seconds (default 2) with {@code -Dhistory.clients}
 * clients (default 6); {@code -Dhistory.seconds=60 -Dhistory.clients=8} is a soak.
 * {@code -Dhistory.seed} replays the clients' random choices (the interleaving is the machine's). See {@link PostgresHistoryCheckTest} for the same workload against PostgreSQL, which
 * shows that the checker does catch real anomalies.
 */
class HistoryCheckTest {

    /** Fewer committed transactions than this means the run proved little. */
    static final int MIN_COMMITTED = 50;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "BTREE, SERIALIZABLE",
        "LSM,   SERIALIZABLE",
        "BTREE, REPEATABLE READ",
        "LSM,   REPEATABLE READ",
    })
    void historiesMeetTheIsolationLevel(EngineKind engine, String isolation) throws Exception {
        ServerConfig config = ServerConfig.defaults().withDataDir(tmp.resolve("data")).withPgPort(0).withEngine(engine);
        try (ShaleServer server = ShaleServer.start(config)) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale?preferQueryMode=simple";
            ListAppendWorkload.Result result = run(() -> DriverManager.getConnection(url, "shale", ""), isolation);
            CheckReport report = isolation.equals("SERIALIZABLE") ? result.checkSerializable() : result.checkSnapshotIsolation();
            System.out.println(result + "\n" + report);
            assertWorkloadRan(result);
            report.assertValid();
        }
    }

    /** Runs the workload with the test defaults and the system-property overrides. */
    static ListAppendWorkload.Result run(ListAppendWorkload.ConnectionFactory connections, String isolation) throws Exception {
        ListAppendWorkload.Config config = ListAppendWorkload.Config.defaults(isolation)
                .withClients(Integer.getInteger("history.clients", 6))
                .withDuration(Duration.ofSeconds(Long.getLong("history.seconds", 2)))
                .withSeed(Long.getLong("history.seed", new Random().nextLong()));
        ListAppendWorkload workload = new ListAppendWorkload(connections, config);
        workload.setUp();
        return workload.run();
    }

    /** Only contention errors are allowed, and enough must commit for the check to mean something. */
    static void assertWorkloadRan(ListAppendWorkload.Result result) {
        assertThat(result.unexpectedErrorCount()).as("errors other than 40001/40P01 in %s", result).isZero();
        assertThat(result.count(Txn.Outcome.COMMITTED)).as("committed transactions in %s", result).isGreaterThanOrEqualTo(MIN_COMMITTED);
    }
}
