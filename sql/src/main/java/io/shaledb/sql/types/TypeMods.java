package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.math.RoundingMode;

/**
 * Applies a type modifier to a value, as PostgreSQL's length-coercion functions do when a value is
 * stored into a column ({@code assignment}) or cast explicitly:
 *
 * <pre>
 *   varchar(n)    longer than n: assignment 22001 unless only spaces are cut; explicit cast truncates
 *   char(n)       the same, then padded with spaces to n
 *   numeric(p,s)  rounded half away from zero to s digits; more than p-s integer digits: 22003
 *   time(p), timestamp(p), interval(p)   seconds rounded to p fractional digits
 * </pre>
 */
public final class TypeMods {
    private TypeMods() {}

    public static Object apply(Object v, SqlType type, int typmod, boolean assignment) {
        if (v == null || typmod < 0) {
            return v;
        }
        return switch (type) {
            case VARCHAR, TEXT -> limitLength((String) v, typmod, assignment, "character varying");
            case BPCHAR -> {
                String s = limitLength((String) v, typmod, assignment, "character");
                int n = s.codePointCount(0, s.length());
                yield n < typmod ? s + " ".repeat(typmod - n) : s;
            }
            case NUMERIC -> Numerics.applyTypmod((java.math.BigDecimal) v, typmod);
            case TIME, TIMESTAMP, TIMESTAMPTZ -> {
                long micros = (Long) v;
                yield type != SqlType.TIME && DateTimes.isInfinite(micros) ? micros : roundMicros(micros, typmod);
            }
            case INTERVAL -> {
                Interval i = (Interval) v;
                yield new Interval(i.months(), i.days(), roundMicros(i.micros(), typmod));
            }
            default -> v;
        };
    }

    static long roundMicros(long micros, int precision) {
        if (precision >= 6) {
            return micros;
        }
        long unit = (long) Math.pow(10, 6 - precision);
        return java.math.BigDecimal.valueOf(micros).divide(java.math.BigDecimal.valueOf(unit), 0, RoundingMode.HALF_UP)
                .longValue() * unit;
    }

    static String limitLength(String s, int maxLength, boolean assignment, String typeName) {
        if (s.codePointCount(0, s.length()) <= maxLength) {
            return s;
        }
        String head = s.substring(0, s.offsetByCodePoints(0, maxLength));
        if (assignment && !s.substring(head.length()).isBlank()) {
            throw new SqlException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                    "value too long for type " + typeName + "(" + maxLength + ")");
        }
        return head;
    }
}
