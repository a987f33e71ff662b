package io.shaledb.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.WriteBatch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch finger benchmark's batches have the shapes its documentation promises. */
class BatchWorkloadTest {

    private static List<byte[]> keys(WriteBatch batch) {
        return batch.ops().stream().map(WriteBatch.Op::key).toList();
    }

    @Test
    void listPatternsWriteOneListPerBatchInSlotOrder() {
        for (String pattern : List.of("ascending", "descending")) {
            BatchWorkload w = new BatchWorkload(pattern);
            List<byte[]> first = keys(w.nextBatch());
            List<byte[]> second = keys(w.nextBatch());
            assertThat(first).hasSize(BatchWorkload.BATCH);
            int prefix = first.getFirst().length - 8;
            for (int i = 1; i < first.size(); i++) {
                byte[] a = first.get(i - 1);
                byte[] b = first.get(i);
                assertThat(Arrays.equals(a, 0, prefix, b, 0, prefix)).as("%s: one list per batch", pattern).isTrue();
                int order = Arrays.compareUnsigned(a, b);
                assertThat(pattern.equals("ascending") ? order < 0 : order > 0).as(pattern).isTrue();
            }
            assertThat(Arrays.equals(first.getFirst(), 0, prefix, second.getFirst(), 0, prefix))
                    .as("%s: the next batch goes to the next list", pattern).isFalse();
        }
    }

    @Test
    void randomPatternOverwritesLoadedKeys() {
        List<byte[]> keys = keys(new BatchWorkload("random").nextBatch());
        assertThat(keys).hasSize(BatchWorkload.BATCH);
        assertThat(keys).allSatisfy(k -> assertThat(Dataset.index(k)).isBetween(0L, (long) BatchWorkload.RANDOM_KEYS - 1));
        assertThatThrownBy(() -> new BatchWorkload("zigzag")).isInstanceOf(IllegalArgumentException.class);
    }
}
