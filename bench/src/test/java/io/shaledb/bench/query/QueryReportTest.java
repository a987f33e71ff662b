package io.shaledb.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryReportTest {

    @Test
    void smallSpeedRatiosKeepTwoSignificantDigits() {
        assertThat(QueryReport.speed(0.4321)).isEqualTo("0.43×");
        assertThat(QueryReport.speed(1.5)).isEqualTo("1.50×");
        assertThat(QueryReport.speed(0.0123)).isEqualTo("0.012×");
        assertThat(QueryReport.speed(0.000456)).isEqualTo("0.00046×");
    }

    @Test
    void millisecondsHaveAboutThreeSignificantDigits() {
        assertThat(QueryReport.millis(123.4)).isEqualTo("0.123");
        assertThat(QueryReport.millis(1_234)).isEqualTo("1.23");
        assertThat(QueryReport.millis(12_345)).isEqualTo("12.3");
        assertThat(QueryReport.millis(1_234_567)).isEqualTo("1,235");
    }
}
