package io.shaledb.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTypeTest {

    /** Expected strings taken from PostgreSQL 15 ({@code SELECT x::float8}, extra_float_digits = 1). */
    @ParameterizedTest
    @CsvSource({
        "12345678.5, 12345678.5", "0.0001, 0.0001", "0.00001, 1e-05", "1e15, 1e+15", "1e16, 1e+16",
        "123456789012345678, 1.2345678901234568e+17", "1e100, 1e+100", "2.5e-310, 2.5e-310", "100, 100",
        "123456789012345.6, 123456789012345.6", "0.00015, 0.00015", "-1.5, -1.5", "1.0E-4, 0.0001",
        "999999999999999, 999999999999999", "0.1, 0.1", "-0.0, -0", "0, 0",
    })
    void doublesPrintLikePostgres(double value, String expected) {
        assertThat(SqlType.formatDouble(value)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void doubleTextReadsBackExactly(@ForAll double d) {
        String text = SqlType.formatDouble(d);
        assertThat(Values.parse(text, SqlType.DOUBLE)).isEqualTo(d == 0 ? d : d);
    }

    @Property(tries = 500)
    void integerTextRoundTrips(@ForAll long v) {
        assertThat(Values.parse(SqlType.BIGINT.toText(v), SqlType.BIGINT)).isEqualTo(v);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc         | INTEGER | 22P02 | invalid input syntax for type integer: \"abc\"",
        "''          | INTEGER | 22P02 | invalid input syntax for type integer: \"\"",
        "2147483648  | INTEGER | 22003 | value \"2147483648\" is out of range for type integer",
        "9223372036854775808 | BIGINT | 22003 | value \"9223372036854775808\" is out of range for type bigint",
        "1.5         | BIGINT  | 22P02 | invalid input syntax for type bigint: \"1.5\"",
        "maybe       | BOOLEAN | 22P02 | invalid input syntax for type boolean: \"maybe\"",
        "o           | BOOLEAN | 22P02 | invalid input syntax for type boolean: \"o\"",
        "1x          | DOUBLE  | 22P02 | invalid input syntax for type double precision: \"1x\"",
        "0x10        | DOUBLE  | 22P02 | invalid input syntax for type double precision: \"0x10\"",
    })
    void badInputIsRejectedWithPostgresMessages(String text, SqlType type, String state, String message) {
        assertThatThrownBy(() -> Values.parse(text, type))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.state().code()).isEqualTo(state);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @ParameterizedTest
    @CsvSource({"' 12 ', 12", "-2147483648, -2147483648", "+7, 7"})
    void integerInputAcceptsSignsAndSpaces(String text, int expected) {
        assertThat(Values.parse(text, SqlType.INTEGER)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"t, true", "TRUE, true", "yes, true", "on, true", "1, true", "f, false", "no, false", "off, false",
        "0, false", "' true ', true"})
    void booleanInput(String text, boolean expected) {
        assertThat(Values.parse(text, SqlType.BOOLEAN)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void integerArithmeticChecksOverflowAndDivision() {
        assertThatThrownBy(() -> Values.arithmetic('+', Integer.MAX_VALUE, 1, SqlType.INTEGER))
                .hasMessage("integer out of range");
        assertThatThrownBy(() -> Values.arithmetic('/', Integer.MIN_VALUE, -1, SqlType.INTEGER))
                .hasMessage("integer out of range");
        assertThatThrownBy(() -> Values.arithmetic('%', 1, 0, SqlType.INTEGER))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.DIVISION_BY_ZERO));
        assertThat(Values.arithmetic('/', -7, 2, SqlType.INTEGER)).isEqualTo(-3);
        assertThat(Values.arithmetic('%', -7, 3, SqlType.INTEGER)).isEqualTo(-1);
        assertThat(Values.arithmetic('+', 1, 2L, SqlType.BIGINT)).isEqualTo(3L);
    }
}
