package io.shaledb.sql.exec.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.ast.Statement.VacuumOption;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainOptionsTest {
    private static VacuumOption o(String name, Object value) {
        return new VacuumOption(name, value, 9);
    }

    @Test
    void defaultsFollowAnalyze() {
        ExplainOptions plain = ExplainOptions.of(List.of());
        assertThat(plain.costs()).isTrue();
        assertThat(plain.timing()).isFalse();
        assertThat(plain.summary()).isFalse();
        ExplainOptions analyze = ExplainOptions.of(List.of(o("analyze", null)));
        assertThat(analyze.timing()).isTrue();
        assertThat(analyze.summary()).isTrue();
        ExplainOptions off = ExplainOptions.of(List.of(o("analyze", "on"), o("timing", "off"), o("summary", 0), o("costs", "false")));
        assertThat(off.timing()).isFalse();
        assertThat(off.summary()).isFalse();
        assertThat(off.costs()).isFalse();
        assertThat(ExplainOptions.of(List.of(o("format", "JSON"))).json()).isTrue();
    }

    @Test
    void errorsAreThoseOfPostgres() {
        assertThatThrownBy(() -> ExplainOptions.of(List.of(o("timing", null))))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state().code()).isEqualTo("22023"))
                .hasMessage("EXPLAIN option TIMING requires ANALYZE");
        assertThatThrownBy(() -> ExplainOptions.of(List.of(o("foo", null))))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state().code()).isEqualTo("42601"))
                .hasMessage("unrecognized EXPLAIN option \"foo\"");
        assertThatThrownBy(() -> ExplainOptions.of(List.of(o("analyze", "maybe")))).hasMessage("analyze requires a Boolean value");
        assertThatThrownBy(() -> ExplainOptions.of(List.of(o("format", "xml2"))))
                .hasMessage("unrecognized value for EXPLAIN option \"format\": \"xml2\"");
        assertThatThrownBy(() -> ExplainOptions.of(List.of(o("format", "yaml"))))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state().code()).isEqualTo("0A000"));
        assertThat(ExplainOptions.of(List.of(o("timing", "off"))).timing()).isFalse(); // TIMING OFF needs no ANALYZE
    }
}
