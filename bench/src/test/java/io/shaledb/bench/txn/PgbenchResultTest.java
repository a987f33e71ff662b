package io.shaledb.bench.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** pgbench 15's summary, as printed by pgbench 15.18 against ShaleDB (copied from real runs). */
class PgbenchResultTest {

    private static final String RETRIED = """
            pgbench (15.18 (Debian 15.18-0+deb12u1), server 15.0 (ShaleDB 0.1.0))
            transaction type: t.sql
            scaling factor: 1
            query mode: simple
            number of clients: 4
            number of threads: 2
            maximum number of tries: 10
            duration: 3 s
            number of transactions actually processed: 1549
            number of failed transactions: 3 (0.193%)
            number of serialization failures: 2 (0.129%)
            number of deadlock failures: 1 (0.064%)
            number of transactions retried: 589 (37.951%)
            total number of retries: 1267
            latency average = 7.743 ms (including failures)
            initial connection time = 5.445 ms
            tps = 515.566171 (without initial connection time)
            """;

    @Test
    void readsEveryCountOfARunWithFailuresAndRetries() {
        PgbenchResult r = PgbenchResult.parse(RETRIED);
        assertThat(r.processed()).isEqualTo(1549);
        assertThat(r.failed()).isEqualTo(3);
        assertThat(r.serializationFailures()).isEqualTo(2);
        assertThat(r.deadlockFailures()).isEqualTo(1);
        assertThat(r.retried()).isEqualTo(589);
        assertThat(r.retries()).isEqualTo(1267);
        assertThat(r.latencyMs()).isEqualTo(7.743);
        assertThat(r.tps()).isEqualTo(515.566171);
        // pgbench's own percentages are of committed + failed
        assertThat(r.failedPercent()).isCloseTo(0.193, within(0.001));
        assertThat(r.retriedPercent()).isCloseTo(37.951, within(0.001));
    }

    @Test
    void retryLinesAreOptionalButTheFailureCountIsNot() {
        String noRetries = """
                number of transactions actually processed: 2061
                number of failed transactions: 0 (0.000%)
                latency average = 5.815 ms
                tps = 687.817586 (without initial connection time)
                """;
        PgbenchResult r = PgbenchResult.parse(noRetries);
        assertThat(r.processed()).isEqualTo(2061);
        assertThat(r.retried()).isZero();
        assertThat(r.failedPercent()).isZero();

        // pgbench 14 and older: no failure counts, two tps lines
        String old = """
                number of transactions actually processed: 2061
                tps = 680.1 (including connections establishing)
                tps = 687.8 (excluding connections establishing)
                """;
        assertThatThrownBy(() -> PgbenchResult.parse(old)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failed transactions");
    }

    @Test
    void anAbortedRunHasNoTpsLine() {
        String aborted = """
                number of transactions actually processed: 0
                number of failed transactions: 0 (NaN%)
                number of serialization failures: 0 (NaN%)
                number of deadlock failures: 0 (NaN%)
                number of transactions retried: 0 (NaN%)
                total number of retries: 0
                """;
        assertThatThrownBy(() -> PgbenchResult.parse(aborted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tps line");
    }

    @Test
    void readsTheMajorVersion() {
        assertThat(Pgbench.majorVersion("pgbench (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)")).isEqualTo(15);
        assertThat(Pgbench.majorVersion("pgbench (PostgreSQL) 9.6.24")).isEqualTo(9);
        assertThat(Pgbench.majorVersion("something else")).isEqualTo(-1);
    }
}
