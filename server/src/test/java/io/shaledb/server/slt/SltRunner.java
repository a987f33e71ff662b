package io.shaledb.server.slt;

import io.shaledb.server.slt.SltOutcome.Failure;
import io.shaledb.server.slt.SltOutcome.Kind;
import io.shaledb.server.slt.SltRecord.Query;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the records of one sqllogictest file, in order, on one fresh database, and counts.
 *
 * <p>A failing record is recorded and the run goes on with the next one, as SQLite's runner does:
 * a missing feature costs the records that use it, not the rest of the file. The runner acts as the
 * database named {@link #ENGINE} for {@code skipif}/{@code onlyif}, whichever server it talks to,
 * because both servers it talks to claim to speak PostgreSQL's SQL.
 *
 * <p>Results are compared in the form the file uses: value by value, or as the
 * {@code "N values hashing to <md5>"} line. Queries carrying the same label must produce the same
 * values (compared through their hash).
 */
final class SltRunner {
    private static final Logger log = LoggerFactory.getLogger(SltRunner.class);

    /** The database name this runner answers to in {@code skipif} and {@code onlyif}. */
    static final String ENGINE = "postgresql";

    /** Gives the runner a working connection; may reconnect when the previous one broke. */
    interface ConnectionSource {
        Connection connection() throws SQLException;
    }

    private final String file;
    private final ConnectionSource source;
    private final int queryTimeoutSeconds;
    private final Map<String, String> labelHashes = new HashMap<>();
    /**
     * Statements whose failure cannot change what a later query returns: a missing index changes
     * no result, a view that was not dropped is replaced or fails on its own.
     */
    private static final Pattern INDEX_OR_VIEW_DROP =
            Pattern.compile("(?i)\\s*(CREATE\\s+(UNIQUE\\s+)?INDEX|DROP\\s+INDEX|DROP\\s+VIEW)\\b");

    private final List<Failure> failures = new ArrayList<>();
    private static final Pattern MISSING_RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");

    /** The first failed statement that may have left data or a relation missing for later queries. */
    private Failure firstFailedStatement;
    /** Every failed CREATE of the file, to find the one a "relation does not exist" error follows from. */
    private final List<Failure> failedCreates = new ArrayList<>();
    private int hashThreshold;
    private int passed;
    private int skipped;

    private SltRunner(String file, ConnectionSource source, int queryTimeoutSeconds) {
        this.file = file;
        this.source = source;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /** Runs {@code records} of {@code file}; a record that fails is counted, never thrown. */
    static SltOutcome run(String file, List<SltRecord> records, ConnectionSource source, int queryTimeoutSeconds) {
        return new SltRunner(file, source, queryTimeoutSeconds).runAll(records);
    }

    private SltOutcome runAll(List<SltRecord> records) {
        long start = System.nanoTime();
        int index = 0;
        for (; index < records.size(); index++) {
            SltRecord record = records.get(index);
            if (!record.appliesTo(ENGINE)) {
                skipped += executable(record) ? 1 : 0;
                continue;
            }
            if (record instanceof SltRecord.Halt) {
                break;
            }
            switch (record) {
                case SltRecord.HashThreshold h -> hashThreshold = h.threshold();
                case SltRecord.Statement s -> statement(s);
                case Query q -> query(q);
                case SltRecord.Halt h -> throw new AssertionError("halt ends the loop above");
            }
        }
        // everything after a halt counts as skipped
        skipped += (int) records.subList(Math.min(index + 1, records.size()), records.size()).stream()
                .filter(SltRunner::executable).count();
        return new SltOutcome(file, passed, failures.size(), skipped, List.copyOf(failures),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static boolean executable(SltRecord record) {
        return record instanceof SltRecord.Statement || record instanceof Query;
    }

    private void statement(SltRecord.Statement s) {
        String sql = s.expectError() ? s.sql() : SltDialect.adapt(s.sql());
        try (Statement st = source.connection().createStatement()) {
            st.setQueryTimeout(queryTimeoutSeconds);
            st.execute(sql);
            if (s.expectError()) {
                fail(new Failure(file, s.line(), Kind.STATEMENT_ACCEPTED, s.sql(), null,
                        "the statement succeeded but should have failed", List.of(), List.of(), firstFailedStatement));
            } else {
                passed++;
            }
        } catch (SQLException e) {
            if (s.expectError()) {
                passed++;
            } else {
                Failure f = new Failure(file, s.line(), Kind.STATEMENT_ERROR, sql, e.getSQLState(), message(e), List.of(),
                        List.of(), firstFailedStatement);
                fail(f);
                if (firstFailedStatement == null && !INDEX_OR_VIEW_DROP.matcher(sql).lookingAt()) {
                    firstFailedStatement = f;
                }
                if (sql.strip().regionMatches(true, 0, "CREATE", 0, 6)) {
                    failedCreates.add(f);
                }
            }
        }
    }

    private void query(Query q) {
        List<String> values;
        try (Statement st = source.connection().createStatement()) {
            st.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet rs = st.executeQuery(q.sql())) {
                values = SltValues.sorted(SltValues.rows(rs, q.types()), q.sort());
            }
        } catch (SQLException e) {
            fail(new Failure(file, q.line(), Kind.QUERY_ERROR, q.sql(), e.getSQLState(), message(e), q.expected(), List.of(),
                    likelyCause(message(e))));
            return;
        }
        List<String> actual = SltValues.isHashed(q.expected()) ? List.of(SltValues.hashLine(values)) : values;
        if (!actual.equals(q.expected())) {
            fail(new Failure(file, q.line(), Kind.WRONG_RESULT, q.sql(), null, "wrong result", q.expected(),
                    SltValues.render(values, hashThreshold), firstFailedStatement));
            return;
        }
        if (q.label() != null) {
            String hash = SltValues.hashLine(values);
            String earlier = labelHashes.putIfAbsent(q.label(), hash);
            if (earlier != null && !earlier.equals(hash)) {
                fail(new Failure(file, q.line(), Kind.LABEL_MISMATCH, q.sql(), null,
                        "label " + q.label() + " produced other values before", List.of(earlier), List.of(hash),
                        firstFailedStatement));
                return;
            }
        }
        passed++;
    }

    /** For "relation x does not exist", the failed CREATE of x; otherwise the first failed statement. */
    private Failure likelyCause(String message) {
        Matcher m = MISSING_RELATION.matcher(message);
        if (m.find()) {
            String relation = m.group(1).toLowerCase(Locale.ROOT);
            for (Failure create : failedCreates) {
                if (create.sql().toLowerCase(Locale.ROOT).matches("(?s).*\\b" + Pattern.quote(relation) + "\\b.*")) {
                    return create;
                }
            }
        }
        return firstFailedStatement;
    }

    private void fail(Failure f) {
        failures.add(f);
        if (log.isDebugEnabled()) {
            log.debug("{}", f.describe());
        }
    }

    /** The server's message without pgjdbc's decorations ("ERROR: ", "\n  Position: 12"). */
    private static String message(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("ERROR: ")) {
            m = m.substring("ERROR: ".length());
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
