package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.testkit.history.Anomaly;
import io.shaledb.testkit.history.CheckReport;
import io.shaledb.testkit.history.ListAppendWorkload;
import io.shaledb.testkit.peer.PostgresPeer;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history checker against the reference, a real PostgreSQL: its SERIALIZABLE must pass the
 * serializability check and its REPEATABLE READ the snapshot isolation check, while the checker
 * must catch write skew in REPEATABLE READ and read skew in READ COMMITTED histories, which shows it
 * can fail on a real database, not only on hand-built histories. Skipped, loudly, when PostgreSQL
 * is not installed.
 */
class PostgresHistoryCheckTest {

    /** Runs that look for an anomaly repeat until one is found, at most this many times. */
    private static final int ATTEMPTS = 5;

    private static PostgresPeer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        // a deadlock costs its victims deadlock_timeout (1 s by default): too long for a few-second run
        postgres = PostgresPeer.builder().setting("deadlock_timeout", "100ms").startIfAvailable().orElse(null);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void needsPostgres() {
        assumeTrue(postgres != null, () -> "SKIPPED: PostgreSQL is not installed here, the checker is not validated "
                + "against a real database: " + PostgresPeer.whatIsMissing().orElse("(unknown reason)"));
    }

    @Test
    void serializableIsSerializable() throws Exception {
        ListAppendWorkload.Result result = HistoryCheckTest.run(this::connect, "SERIALIZABLE");
        CheckReport report = result.checkSerializable();
        System.out.println(result + "\n" + report);
        HistoryCheckTest.assertWorkloadRan(result);
        assertThat(result.abortsBySqlState()).as("contention must make PostgreSQL abort some transactions").containsKey("40001");
        report.assertValid();
    }

    @Test
    void repeatableReadIsSnapshotIsolatedWithWriteSkew() throws Exception {
        CheckReport serializable = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ListAppendWorkload.Result result = HistoryCheckTest.run(this::connect, "REPEATABLE READ");
            CheckReport report = result.checkSnapshotIsolation();
            System.out.println("attempt " + attempt + ": " + result + "\n" + report);
            HistoryCheckTest.assertWorkloadRan(result);
            report.assertValid();
            serializable = result.checkSerializable();
            if (serializable.has(Anomaly.Kind.G2_ITEM)) {
                break;
            }
        }
        // snapshot isolation is not serializable: write skew, which the serializable check must see
        assertThat(serializable.violationCounts()).as("REPEATABLE READ runs must show write skew: %s", serializable)
                .containsOnlyKeys(Anomaly.Kind.G2_ITEM);
    }

    @Test
    void readCommittedIsCaught() throws Exception {
        CheckReport report = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ListAppendWorkload.Result result = HistoryCheckTest.run(this::connect, "READ COMMITTED");
            HistoryCheckTest.assertWorkloadRan(result);
            report = result.checkSnapshotIsolation();
            System.out.println("attempt " + attempt + ": " + result + "\n" + report);
            if (report.has(Anomaly.Kind.G_SINGLE)) {
                break;
            }
        }
        assertThat(report.violationCounts()).as("READ COMMITTED must show read skew or lost updates: %s", report)
                .containsKey(Anomaly.Kind.G_SINGLE);
    }

    private java.sql.Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres") + "?preferQueryMode=simple", postgres.user(), "");
    }
}
