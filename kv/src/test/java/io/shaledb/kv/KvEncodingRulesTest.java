package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Collection encodings ({@link KvEncoding}, {@link KvEncodingRules}): the metadata's format-2
 * encoding byte, one-way conversions, and format-1 records (no encoding byte) read and resolved
 * from their contents. The sequences are also compared with a real Redis in resp's
 * RandomAndEncodingDifferentialTest.
 */
class KvEncodingRulesTest {
    private final MemoryKv kv = new MemoryKv(Durability.NO, System::currentTimeMillis);
    private final KvStore store = kv.store;
    private final KvDatabase db = kv.store.database(3); // not database 0: the tests name it

    @AfterEach
    void close() {
        kv.close();
    }

    @Test
    void formatTwoCarriesTheEncodingAndFormatOneDecodesAsUnknown() {
        KvMeta zset = new KvMeta(KvType.ZSET, 5, 9, 3, null).withEncoding(KvEncoding.SKIPLIST);
        byte[] bytes = zset.encode();
        assertThat(bytes).hasSize(27);
        assertThat(bytes[0]).isEqualTo((byte) 2);
        assertThat(bytes[26]).isEqualTo((byte) 4);
        assertThat(KvMeta.decode(bytes)).isEqualTo(zset);
        // a record written before encodings were stored: format 1, 26 bytes
        byte[] legacy = java.util.Arrays.copyOf(bytes, 26);
        legacy[0] = 1;
        assertThat(KvMeta.decode(legacy).encoding()).isEqualTo(KvEncoding.UNKNOWN);
        assertThat(KvMeta.decode(legacy).withEncoding(KvEncoding.UNKNOWN).encode()).isEqualTo(legacy);
        // strings and lists did not change: format 1
        assertThat(KvMeta.string(b("hi"), 0).encode()[0]).isEqualTo((byte) 1);
        assertThat(new KvMeta(KvType.LIST, 0, 1, 1, null, 0).encode()[0]).isEqualTo((byte) 1);
        byte[] stringAsTwo = KvMeta.string(b("hi"), 0).encode();
        stringAsTwo[0] = 2;
        assertThatThrownBy(() -> KvMeta.decode(stringAsTwo)).isInstanceOf(IllegalStateException.class).hasMessageContaining("format 2");
        byte[] badEncoding = bytes.clone();
        badEncoding[26] = 99;
        assertThatThrownBy(() -> KvMeta.decode(badEncoding)).isInstanceOf(IllegalStateException.class).hasMessageContaining("encoding");
    }

    @Test
    void conversionsGoOneWay() {
        store.encodingRules().setMaxIntsetEntries(3);
        db.sets().add(b("s"), List.of(b("1"), b("2")));
        assertThat(db.encoding(b("s"))).isEqualTo(KvEncoding.INTSET);
        db.sets().add(b("s"), List.of(b("3"), b("4")));
        assertThat(db.encoding(b("s"))).isEqualTo(KvEncoding.HASHTABLE);
        db.sets().remove(b("s"), List.of(b("3"), b("4"), b("2")));
        assertThat(db.encoding(b("s"))).isEqualTo(KvEncoding.HASHTABLE);

        store.encodingRules().hashMaxListpackValue(4);
        db.hashes().set(b("h"), List.of(b("f")), List.of(b("12345")), false);
        assertThat(db.encoding(b("h"))).isEqualTo(KvEncoding.HASHTABLE);
        db.hashes().set(b("h"), List.of(b("f")), List.of(b("1")), false);
        assertThat(db.encoding(b("h"))).isEqualTo(KvEncoding.HASHTABLE);

        store.encodingRules().zsetMaxListpackEntries(1);
        KvSortedSets.AddOptions plain = new KvSortedSets.AddOptions(false, false, false, false, false, false);
        db.sortedSets().add(b("z"), List.of(1.0), List.of(b("a")), plain);
        assertThat(db.encoding(b("z"))).isEqualTo(KvEncoding.LISTPACK);
        db.sortedSets().add(b("z"), List.of(2.0), List.of(b("b")), plain);
        db.sortedSets().remove(b("z"), List.of(b("b")));
        assertThat(db.encoding(b("z"))).isEqualTo(KvEncoding.SKIPLIST);

        db.lists().push(b("l"), List.of(b("x")), true, false);
        assertThat(db.encoding(b("l"))).isEqualTo(KvEncoding.QUICKLIST);
        assertThat(db.encoding(b("missing"))).isNull();
    }

    /** Rewrites {@code key}'s metadata as a format-1 record, as builds before the encoding byte wrote it. */
    private void makeLegacy(byte[] key) {
        store.write(3, List.of(key), t -> {
            KvMeta m = t.get(3, key);
            t.put(3, key, m, m.withEncoding(KvEncoding.UNKNOWN));
            return null;
        });
        assertThat(store.read(t -> t.get(3, key)).encoding()).isEqualTo(KvEncoding.UNKNOWN);
    }

    @Test
    void formatOneRecordsAreResolvedFromTheirContents() {
        db.sets().add(b("ints"), List.of(b("1"), b("2")));
        db.sets().add(b("words"), List.of(b("a"), b("2")));
        makeLegacy(b("ints"));
        makeLegacy(b("words"));
        assertThat(db.encoding(b("ints"))).isEqualTo(KvEncoding.INTSET);
        assertThat(db.encoding(b("words"))).isEqualTo(KvEncoding.HASHTABLE);
        // the next write stores the resolved encoding (format 2) and applies the rules from there
        db.sets().add(b("ints"), List.of(b("x")));
        db.sets().remove(b("ints"), List.of(b("x")));
        assertThat(store.read(t -> t.get(3, b("ints"))).encoding()).isEqualTo(KvEncoding.HASHTABLE);

        store.encodingRules().hashMaxListpackEntries(2);
        db.hashes().set(b("big"), List.of(b("a"), b("b"), b("c")), List.of(b("1"), b("2"), b("3")), false);
        makeLegacy(b("big"));
        assertThat(db.encoding(b("big"))).isEqualTo(KvEncoding.HASHTABLE); // more entries than the threshold: no read needed
        assertThat(db.hashes().random(b("big"), -4)).hasSize(4);
    }
}
