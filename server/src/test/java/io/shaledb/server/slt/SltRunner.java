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
    private final List<Failure> failures = new ArrayList<>();
    private static final Pattern MISSING_RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");
    /** The relation a statement creates or changes: what a later query sees wrongly if it failed. */
    private static final Pattern TARGET = Pattern.compile(
            "(?is)\\s*(?:INSERT\\s+INTO|CREATE\\s+TABLE|CREATE\\s+VIEW|UPDATE|DELETE\\s+FROM|DROP\\s+TABLE)\\s+([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern CREATE_VIEW = Pattern.compile("(?is)\\s*CREATE\\s+VIEW\\s+([A-Za-z_][A-Za-z0-9_]*)");

    /** Failed statements that created or changed a relation, by that relation (lower case), first failure kept. */
    private final Map<String, Failure> failedTargets = new HashMap<>();
    /** Views created so far, by name (lower case): a query over a view also reads what the view reads. */
    private final Map<String, String> viewDefinitions = new HashMap<>();
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
            Matcher view = CREATE_VIEW.matcher(sql);
            if (view.lookingAt()) {
                viewDefinitions.put(view.group(1).toLowerCase(Locale.ROOT), sql);
            }
            if (s.expectError()) {
                fail(new Failure(file, s.line(), Kind.STATEMENT_ACCEPTED, s.sql(), null,
                        "the statement succeeded but should have failed", List.of(), List.of(), null));
            } else {
                passed++;
            }
        } catch (SQLException e) {
            if (s.expectError()) {
                passed++;
            } else {
                Failure f = new Failure(file, s.line(), Kind.STATEMENT_ERROR, sql, e.getSQLState(), message(e), List.of(),
                        List.of(), null);
                fail(f);
                Matcher target = TARGET.matcher(sql);
                if (target.lookingAt()) {
                    failedTargets.putIfAbsent(target.group(1).toLowerCase(Locale.ROOT), f);
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
                    likelyCause(q.sql(), message(e))));
            return;
        }
        List<String> actual = SltValues.isHashed(q.expected()) ? List.of(SltValues.hashLine(values)) : values;
        if (!actual.equals(q.expected())) {
            fail(new Failure(file, q.line(), Kind.WRONG_RESULT, q.sql(), null, "wrong result", q.expected(),
                    SltValues.render(values, hashThreshold), likelyCause(q.sql(), "")));
            return;
        }
        if (q.label() != null) {
            String hash = SltValues.hashLine(values);
            String earlier = labelHashes.putIfAbsent(q.label(), hash);
            if (earlier != null && !earlier.equals(hash)) {
                fail(new Failure(file, q.line(), Kind.LABEL_MISMATCH, q.sql(), null,
                        "label " + q.label() + " produced other values before", List.of(earlier), List.of(hash),
                        likelyCause(q.sql(), "")));
                return;
            }
        }
        passed++;
    }

    /**
     * The failed statement a query's failure most likely follows from: for "relation x does not
     * exist" the failed statement that should have created x; otherwise the first failed statement
     * that should have created or changed a relation the query names, directly or through the views
     * it reads. Null when there is none: then the failure is the query's own.
     */
    private Failure likelyCause(String querySql, String message) {
        if (failedTargets.isEmpty()) {
            return null;
        }
        Matcher missing = MISSING_RELATION.matcher(message);
        if (missing.find()) {
            return failedTargets.get(missing.group(1).toLowerCase(Locale.ROOT));
        }
        Failure first = null;
        java.util.Deque<String> sqls = new java.util.ArrayDeque<>(List.of(querySql));
        java.util.Set<String> seenViews = new java.util.HashSet<>();
        while (!sqls.isEmpty()) {
            for (String word : sqls.pop().toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")) {
                Failure f = failedTargets.get(word);
                if (f != null && (first == null || f.line() < first.line())) {
                    first = f;
                }
                String definition = viewDefinitions.get(word);
                if (definition != null && seenViews.add(word)) {
                    sqls.push(definition);
                }
            }
        }
        return first;
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
