package io.shaledb.common.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BytesTest {

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void prefixEndExamples() {
        assertThat(Bytes.prefixEnd(b())).isNull();
        assertThat(Bytes.prefixEnd(b(0xFF))).isNull();
        assertThat(Bytes.prefixEnd(b(0xFF, 0xFF, 0xFF))).isNull();
        assertThat(Bytes.prefixEnd(b(0x00))).containsExactly(0x01);
        assertThat(Bytes.prefixEnd(b(0x7F))).containsExactly(0x80);
        assertThat(Bytes.prefixEnd(b(0x01, 0xFF))).containsExactly(0x02);
        assertThat(Bytes.prefixEnd(b(0x01, 0xFE, 0xFF, 0xFF))).containsExactly(0x01, 0xFF);
        assertThat(Bytes.prefixEnd(b(0x61, 0x00))).containsExactly(0x61, 0x01);
    }

    @Test
    void prefixEndDoesNotModifyItsArgument() {
        byte[] p = b(0x01, 0xFF);
        Bytes.prefixEnd(p);
        assertThat(p).containsExactly(0x01, 0xFF);
    }

    /** [prefix, prefixEnd(prefix)) holds exactly the keys that start with prefix. */
    @Property
    void prefixEndBoundsExactlyTheKeysWithThePrefix(@ForAll("keys") byte[] prefix, @ForAll("keys") byte[] key) {
        byte[] end = Bytes.prefixEnd(prefix);
        boolean inRange = Bytes.compare(key, prefix) >= 0 && (end == null || Bytes.compare(key, end) < 0);
        assertThat(inRange).isEqualTo(Bytes.startsWith(key, prefix));
    }

    /** prefixEnd is the least upper bound: it does not itself start with the prefix, and nothing smaller is an upper bound. */
    @Property
    void prefixEndIsTheSmallestKeyAfterThePrefixedKeys(@ForAll("keys") byte[] prefix) {
        byte[] end = Bytes.prefixEnd(prefix);
        boolean allFF = true;
        for (byte x : prefix) {
            allFF &= x == (byte) 0xFF;
        }
        if (end == null) {
            assertThat(allFF).as("null only for empty or all-0xFF prefixes").isTrue();
            return;
        }
        assertThat(Bytes.compare(end, prefix)).isPositive();
        assertThat(Bytes.startsWith(end, prefix)).isFalse();
        // end = p[0..i] with p[i] incremented; its predecessor region (p[0..i] with p[i]) followed by
        // any bytes starts with p[0..i] which, since p[i+1..] is all 0xFF, covers only prefixed keys or
        // keys below prefix. Check: every proper prefix of end, extended by 0xFF bytes, is below end.
        assertThat(end.length).isLessThanOrEqualTo(prefix.length);
        assertThat(Arrays.equals(end, 0, end.length - 1, prefix, 0, end.length - 1)).isTrue();
        for (int i = end.length; i < prefix.length; i++) {
            assertThat(prefix[i]).isEqualTo((byte) 0xFF);
        }
    }

    @Property
    void compareIsUnsignedLexicographic(@ForAll("keys") byte[] x, @ForAll("keys") byte[] y) {
        int expected = 0;
        for (int i = 0; i < Math.min(x.length, y.length) && expected == 0; i++) {
            expected = Integer.compare(x[i] & 0xFF, y[i] & 0xFF);
        }
        if (expected == 0) {
            expected = Integer.compare(x.length, y.length);
        }
        assertThat(Integer.signum(Bytes.compare(x, y))).isEqualTo(Integer.signum(expected));
        assertThat(Integer.signum(Bytes.UNSIGNED_ORDER.compare(x, y))).isEqualTo(Integer.signum(expected));
    }

    @Property
    void concatAndHexRoundTrip(@ForAll("keys") byte[] x, @ForAll("keys") byte[] y) {
        byte[] xy = Bytes.concat(x, y);
        assertThat(xy).hasSize(x.length + y.length);
        assertThat(Bytes.startsWith(xy, x)).isTrue();
        assertThat(Arrays.copyOfRange(xy, x.length, xy.length)).isEqualTo(y);
        assertThat(Bytes.fromHex(Bytes.toHex(xy))).isEqualTo(xy);
    }

    @Test
    void unsignedOrderPutsHighBitBytesLast() {
        List<byte[]> keys = new java.util.ArrayList<>(List.of(b(0x80), b(0x7F), b(), b(0xFF), b(0x00), b(0x7F, 0x00)));
        keys.sort(Bytes.UNSIGNED_ORDER);
        assertThat(keys.stream().map(Bytes::toHex)).containsExactly("", "00", "7f", "7f00", "80", "ff");
        assertThat(Bytes.EMPTY).isEmpty();
    }

    @Provide
    Arbitrary<byte[]> keys() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF)
                .list().ofMaxSize(5)
                .map(l -> {
                    byte[] out = new byte[l.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = l.get(i);
                    }
                    return out;
                });
    }
}
