package io.shaledb.testkit.multisession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.testkit.multisession.SessionScript.Role;
import io.shaledb.testkit.multisession.SessionScript.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionScriptTest {

    @Test
    void parsesSessionsLabelsRulesAndVariables() {
        SessionScript script = SessionScript.parse("""
                -- title
                anomaly if @r shows 1|101 2|20 and @c committed
                anomaly if @w succeeded immediately

                setup: create table t (id int);
                A: begin isolation level {level};
                B: select ';--', "a;b" from t;  -- @r the read
                A: update t set id = 1;  -- @w
                B: commit;--@c
                teardown: drop table t;
                """, Map.of("level", "serializable"));
        assertThat(script.sessions()).containsExactly("A", "B");
        List<Statement> st = script.statements();
        assertThat(st).extracting(Statement::role).containsExactly(Role.SETUP, Role.STEP, Role.STEP, Role.STEP, Role.STEP, Role.TEARDOWN);
        assertThat(st.get(1).sql()).isEqualTo("begin isolation level serializable;");
        assertThat(st.get(1).text()).isEqualTo("A: begin isolation level serializable;");
        assertThat(st.get(2).sql()).isEqualTo("select ';--', \"a;b\" from t;");
        assertThat(st).extracting(Statement::label).containsExactly(null, null, "r", "w", "c", null);
        assertThat(script.rules()).hasSize(2);
        assertThat(script.rules().getFirst().conditions()).extracting(AnomalyRule.Condition::kind)
                .containsExactly(AnomalyRule.Kind.SHOWS, AnomalyRule.Kind.COMMITTED);
        assertThat(script.rules().getFirst().conditions().getFirst().rows()).containsExactly("1|101", "2|20");
        assertThat(script.lines()).hasSize(10);
    }

    @Test
    void rejectsMalformedScriptsWithTheLine() {
        assertThatThrownBy(() -> parse("A: select 1"))
                .hasMessageContaining("line 1").hasMessageContaining("must end with ';'");
        assertThatThrownBy(() -> parse("A: select 1; select 2"))
                .hasMessageContaining("must end with ';'");
        assertThatThrownBy(() -> parse("select 1;"))
                .hasMessageContaining("expected 'session: SQL;'");
        assertThatThrownBy(() -> parse("A: select 1; -- @x\nB: select 2; -- @x"))
                .hasMessageContaining("line 2").hasMessageContaining("@x is used twice");
        assertThatThrownBy(() -> parse("setup: select 1; -- @x"))
                .hasMessageContaining("only session steps can carry a label");
        assertThatThrownBy(() -> parse("teardown: select 1;\nA: select 2;"))
                .hasMessageContaining("nothing but teardown");
        assertThatThrownBy(() -> parse("anomaly if @nope committed\nA: select 1;"))
                .hasMessageContaining("names @nope, which no step carries");
        assertThatThrownBy(() -> parse("anomaly if @x was weird\nA: select 1; -- @x"))
                .hasMessageContaining("cannot read condition [@x was weird]");
    }

    @Test
    void rulesJudgeWhatTheServerAnswered() {
        SessionScript script = parse("""
                anomaly if @r shows 1|101
                anomaly if @a committed and @b committed
                anomaly if @w succeeded immediately
                A: select 1; -- @r
                A: commit; -- @a
                B: commit; -- @b
                B: update t set x = 1; -- @w
                """);
        StepOutcome rows = new StepOutcome(List.of(new StepOutcome.Rows(List.of("id", "value"), List.of(true, true),
                List.of(new String[] {"1", "101"}, new String[] {"2", "20"}))), false);
        StepOutcome commit = new StepOutcome(List.of(new StepOutcome.Tag("COMMIT")), false);
        StepOutcome rolledBack = new StepOutcome(List.of(new StepOutcome.Tag("ROLLBACK")), false);
        StepOutcome failed = new StepOutcome(List.of(new StepOutcome.Error("40001", "could not serialize access")), false);
        StepOutcome updatedAfterWaiting = new StepOutcome(List.of(new StepOutcome.Tag("UPDATE 1")), true);

        assertThat(MultiSessionRunner.judge(script, Map.of("r", rows)).line()).isEqualTo("-- verdict: anomaly (@r shows 1|101)");
        assertThat(MultiSessionRunner.judge(script, Map.of("a", commit, "b", commit)).rule()).isEqualTo("@a committed and @b committed");
        assertThat(MultiSessionRunner.judge(script, Map.of("a", commit, "b", rolledBack)).anomaly()).isFalse();
        assertThat(MultiSessionRunner.judge(script, Map.of("a", commit, "b", failed)).anomaly()).isFalse();
        assertThat(MultiSessionRunner.judge(script, Map.of("w", updatedAfterWaiting)).line()).isEqualTo("-- verdict: prevented");
        assertThat(MultiSessionRunner.judge(script, Map.of("w", new StepOutcome(updatedAfterWaiting.results(), false))).anomaly()).isTrue();
        assertThat(MultiSessionRunner.judge(script, Map.of()).anomaly()).as("steps that never finished show nothing").isFalse();
    }

    private static SessionScript parse(String text) {
        return SessionScript.parse(text, Map.of());
    }
}
