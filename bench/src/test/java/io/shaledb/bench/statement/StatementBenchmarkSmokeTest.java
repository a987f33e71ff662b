package io.shaledb.bench.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The statement benchmarks' bodies answer what they should, on a tiny data set, called directly (no JMH run). */
class StatementBenchmarkSmokeTest {

    @Test
    void statementsReturnTheirRows() {
        StatementBenchmark b = new StatementBenchmark();
        b.rows = 200;
        b.setUp();
        try {
            for (int i = 0; i < 50; i++) {
                assertThat(b.selectOne()).containsExactly(1);
                Object[] order = b.pkLookup();
                assertThat(order).hasSize(5);
                assertThat(order[3]).isInstanceOf(BigDecimal.class);
                Object[] user = b.emailLookup();
                assertThat(user).hasSize(3);
                assertThat((String) user[1]).startsWith("name");
            }
        } finally {
            b.tearDown();
        }
    }
}
