package io.shaledb.sql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {
    private static long micros(OffsetDateTime t) {
        return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    @Test
    void theFastPathAgreesWithJavaTimeOnRandomTimestamps() {
        Random r = new Random(7);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
        for (int i = 0; i < 10_000; i++) {
            LocalDateTime local = LocalDateTime.of(1 + r.nextInt(9999), 1 + r.nextInt(12), 1, r.nextInt(24), r.nextInt(60), r.nextInt(60))
                    .plusDays(r.nextInt(31));
            int digits = r.nextInt(7);
            int fraction = digits == 0 ? 0 : r.nextInt((int) Math.pow(10, digits));
            int offsetMinutes = (r.nextInt(29) - 14) * 60 + (r.nextBoolean() ? 0 : 30);
            String text = local.format(f) + (digits == 0 ? "" : "." + String.format("%0" + digits + "d", fraction))
                    + String.format("%c%02d", offsetMinutes < 0 ? '-' : '+', Math.abs(offsetMinutes) / 60)
                    + (offsetMinutes % 60 != 0 ? ":30" : "");
            int nanos = digits == 0 ? 0 : fraction * (int) Math.pow(10, 9 - digits);
            OffsetDateTime expected = OffsetDateTime.of(local.withNano(nanos), ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            assertThat(DateTimes.parseTimestamptz(text)).as(text).isEqualTo(micros(expected));
        }
    }

    @Test
    void unusualSpellingsAreLeftToTheGeneralParser() {
        int[] offset = new int[1];
        for (String s : new String[] {"2026-02-30 00:00:00", "2026-01-01 24:00:00", "2026-01-01 23:59:60", "2026-01-01 1:00:00",
                "2026-01-01 10:00:00.1234567", "2026-01-01 10:00:00 UTC", "2026-01-01 10:00:00+05:3", "20260101 10:00:00",
                "2026-01-01", "2026-0a-01 10:00:00", "2026-01-01 10:00:00.", " 2026-01-01 10:00:00"}) {
            assertThat(IsoTimestamps.parseLocal(s, offset)).as(s).isEqualTo(IsoTimestamps.NOT_HANDLED);
        }
        assertThat(IsoTimestamps.parseLocal("2000-01-01T00:00:00", offset)).isEqualTo(946_684_800_000_000L);
        assertThat(offset[0]).isEqualTo(IsoTimestamps.NO_OFFSET);
    }
}
