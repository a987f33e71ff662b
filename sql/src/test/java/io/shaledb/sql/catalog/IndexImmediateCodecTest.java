package io.shaledb.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "not immediate" flag of a DEFERRABLE constraint's index survives the catalog's stored form,
 * and an index record written before the flag existed (no trailing flags byte) reads as
 * immediate: its entries have the per-entry unique layout.
 */
class IndexImmediateCodecTest {
    private static final Index INDEX = new Index(7, "public.u_v_key", 3, true, "btree",
            List.of(new Index.Key("v", false, false)), null, 42, List.of(), true, 99L);

    @Test
    void theFlagRoundTrips() {
        Index late = INDEX.withImmediate(false);
        assertThat(CatalogCodec.decode(CatalogCodec.encodeIndex(late))).isEqualTo(late);
        assertThat(late.checkedLate()).isTrue();
        assertThat(CatalogCodec.decode(CatalogCodec.encodeIndex(INDEX))).isEqualTo(INDEX);
        assertThat(INDEX.checkedLate()).isFalse();
    }

    @Test
    void aRecordWithoutFlagsIsImmediate() {
        byte[] current = CatalogCodec.encodeIndex(INDEX.withImmediate(false));
        byte[] old = Arrays.copyOf(current, current.length - 1); // as written before the flags byte
        Index read = (Index) CatalogCodec.decode(old);
        assertThat(read.immediate()).isTrue();
        assertThat(read).isEqualTo(INDEX);
    }

    @Test
    void withersKeepTheFlag() {
        Index late = INDEX.withImmediate(false);
        assertThat(late.withStorage(50, 100L).immediate()).isFalse();
        assertThat(late.withName("public.x").immediate()).isFalse();
        assertThat(late.withValid(false).immediate()).isFalse();
        assertThat(late.withColumns(List.of(new Index.Key("w", false, false))).immediate()).isFalse();
    }
}
