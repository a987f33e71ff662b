package io.shaledb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeyRangeAndWriteBatchTest {

    @Property
    void containsFollowsTheBounds(@ForAll("keysOrNull") byte[] low, @ForAll boolean lowInc,
                                  @ForAll("keysOrNull") byte[] high, @ForAll boolean highInc,
                                  @ForAll("keys") byte[] key) {
        KeyRange r = new KeyRange(low, lowInc, high, highInc);
        boolean aboveLow = low == null || (lowInc ? Arrays.compareUnsigned(key, low) >= 0 : Arrays.compareUnsigned(key, low) > 0);
        boolean belowHigh = high == null || (highInc ? Arrays.compareUnsigned(key, high) <= 0 : Arrays.compareUnsigned(key, high) < 0);
        assertThat(r.contains(key)).isEqualTo(aboveLow && belowHigh);
        assertThat(r.belowLow(key)).isEqualTo(!aboveLow);
        assertThat(r.aboveHigh(key)).isEqualTo(!belowHigh);
        if (r.isEmpty()) {
            assertThat(r.contains(key)).as("an empty range contains nothing").isFalse();
        }
    }

    @Test
    void isEmptyExamples() {
        byte[] a = {1};
        byte[] b = {2};
        assertThat(new KeyRange(a, true, a, true).isEmpty()).isFalse();
        assertThat(new KeyRange(a, true, a, false).isEmpty()).isTrue();
        assertThat(new KeyRange(a, false, a, true).isEmpty()).isTrue();
        assertThat(new KeyRange(b, true, a, true).isEmpty()).isTrue();
        assertThat(new KeyRange(a, false, b, false).isEmpty()).isFalse();
        assertThat(new KeyRange(null, true, a, false).isEmpty()).isFalse();
        assertThat(KeyRange.all().isEmpty()).isFalse();
        assertThat(KeyRange.all().contains(new byte[0])).isTrue();
        assertThat(KeyRange.prefix(new byte[] {(byte) 0xFF}).high()).isNull();
        assertThat(KeyRange.prefix(new byte[] {1, (byte) 0xFF})).hasToString("[01ff, 02)");
    }

    @Test
    void writeBatchRecordsOperationsInOrder() {
        WriteBatch b = new WriteBatch();
        assertThat(b.isEmpty()).isTrue();
        b.put(new byte[] {1}, new byte[] {9, 9}).delete(new byte[] {2, 2}).put(new byte[] {1}, new byte[0]);
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.byteSize()).isEqualTo(3 + 2 + 1);
        List<WriteBatch.Op> ops = b.ops();
        assertThat(ops.get(1).isDelete()).isTrue();
        assertThat(ops.get(2).isDelete()).as("an empty value is a put").isFalse();
        assertThatThrownBy(() -> ops.add(new WriteBatch.Op(new byte[0], null))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> b.put(null, new byte[0])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.put(new byte[0], null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.delete(null)).isInstanceOf(NullPointerException.class);
        assertThat(b.size()).isEqualTo(3);
        b.clear();
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.byteSize()).isZero();
    }

    @Provide
    Arbitrary<byte[]> keys() {
        return Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF).list().ofMaxSize(3).map(l -> {
            byte[] out = new byte[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = l.get(i);
            }
            return out;
        });
    }

    @Provide
    Arbitrary<byte[]> keysOrNull() {
        return keys().injectNull(0.2);
    }
}
