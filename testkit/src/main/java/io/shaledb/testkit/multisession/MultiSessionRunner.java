package io.shaledb.testkit.multisession;

import io.shaledb.testkit.multisession.SessionScript.Role;
import io.shaledb.testkit.multisession.SessionScript.Statement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SessionScript} against any PostgreSQL-protocol server and writes a psql-like
 * transcript: each line echoed, each statement followed by what the server answered.
 *
 * <p>Steps are sent in script order, each by its session's own connection and thread. A step
 * that has not finished after {@link Options#blockWait()} and that the server reports waiting
 * for a lock ({@code pg_stat_activity.wait_event_type = 'Lock'}, asked on the runner's own
 * connection) is reported blocked ({@code [T2 blocked]}) and the script goes on; a step that is
 * merely slow (a loaded machine) is waited for instead. After every later step the runner gives the blocked steps
 * up to {@link Options#settleWait()} to finish (longer while the server says one is no longer
 * waiting for a lock), and prints each one that did, in script order,
 * right there ({@code [T2 unblocked] <sql>} and its result). Locks are released by a statement
 * of another session, and a waiter that a release frees finishes within milliseconds, so where
 * a blocked step's result appears in the transcript is deterministic: right after the step that
 * freed it. The runner only waits when something is blocked.
 *
 * <p>Setup and teardown statements run on the runner's own connection; before the first teardown
 * the runner waits for blocked steps (cancelling any still stuck after {@link
 * Options#stuckTimeout()}) and closes the sessions, so open transactions end and release their
 * locks.
 */
public final class MultiSessionRunner {
    private static final Logger log = LoggerFactory.getLogger(MultiSessionRunner.class);

    /** Opens a new connection to the server under test. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;

        /**
         * pgjdbc to {@code jdbcUrl} with the simple query protocol (all ShaleDB speaks so far),
         * auto-commit on (scripts send their own BEGIN and COMMIT).
         */
        static Connector pgjdbc(String jdbcUrl, String user) {
            return () -> {
                Properties props = new Properties();
                props.setProperty("user", user);
                props.setProperty("password", "");
                props.setProperty("preferQueryMode", "simple");
                props.setProperty("ApplicationName", "multisession");
                return DriverManager.getConnection(jdbcUrl, props);
            };
        }
    }

    /**
     * How long to wait. The defaults can be changed with {@code -Dmultisession.blockWaitMillis}
     * and {@code -Dmultisession.settleWaitMillis} (on a very slow machine, where an ordinary
     * statement may take longer than the block wait and be mistaken for a blocked one).
     *
     * @param blockWait how long a step may run before it is reported blocked
     * @param settleWait how long, after each step, blocked steps get to finish
     * @param stuckTimeout how long to wait for a blocked step whose session must go on, or at the end
     */
    public record Options(Duration blockWait, Duration settleWait, Duration stuckTimeout) {
        public static Options defaults() {
            return new Options(Duration.ofMillis(Long.getLong("multisession.blockWaitMillis", 250)),
                    Duration.ofMillis(Long.getLong("multisession.settleWaitMillis", 250)), Duration.ofSeconds(10));
        }
    }

    /** Whether the script's anomaly happened, and which rule showed it. */
    public record Verdict(boolean anomaly, String rule) {
        /** The transcript's last line. */
        public String line() {
            return anomaly ? "-- verdict: anomaly (" + rule + ")" : "-- verdict: prevented";
        }
    }

    /**
     * The outcome of one run.
     *
     * @param transcript the text to compare with an expected file
     * @param verdict null when the script has no anomaly rules
     * @param outcomes the outcome of each labelled step that finished
     */
    public record Run(String transcript, Verdict verdict, Map<String, StepOutcome> outcomes) {}

    private final Connector connector;
    private final Options options;

    public MultiSessionRunner(Connector connector, Options options) {
        this.connector = connector;
        this.options = options;
    }

    public MultiSessionRunner(Connector connector) {
        this(connector, Options.defaults());
    }

    /** Runs {@code scriptText} with {@code variables} substituted (e.g. {@code level}). */
    public Run run(String scriptText, Map<String, String> variables) throws SQLException {
        SessionScript script = SessionScript.parse(scriptText, variables);
        try (Execution e = new Execution(script)) {
            for (SessionScript.Line line : script.lines()) {
                if (line instanceof Statement s) {
                    e.run(s);
                } else {
                    e.out.append(line.text()).append('\n');
                }
            }
            e.finishSessions();
            Verdict verdict = judge(script, e.outcomes);
            if (verdict != null) {
                e.out.append(verdict.line()).append('\n');
            }
            return new Run(e.out.toString(), verdict, Map.copyOf(e.outcomes));
        }
    }

    /** The verdict of {@code script}'s rules on the outcomes of its labelled steps; null without rules. */
    public static Verdict judge(SessionScript script, Map<String, StepOutcome> outcomesByLabel) {
        if (script.rules().isEmpty()) {
            return null;
        }
        return script.rules().stream().filter(r -> r.holds(outcomesByLabel)).findFirst()
                .map(r -> new Verdict(true, r.text())).orElse(new Verdict(false, null));
    }

    /** The state of one run. */
    private final class Execution implements AutoCloseable {
        final SessionScript script;
        final StringBuilder out = new StringBuilder();
        final Map<String, StepOutcome> outcomes = new HashMap<>();
        final Map<String, Session> sessions = new LinkedHashMap<>();
        /** Blocked steps in the order they were sent. */
        final Map<Statement, Future<StepOutcome>> blocked = new LinkedHashMap<>();
        Session admin;
        boolean sessionsClosed;
        boolean teardownStarted;

        Execution(SessionScript script) {
            this.script = script;
        }

        void run(Statement s) throws SQLException {
            switch (s.role()) {
                case SETUP -> {
                    echo(s);
                    out.append(runOnAdmin(s.sql()).render());
                }
                case TEARDOWN -> {
                    finishSessions();
                    teardownStarted = true;
                    echo(s);
                    out.append(runOnAdmin(s.sql()).render());
                }
                case STEP -> step(s);
            }
        }

        private void step(Statement s) throws SQLException {
            if (sessionsClosed) {
                throw new IllegalStateException("step after the sessions were closed: " + s.text());
            }
            Session session = sessions.get(s.session());
            if (session == null) {
                session = new Session(s.session(), connector.open());
                sessions.put(s.session(), session);
            }
            Statement earlier = blockedStepOf(s.session());
            if (earlier != null) {
                // the script talks to a session that is still waiting: wait longer for it first
                awaitBlocked(List.of(earlier), options.stuckTimeout());
                if (blocked.containsKey(earlier)) {
                    echo(s);
                    out.append("[").append(s.session()).append(" is still blocked: statement not sent]\n");
                    return;
                }
            }
            echo(s);
            log.debug("{}: sending {}", s.session(), s.sql());
            Future<StepOutcome> future = session.submit(s.sql());
            StepOutcome outcome = awaitUnlessLockWaiting(session, future, options.blockWait());
            List<Statement> waitingBefore = List.copyOf(blocked.keySet());
            if (outcome == null) {
                out.append("[").append(s.session()).append(" blocked]\n");
                blocked.put(s, future);
                // the block wait has passed: whatever this step freed has had time to finish
                awaitBlocked(waitingBefore, Duration.ZERO);
            } else {
                record(s, outcome);
                out.append(outcome.render());
                awaitBlocked(waitingBefore, options.settleWait());
            }
        }

        /** Waits up to {@code timeout} in total for the given blocked steps; prints each that finished. */
        private void awaitBlocked(List<Statement> steps, Duration timeout) throws SQLException {
            if (steps.isEmpty()) {
                return;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Statement s : steps) {
                long left = Math.max(0, deadline - System.nanoTime());
                await(blocked.get(s), Duration.ofNanos(left));
            }
            for (Statement s : steps) {
                Future<StepOutcome> f = blocked.get(s);
                if (!f.isDone()) {
                    // freed but slow (a loaded machine), or still waiting for a lock: ask the server which
                    awaitUnlessLockWaiting(sessions.get(s.session()), f, Duration.ZERO);
                }
                if (f.isDone()) {
                    blocked.remove(s);
                    StepOutcome outcome = await(f, Duration.ZERO).markBlocked();
                    record(s, outcome);
                    out.append("[").append(s.session()).append(" unblocked] ").append(s.sql()).append('\n');
                    out.append(outcome.render());
                }
            }
        }

        /** Before teardown: let blocked steps finish (cancel the stuck ones), then close the sessions. */
        void finishSessions() throws SQLException {
            if (sessionsClosed) {
                return;
            }
            awaitBlocked(List.copyOf(blocked.keySet()), options.stuckTimeout());
            for (Statement s : List.copyOf(blocked.keySet())) {
                log.warn("{} is still blocked {} after the last step; cancelling: {}", s.session(), options.stuckTimeout(), s.sql());
                out.append("[").append(s.session()).append(" still blocked at the end: cancelling]\n");
                sessions.get(s.session()).cancel();
            }
            awaitBlocked(List.copyOf(blocked.keySet()), options.stuckTimeout());
            if (!blocked.isEmpty()) {
                throw new IllegalStateException("steps did not finish even after a cancel request: " + blocked.keySet());
            }
            closeSessions();
        }

        private void closeSessions() throws SQLException {
            sessionsClosed = true;
            SQLException failure = null;
            for (Session s : sessions.values()) {
                try {
                    s.close();
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            sessions.clear();
            if (failure != null) {
                throw failure;
            }
        }

        /**
         * Waits {@code first} for {@code future}; if it has not finished then, keeps waiting for as
         * long as the server does not report the session waiting for a lock (up to the stuck
         * timeout). Returns the outcome, or null when the step is blocked on a lock. Timing alone
         * would mistake a statement slowed by a loaded machine for a blocked one.
         */
        private StepOutcome awaitUnlessLockWaiting(Session session, Future<StepOutcome> future, Duration first)
                throws SQLException {
            StepOutcome outcome = await(future, first);
            long deadline = System.nanoTime() + options.stuckTimeout().toNanos();
            while (outcome == null && System.nanoTime() < deadline && !lockWaiting(session)) {
                outcome = await(future, Duration.ofMillis(20));
            }
            return outcome;
        }

        private boolean lockWaiting(Session session) throws SQLException {
            if (admin == null) {
                admin = new Session("admin", connector.open());
            }
            return admin.reportsLockWait(session.backendPid());
        }

        private StepOutcome runOnAdmin(String sql) throws SQLException {
            if (admin == null) {
                admin = new Session("admin", connector.open());
            }
            StepOutcome outcome = await(admin.submit(sql), options.stuckTimeout());
            if (outcome == null) {
                throw new IllegalStateException("setup/teardown statement did not finish within " + options.stuckTimeout() + ": " + sql);
            }
            return outcome;
        }

        private Statement blockedStepOf(String session) {
            return blocked.keySet().stream().filter(b -> b.session().equals(session)).findFirst().orElse(null);
        }

        private void record(Statement s, StepOutcome outcome) {
            if (s.label() != null) {
                outcomes.put(s.label(), outcome);
            }
        }

        private void echo(Statement s) {
            out.append(s.text()).append('\n');
        }

        @Override
        public void close() throws SQLException {
            List<SQLException> failures = new ArrayList<>();
            if (!sessionsClosed) {
                // the run failed half way: stop whatever the sessions still run, then close them
                for (Session s : sessions.values()) {
                    try {
                        s.cancel();
                    } catch (SQLException e) {
                        failures.add(e);
                    }
                }
                try {
                    closeSessions();
                } catch (SQLException e) {
                    failures.add(e);
                }
            }
            if (!teardownStarted) {
                // the run failed half way: still drop what setup created, so the next script starts clean
                for (Statement s : script.statements()) {
                    if (s.role() == Role.TEARDOWN) {
                        try {
                            StepOutcome outcome = runOnAdmin(s.sql());
                            if (!outcome.succeeded()) {
                                failures.add(new SQLException("teardown after a failed run: " + s.sql() + " -> " + outcome.render()));
                            }
                        } catch (SQLException | RuntimeException e) {
                            failures.add(new SQLException("teardown after a failed run: " + s.sql(), e));
                        }
                    }
                }
            }
            if (admin != null) {
                try {
                    admin.close();
                } catch (SQLException e) {
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                SQLException first = failures.getFirst();
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        }
    }

    /** The outcome when {@code future} finishes within {@code timeout}, else null. */
    private static StepOutcome await(Future<StepOutcome> future, Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a step", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a session's thread failed", e.getCause());
        }
    }
}
