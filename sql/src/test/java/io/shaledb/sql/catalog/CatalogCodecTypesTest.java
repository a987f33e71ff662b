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
        Table back = CatalogCodec.decodeTable(CatalogCodec.encodeTable(table), "btree");
        assertThat(back.columns()).isEqualTo(columns);
        assertThat(back.column(columns.size() - 1).typeDisplayName()).isNotEmpty();
        Column numeric = back.columns().stream().filter(c -> c.type() == SqlType.NUMERIC).findFirst().orElseThrow();
        assertThat(numeric.typeDisplayName()).isEqualTo("numeric(10,2)");
    }

    @Test
    void aVarcharStoredAsTextWithALengthReadsAsVarchar() {
        Table old = new Table(3, "t", List.of(new Column("v", SqlType.TEXT, 5, false)), new int[0], "btree");
        Table back = CatalogCodec.decodeTable(CatalogCodec.encodeTable(old), "btree");
        assertThat(back.column(0).type()).isEqualTo(SqlType.VARCHAR);
        assertThat(back.column(0).typeDisplayName()).isEqualTo("character varying(5)");
    }
}
