package io.shaledb.testkit.multisession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.testkit.multisession.MultiSessionRunner.Connector;
import io.shaledb.testkit.multisession.MultiSessionRunner.Options;
import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runner against a real PostgreSQL: what blocks, when it is printed, and how it is judged. */
class MultiSessionRunnerTest {
    private static PostgresPeer postgres;

    @BeforeAll
    static void start() throws IOException {
        Optional<PostgresPeer> peer = PostgresPeer.startIfAvailable();
        postgres = peer.orElse(null);
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aBlockedStepIsPrintedWhereItFinishesAndJudged() throws Exception {
        MultiSessionRunner runner = runner(Options.defaults());
        String script = """
                anomaly if @second committed
                setup: create table t (id int primary key, v int);
                setup: insert into t values (1, 10);
                A: begin isolation level {level};
                B: begin isolation level {level};
                A: update t set v = 11 where id = 1;
                B: update t set v = 12 where id = 1;  -- @blocked
                A: select v from t;
                A: commit;
                B: commit;  -- @second
                teardown: drop table t;
                """;
        MultiSessionRunner.Run run = runner.run(script, Map.of("level", "repeatable read"));
        assertThat(run.transcript()).isEqualTo("""
                anomaly if @second committed
                setup: create table t (id int primary key, v int);
                CREATE TABLE
                setup: insert into t values (1, 10);
                INSERT 0 1
                A: begin isolation level repeatable read;
                BEGIN
                B: begin isolation level repeatable read;
                BEGIN
                A: update t set v = 11 where id = 1;
                UPDATE 1
                B: update t set v = 12 where id = 1;  -- @blocked
                [B blocked]
                A: select v from t;
                 v \s
                ----
                 11
                (1 row)

                A: commit;
                COMMIT
                [B unblocked] update t set v = 12 where id = 1;
                ERROR:  40001: could not serialize access due to concurrent update
                B: commit;  -- @second
                ROLLBACK
                teardown: drop table t;
                DROP TABLE
                -- verdict: prevented
                """);
        assertThat(run.outcomes().get("blocked").blocked()).isTrue();
        assertThat(run.outcomes().get("second").lastTag()).isEqualTo("ROLLBACK");

        MultiSessionRunner.Run readCommitted = runner.run(script, Map.of("level", "read committed"));
        assertThat(readCommitted.transcript()).contains("[B unblocked] update t set v = 12 where id = 1;\nUPDATE 1\n");
        assertThat(readCommitted.verdict().line()).isEqualTo("-- verdict: anomaly (@second committed)");

        // the transcript reads back into the same outcomes, so expected files can be re-judged
        SessionScript parsed = SessionScript.parse(script, Map.of("level", "read committed"));
        assertThat(MultiSessionRunner.judge(parsed, TranscriptReader.read(parsed, readCommitted.transcript())))
                .isEqualTo(readCommitted.verdict());
        String forged = readCommitted.transcript().replace("B: commit;  -- @second\nCOMMIT", "B: commit;  -- @second\nROLLBACK");
        assertThat(MultiSessionRunner.judge(parsed, TranscriptReader.read(parsed, forged)).anomaly()).isFalse();
    }

    @Test
    void aSessionStillBlockedIsNotSentMoreAndIsCancelledAtTheEnd() throws Exception {
        MultiSessionRunner runner = runner(new Options(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(500)));
        MultiSessionRunner.Run run = runner.run("""
                setup: create table t (id int primary key);
                setup: insert into t values (1);
                A: begin;
                A: delete from t;
                B: delete from t;
                B: select 1;
                teardown: drop table t;
                """, Map.of());
        assertThat(run.transcript()).endsWith("""
                B: delete from t;
                [B blocked]
                B: select 1;
                [B is still blocked: statement not sent]
                [B still blocked at the end: cancelling]
                [B unblocked] delete from t;
                ERROR:  57014: canceling statement due to user request
                teardown: drop table t;
                DROP TABLE
                """);
        assertThat(run.verdict()).isNull();
    }

    @Test
    void aFailedRunStillTearsDown() throws Exception {
        Connector real = connector();
        AtomicInteger opened = new AtomicInteger();
        Connector failsForTheSession = () -> {
            if (opened.incrementAndGet() == 2) {
                throw new SQLException("no more connections (simulated)", "53300");
            }
            return real.open();
        };
        String script = """
                setup: create table t (id int);
                A: select 1;
                teardown: drop table t;
                """;
        assertThatThrownBy(() -> new MultiSessionRunner(failsForTheSession).run(script, Map.of()))
                .isInstanceOf(SQLException.class).hasMessageContaining("simulated");
        // the teardown ran anyway, so the same setup works again
        assertThat(new MultiSessionRunner(real).run(script, Map.of()).transcript())
                .contains("setup: create table t (id int);\nCREATE TABLE\n");
    }

    private static MultiSessionRunner runner(Options options) {
        return new MultiSessionRunner(connector(), options);
    }

    private static Connector connector() {
        assumeTrue(postgres != null, "PostgreSQL is not installed: " + PostgresPeer.whatIsMissing().orElse(""));
        return Connector.pgjdbc(postgres.jdbcUrl("postgres"), postgres.user());
    }
}
