package io.shaledb.sql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Output then input gives the value back; numeric arithmetic agrees with exact BigDecimal arithmetic. */
class TypesTextAndArithmeticTest {

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)),
                Arbitraries.integers().between(0, 12)).as(BigDecimal::new);
    }

    @Property(tries = 500)
    void numericTextRoundTrips(@ForAll("decimals") BigDecimal d) {
        BigDecimal back = (BigDecimal) Values.parse(SqlType.NUMERIC.toText(d), SqlType.NUMERIC);
        assertThat(back).isEqualTo(d); // same value and same display scale
    }

    @Property(tries = 500)
    void numericAddSubMulAreExact(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        assertThat(Values.arithmetic('+', a, b, SqlType.NUMERIC)).isEqualTo(a.add(b));
        assertThat(Values.arithmetic('-', a, b, SqlType.NUMERIC)).isEqualTo(a.subtract(b));
        assertThat(Values.arithmetic('*', a, b, SqlType.NUMERIC)).isEqualTo(a.multiply(b));
    }

    @Property(tries = 500)
    void numericDivisionIsTheExactQuotientRoundedHalfUp(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        if (b.signum() == 0) {
            return;
        }
        BigDecimal q = (BigDecimal) Values.arithmetic('/', a, b, SqlType.NUMERIC);
        BigDecimal exact = a.divide(b, new MathContext(200, RoundingMode.HALF_EVEN));
        assertThat(q).isEqualByComparingTo(exact.setScale(q.scale(), RoundingMode.HALF_UP));
        assertThat(q.scale()).isGreaterThanOrEqualTo(Math.max(a.scale(), b.scale()));
    }

    @Test
    void divisionScaleFollowsPostgres() {
        assertThat(Numerics.toText(Numerics.divide(BigDecimal.ONE, new BigDecimal(7)))).isEqualTo("0.14285714285714285714");
        assertThat(Numerics.toText(Numerics.divide(new BigDecimal(100000000), new BigDecimal(3)))).isEqualTo("33333333.333333333333");
        assertThat(Numerics.toText(Numerics.divide(new BigDecimal("10.5"), new BigDecimal(3)))).isEqualTo("3.5000000000000000");
    }

    @Property(tries = 500)
    void doubleAndRealTextRoundTrip(@ForAll double d, @ForAll float f) {
        assertThat((Double) Values.parse(SqlType.DOUBLE.toText(d), SqlType.DOUBLE)).isEqualTo(d);
        assertThat((Float) Values.parse(SqlType.REAL.toText(f), SqlType.REAL)).isEqualTo(f);
    }

    @Property(tries = 500)
    void intervalTextRoundTrips(@ForAll @IntRange(min = -100000, max = 100000) int months,
                                @ForAll @IntRange(min = -100000, max = 100000) int days, @ForAll long micros) {
        Interval i = new Interval(months, days, micros / 1000);
        Interval back = (Interval) Values.parse(i.toString(), SqlType.INTERVAL);
        assertThat(back.months()).isEqualTo(i.months());
        assertThat(back.days()).isEqualTo(i.days());
        assertThat(back.micros()).isEqualTo(i.micros());
    }

    @Property(tries = 500)
    void timestampAndDateTextRoundTrip(@ForAll @IntRange(min = -700000, max = 2900000) int days,
                                       @ForAll @IntRange(min = 0, max = 86399) int seconds, @ForAll @IntRange(min = 0, max = 999999) int fraction) {
        long ts = days * Interval.MICROS_PER_DAY + seconds * 1_000_000L + fraction;
        assertThat(Values.parse(SqlType.TIMESTAMP.toText(ts), SqlType.TIMESTAMP)).isEqualTo(ts);
        assertThat(Values.parse(SqlType.TIMESTAMPTZ.toText(ts), SqlType.TIMESTAMPTZ)).isEqualTo(ts);
        assertThat(Values.parse(SqlType.DATE.toText(days), SqlType.DATE)).isEqualTo(days);
    }

    @Property(tries = 200)
    void uuidAndByteaTextRoundTrip(@ForAll long hi, @ForAll long lo, @ForAll byte[] bytes) {
        java.util.UUID u = new java.util.UUID(hi, lo);
        assertThat(Values.parse(SqlType.UUID.toText(u), SqlType.UUID)).isEqualTo(u);
        Bytea b = new Bytea(bytes);
        assertThat(Values.parse(SqlType.BYTEA.toText(b), SqlType.BYTEA)).isEqualTo(b);
    }

    @Test
    void intervalOutputMatchesPostgres() {
        assertThat(Intervals.parse("1 year 2 mons -3 days 04:05:06.5").toString()).isEqualTo("1 year 2 mons -3 days +04:05:06.5");
        assertThat(Intervals.parse("-1 day +02:00:00").toString()).isEqualTo("-1 days +02:00:00");
        assertThat(Intervals.parse("@ 1 hour ago").toString()).isEqualTo("-01:00:00");
        assertThat(Intervals.parse("1.5 years").toString()).isEqualTo("1 year 6 mons");
    }
}
