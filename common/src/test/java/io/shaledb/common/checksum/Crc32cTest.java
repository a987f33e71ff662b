package io.shaledb.common.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    @Test
    void knownCheckValue() {
        // The standard check value of CRC-32C for the ASCII digits 1..9.
        assertThat(Crc32c.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xE3069283);
        assertThat(Crc32c.of(new byte[0])).isZero();
    }

    @Test
    void bufferVariantDoesNotMoveThePositionAndMatchesArrays() {
        byte[] bytes = "hello, write-ahead log".getBytes(StandardCharsets.UTF_8);
        ByteBuffer heap = ByteBuffer.wrap(bytes, 3, 10);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().position(3).limit(13);
        assertThat(Crc32c.of(heap)).isEqualTo(Crc32c.of(bytes, 3, 10)).isEqualTo(Crc32c.of(direct));
        assertThat(heap.position()).isEqualTo(3);
        assertThat(direct.position()).isEqualTo(3);
    }

    @Test
    void runningUpdateEqualsOneShot() {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        CRC32C crc = new CRC32C();
        Crc32c.update(crc, ByteBuffer.wrap(bytes, 0, 400));
        Crc32c.update(crc, ByteBuffer.wrap(bytes, 400, 600));
        assertThat(Crc32c.value(crc)).isEqualTo(Crc32c.of(bytes));
    }

    @Property
    void maskRoundTripsAndChangesTheValue(@ForAll int crc) {
        assertThat(Crc32c.unmask(Crc32c.mask(crc))).isEqualTo(crc);
        assertThat(Crc32c.mask(crc)).isNotEqualTo(crc);
    }
}
