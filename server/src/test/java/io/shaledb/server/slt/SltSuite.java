package io.shaledb.server.slt;

import io.shaledb.server.slt.SltTarget.FileDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs sqllogictest files on a target, each on a fresh database, and logs one line per file. */
final class SltSuite {
    private static final Logger log = LoggerFactory.getLogger(SltSuite.class);

    /** How long one statement or query may run before it is cancelled and counted as failed. */
    static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 30;

    private SltSuite() {}

    /** Runs one file; an error setting up its database is an exception, a failing record is not. */
    static SltOutcome runFile(SltTarget target, String file, int queryTimeoutSeconds) throws SQLException {
        List<SltRecord> records = SltParser.parse(SltCorpus.read(file));
        try (FileDatabase db = target.open(file)) {
            SltOutcome outcome = SltRunner.run(file, records, db, queryTimeoutSeconds);
            log.info("{} {}: {} passed, {} failed, {} skipped in {}", target.name(), file, outcome.passed(), outcome.failed(),
                    outcome.skipped(), seconds(outcome.elapsed()));
            return outcome;
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
