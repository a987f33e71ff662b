package io.shaledb.server.slt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the runner: every record of the selected files must pass on a real PostgreSQL 15, as
 * issue 6 says they all do. A failure here is a runner bug (or a PostgreSQL difference the runner
 * must learn), never a ShaleDB one. One dynamic test per file; the per-file table goes to the log
 * and to target/slt/postgresql.md.
 */
class SltPostgresTest {
    private static final Logger log = LoggerFactory.getLogger(SltPostgresTest.class);
    private static final List<SltOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private static SltTarget target;

    @BeforeAll
    static void startPostgres() throws IOException {
        Optional<PostgresPeer> peer = PostgresPeer.startIfAvailable();
        peer.ifPresent(p -> target = SltTarget.postgres(p));
    }

    @AfterAll
    static void stopAndReport() throws IOException {
        if (target != null) {
            target.close();
        }
        if (!outcomes.isEmpty()) {
            String table = SltReport.table(outcomes);
            log.info("sqllogictest on PostgreSQL:\n{}", table);
            Files.createDirectories(SltSelection.reportDir());
            Files.writeString(SltSelection.reportDir().resolve("postgresql.md"), table);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordPassesOnPostgres() {
        return SltSelection.files().stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            assumeTrue(target != null, "PostgreSQL is not installed: " + PostgresPeer.whatIsMissing().orElse("?"));
            SltOutcome outcome = SltSuite.runFile(target, file, SltSelection.queryTimeoutSeconds());
            outcomes.add(outcome);
            if (outcome.failed() > 0) {
                throw new AssertionError(outcome.failed() + " of " + outcome.executed() + " records of " + file
                        + " failed on PostgreSQL, which means the runner is wrong:\n"
                        + outcome.failures().stream().limit(10).map(SltOutcome.Failure::describe).collect(Collectors.joining("\n")));
            }
        }));
    }
}
