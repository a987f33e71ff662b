package io.shaledb.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class KvEncodingTest {

    @Property
    void metaKeysSortLikeTheirUserKeysAndDecodeBack(@ForAll @Size(max = 20) byte[] a, @ForAll @Size(max = 20) byte[] b,
                                                    @ForAll @IntRange(max = 15) int db) {
        byte[] ka = KvKeys.meta(db, a);
        byte[] kb = KvKeys.meta(db, b);
        assertThat(Integer.signum(Bytes.UNSIGNED_ORDER.compare(ka, kb))).isEqualTo(Integer.signum(Bytes.UNSIGNED_ORDER.compare(a, b)));
        assertThat(KvKeys.keyOfMeta(ka)).isEqualTo(a);
        // prefix-free: no meta key is a proper prefix of another (the MVCC layer relies on it)
        if (ka.length < kb.length) {
            assertThat(java.util.Arrays.equals(ka, 0, ka.length, kb, 0, ka.length)).isFalse();
        }
    }

    @Property
    void subKeysOfOneVersionShareItsPrefixAndNoOtherVersions(@ForAll @Size(max = 10) byte[] key, @ForAll @Size(max = 10) byte[] field,
                                                             @ForAll long version) {
        byte[] prefix = KvKeys.subPrefix(3, key, version);
        byte[] sub = KvKeys.sub(3, key, version, field);
        assertThat(java.util.Arrays.equals(sub, 0, prefix.length, prefix, 0, prefix.length)).isTrue();
        assertThat(KvKeys.fieldOfSub(sub, prefix.length)).isEqualTo(field);
        byte[] other = KvKeys.subPrefix(3, key, version + 1);
        assertThat(java.util.Arrays.equals(sub, 0, Math.min(sub.length, other.length), other, 0, Math.min(sub.length, other.length))).isFalse();
    }

    @Property
    void expiryEntriesSortByDeadlineAndParseBack(@ForAll long d1, @ForAll long d2, @ForAll @Size(max = 10) byte[] key) {
        byte[] e1 = KvKeys.expiry(d1, 5, key);
        byte[] e2 = KvKeys.expiry(d2, 0, key);
        if (d1 != d2) {
            assertThat(Integer.signum(Bytes.UNSIGNED_ORDER.compare(e1, e2))).isEqualTo(Long.signum(Long.compare(d1, d2)));
        }
        KvKeys.ExpiryEntry parsed = KvKeys.parseExpiry(e1);
        assertThat(parsed.deadlineMillis()).isEqualTo(d1);
        assertThat(parsed.db()).isEqualTo(5);
        assertThat(parsed.key()).isEqualTo(key);
    }

    @Property
    void metadataRoundTrips(@ForAll @Size(max = 50) byte[] value, @ForAll long expireAt, @ForAll long version, @ForAll long size) {
        KvMeta s = KvMeta.string(value, expireAt);
        KvMeta back = KvMeta.decode(s.encode());
        assertThat(back.type()).isEqualTo(KvType.STRING);
        assertThat(back.value()).isEqualTo(value);
        assertThat(back.expireAt()).isEqualTo(expireAt);
        KvMeta h = new KvMeta(KvType.HASH, expireAt, version, size, null);
        assertThat(KvMeta.decode(h.encode())).isEqualTo(h);
    }

    @Test
    void metadataRecordLayoutIsTheDocumentedOne() {
        byte[] b = KvMeta.string(new byte[] {'h', 'i'}, 0x0102).encode();
        assertThat(b).containsExactly(1, 1, 0, 0, 0, 0, 0, 0, 1, 2, 'h', 'i');
        assertThat(KvKeys.meta(2, new byte[] {'a', 0})).containsExactly('k', 'm', 2, 2, 'a', 0, 0xFF, 0, 1);
    }

    @Test
    void globsMatchLikeRedis() {
        assertThat(Glob.matches("h?llo".getBytes(), "hello".getBytes())).isTrue();
        assertThat(Glob.matches("h*llo".getBytes(), "heeeello".getBytes())).isTrue();
        assertThat(Glob.matches("h[ae]llo".getBytes(), "hallo".getBytes())).isTrue();
        assertThat(Glob.matches("h[^e]llo".getBytes(), "hello".getBytes())).isFalse();
        assertThat(Glob.matches("h[a-b]llo".getBytes(), "hbllo".getBytes())).isTrue();
        assertThat(Glob.matches("session:*".getBytes(), "session:abc123".getBytes())).isTrue();
        assertThat(Glob.matches("a\\*".getBytes(), "a*".getBytes())).isTrue();
        assertThat(Glob.matches("a\\*".getBytes(), "ab".getBytes())).isFalse();
        assertThat(Glob.matches("*".getBytes(), new byte[0])).isTrue();
    }
}
