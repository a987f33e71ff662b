package io.shaledb.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.types.Numerics;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Column types and type modifiers survive the catalog's stored form, including older descriptors. */
class CatalogCodecTypesTest {

    @Test
    void everyTypeAndModifierRoundTrips() {
        List<Column> columns = new ArrayList<>();
        for (SqlType t : SqlType.values()) {
            if (t != SqlType.UNKNOWN) {
                int typmod = switch (t) {
                    case VARCHAR, BPCHAR -> 12;
                    case NUMERIC -> Numerics.typmod(10, 2);
                    case TIMESTAMP -> 3;
                    default -> -1;
                };
                columns.add(new Column("c_" + t.name().toLowerCase(), t, typmod, false));
            }
        }
        Table table = new Table(9, "all_types", columns, new int[0], "btree");
        Table back = CatalogCodec.decodeTable(CatalogCodec.encodeTable(table));
        assertThat(back.columns()).isEqualTo(columns);
        assertThat(back.column(columns.size() - 1).typeDisplayName()).isNotEmpty();
        Column numeric = back.columns().stream().filter(c -> c.type() == SqlType.NUMERIC).findFirst().orElseThrow();
        assertThat(numeric.typeDisplayName()).isEqualTo("numeric(10,2)");
    }

    @Test
    void aTimestamptzMissingValueDoesNotDependOnTheSessionTimeZone() {
        long micros = 1_700_000_000_123_456L;
        Table t = new Table(4, "t", List.of(new Column("at", SqlType.TIMESTAMPTZ, -1, false, null, micros)), new int[0], "btree");
        byte[] stored = io.shaledb.sql.types.DateTimes.with(new io.shaledb.sql.types.DateTimes.Context(
                java.time.ZoneId.of("Asia/Kolkata"), 0, 0), () -> CatalogCodec.encodeTable(t));
        Table back = io.shaledb.sql.types.DateTimes.with(new io.shaledb.sql.types.DateTimes.Context(
                java.time.ZoneId.of("America/New_York"), 0, 0), () -> CatalogCodec.decodeTable(stored));
        assertThat(back.column(0).missing()).isEqualTo(micros);
    }

    @Test
    void aVarcharStoredAsTextWithALengthReadsAsVarchar() {
        Table old = new Table(3, "t", List.of(new Column("v", SqlType.TEXT, 5, false)), new int[0], "btree");
        Table back = CatalogCodec.decodeTable(CatalogCodec.encodeTable(old));
        assertThat(back.column(0).type()).isEqualTo(SqlType.VARCHAR);
        assertThat(back.column(0).typeDisplayName()).isEqualTo("character varying(5)");
    }
}
