package io.shaledb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Duration and boolean parsing; every expectation here was observed on PostgreSQL 15.18. */
class SettingValuesTest {

    private static String show(String input) {
        return SettingValues.showMillis(SettingValues.millis(input, "statement_timeout", 0, Integer.MAX_VALUE));
    }

    @ParameterizedTest(name = "''{0}'' shows as {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "0|0", "5000|5s", "1500|1500ms", "60000|1min", "3600000|1h", "86400000|1d", "172800000|2d", "90000|90s",
        "1.5s|1500ms", "1.5|2ms", "2.5|2ms", "0.5|0", "500us|0", "1500us|2ms", "2500us|2ms", "5 s|5s", " 5s |5s",
        "1min|1min", "24d|24d", "0x10|16ms", "010|8ms", "1e3|1s", "+5s|5s", "1.5min|90s", "0.0001s|0", ".5s|500ms",
        "5.s|5s", "-0|0", " 5|5ms", "5 |5ms", "1.7|2ms", "1.5ms|2ms", "2.5ms|2ms", "0.5ms|0", "-0.4|0",
        "0.000001d|0", "1.5d|36h", "1.5h|90min", "1.23456s|1235ms", "1.23456min|74s", "1.2345678h|74min",
        "2147483647|2147483647ms", "0xfs|15s", "1 min|1min", "1.5e3|1500ms",
    })
    void durationsReadAndShowLikePostgres(String input, String shown) {
        assertThat(show(input)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        // value | hint ("" for none)
        "5S|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "5sec|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "5m|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "5s5|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "1min 5|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "09|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "0x|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "1_000|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "1e|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "1.2.3|Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        "25d|Value exceeds integer range.",
        "99999999999|Value exceeds integer range.",
        "2147483648ms|Value exceeds integer range.",
        "abc|", "'  '|", "inf|", "nan|", "e5|", "+-5|", "- 5|", "1e400|", "true|",
    })
    void badDurationsFailWithPostgresHints(String input, String hint) {
        SqlException e = catchThrowableOfType(SqlException.class, () -> show(input));
        assertThat(e).isNotNull();
        assertThat(e.state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
        assertThat(e.getMessage()).isEqualTo("invalid value for parameter \"statement_timeout\": \"" + input + "\"");
        assertThat(e.hint()).isEqualTo(hint); // an empty CSV column is null: no hint
    }

    @Test
    void anEmptyDurationIsInvalidWithoutHint() {
        SqlException e = catchThrowableOfType(SqlException.class, () -> show(""));
        assertThat(e.getMessage()).isEqualTo("invalid value for parameter \"statement_timeout\": \"\"");
        assertThat(e.hint()).isNull();
    }

    @Test
    void outOfRangeDurationsNameTheRoundedValueInMilliseconds() {
        SqlException e = catchThrowableOfType(SqlException.class, () -> show("-0.6"));
        assertThat(e.getMessage()).isEqualTo("-1 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)");
        e = catchThrowableOfType(SqlException.class, () -> show("-1s"));
        assertThat(e.getMessage()).isEqualTo("-1000 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)");
        e = catchThrowableOfType(SqlException.class, () -> SettingValues.millis("0", "deadlock_timeout", 1, Integer.MAX_VALUE));
        assertThat(e.getMessage()).isEqualTo("0 ms is outside the valid range for parameter \"deadlock_timeout\" (1 .. 2147483647)");
        assertThat(e.state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({"t,true", "tr,true", "TRUE,true", "yes,true", "Y,true", "on,true", "1,true",
        "f,false", "FALSE,false", "n,false", "no,false", "of,false", "off,false", "0,false"})
    void booleanSpellings(String input, boolean expected) {
        assertThat(SettingValues.bool(input, "x")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(ignoreLeadingAndTrailingWhitespace = false, value = {
        "maybe", "o", "on ", " on", "TRUEX", "2", "-1", "0.0", "00", "''", "offf", "yess"})
    void notBooleans(String input) {
        String value = input == null ? "" : input;
        SqlException e = catchThrowableOfType(SqlException.class, () -> SettingValues.bool(value, "transaction_read_only"));
        assertThat(e.state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
        assertThat(e.getMessage()).isEqualTo("parameter \"transaction_read_only\" requires a Boolean value");
    }
}
