package io.shaledb.storage.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link StorageEngine}, as tests. Every engine runs this suite unchanged by
 * extending it in its own module (the class is published in the storage module's test-jar):
 *
 * <pre>{@code
 * class BTreeEngineTest extends StorageEngineConformanceTest {
 *     @Override protected StorageEngine openEngine() { return BTreeEngine.open(newTempDir()); }
 * }
 * }</pre>
 *
 * <p>Extend it with a top-level class: jqwik does not run properties inside JUnit {@code @Nested}
 * classes, so the model-based property would silently not run there. To run the property with
 * fewer tries (a slow durable engine), override it and annotate the override with
 * {@code @Property(tries = N)}, calling {@code super}.
 *
 * <p>The JUnit tests get a fresh engine in {@link #engine}; the jqwik properties open one per try.
 * Either way {@link #destroyEngine} is called when it is done with, so a durable engine can delete
 * its files there. Durable engines also override {@link #supportsReopen} and {@link #reopenEngine}
 * to run the tests that close an engine and open its data again.
 *
 * <p>What the suite pins down beyond the interface's Javadoc (so every engine agrees):
 * <ul>
 *   <li>the empty key is a valid key and the empty value a valid value, distinct from absence;
 *   <li>engines copy keys and values they are given (callers may reuse their arrays);
 *   <li>null arguments fail with {@link NullPointerException};
 *   <li>every operation on a closed engine fails with {@link IllegalStateException}; close is idempotent;
 *   <li>a cursor's {@code key()}/{@code value()} fail with {@link IllegalStateException} unless the last
 *       {@code next()} returned true; {@code next()} after close fails the same way; close is idempotent;
 *   <li>a cursor tolerates writes made while it is open (by its own thread or others): it returns
 *       keys strictly in order, and every key present and untouched for the whole scan exactly once.
 * </ul>
 */
public abstract class StorageEngineConformanceTest {

    /** A new, empty engine. Called once per JUnit test and once per property try. */
    protected abstract StorageEngine openEngine();

    /** Whether the engine's data survives {@link StorageEngine#close()}; enables the reopen tests. */
    protected boolean supportsReopen() {
        return false;
    }

    /**
     * Opens again the data of {@code closed}, an engine from {@link #openEngine} or an earlier reopen
     * that the suite has just closed. Only called when {@link #supportsReopen} is true.
     */
    protected StorageEngine reopenEngine(StorageEngine closed) {
        throw new UnsupportedOperationException("reopen is not supported by " + closed.name());
    }

    /** Called once the suite is done with an engine (open or already closed). Closes it by default. */
    protected void destroyEngine(StorageEngine engine) {
        engine.close();
    }

    /** The size of the large key test. Engines may lower it to a documented key-size limit, but not below 4 KiB. */
    protected int largeKeySize() {
        return 64 * 1024;
    }

    /** The engine under test for the JUnit tests. */
    protected StorageEngine engine;

    @BeforeEach
    final void openForTest() {
        engine = openEngine();
    }

    @AfterEach
    final void destroyAfterTest() {
        if (engine != null) {
            destroyEngine(engine);
            engine = null;
        }
    }

    // =================================================================== point operations

    @Test
    void newEngineIsEmpty() {
        assertThat(engine.get(k(0x01))).isNull();
        assertThat(engine.get(k())).isNull();
        assertThat(scan(engine, KeyRange.all(), Direction.FORWARD)).isEmpty();
        assertThat(scan(engine, KeyRange.all(), Direction.BACKWARD)).isEmpty();
        assertThat(engine.name()).isNotBlank();
    }

    @Test
    void putThenGet() {
        engine.put(k(1), v("one"));
        engine.put(k(2), v("two"));
        assertThat(engine.get(k(1))).isEqualTo(v("one"));
        assertThat(engine.get(k(2))).isEqualTo(v("two"));
        assertThat(engine.get(k(3))).isNull();
    }

    @Test
    void putOverwrites() {
        engine.put(k(1), v("old"));
        engine.put(k(1), v("new, and longer than the old value"));
        assertThat(engine.get(k(1))).isEqualTo(v("new, and longer than the old value"));
        engine.put(k(1), v("s"));
        assertThat(engine.get(k(1))).isEqualTo(v("s"));
        assertThat(render(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("01=" + hex(v("s")));
    }

    @Test
    void deleteRemovesAndIsIdempotent() {
        engine.put(k(1), v("one"));
        engine.put(k(2), v("two"));
        engine.delete(k(1));
        assertThat(engine.get(k(1))).isNull();
        assertThat(engine.get(k(2))).isEqualTo(v("two"));
        engine.delete(k(1));
        engine.delete(k(9)); // never existed
        assertThat(keys(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("02");
        engine.put(k(1), v("again"));
        assertThat(engine.get(k(1))).isEqualTo(v("again"));
    }

    @Test
    void emptyValueIsStoredAndDiffersFromAbsence() {
        engine.put(k(1), new byte[0]);
        assertThat(engine.get(k(1))).isNotNull().isEmpty();
        assertThat(render(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("01=");
        engine.delete(k(1));
        assertThat(engine.get(k(1))).isNull();
    }

    @Test
    void emptyKeyIsAValidKeyAndSortsFirst() {
        engine.put(k(0x00), v("zero"));
        engine.put(k(), v("empty"));
        assertThat(engine.get(k())).isEqualTo(v("empty"));
        assertThat(keys(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("", "00");
        assertThat(keys(scan(engine, KeyRange.all(), Direction.BACKWARD))).containsExactly("00", "");
        assertThat(keys(scan(engine, new KeyRange(k(), false, null, false), Direction.FORWARD))).containsExactly("00");
        assertThat(keys(scan(engine, new KeyRange(null, true, k(), true), Direction.FORWARD))).containsExactly("");
        engine.delete(k());
        assertThat(engine.get(k())).isNull();
    }

    @Test
    void keysThatArePrefixesOfEachOtherAreDistinct() {
        engine.put(v("a"), v("1"));
        engine.put(v("a\0"), v("2"));
        engine.put(v("ab"), v("3"));
        engine.put(v("a\0\0"), v("4"));
        assertThat(engine.get(v("a"))).isEqualTo(v("1"));
        assertThat(engine.get(v("a\0"))).isEqualTo(v("2"));
        assertThat(engine.get(v("ab"))).isEqualTo(v("3"));
        assertThat(engine.get(v("a\0\0"))).isEqualTo(v("4"));
        assertThat(keys(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("61", "6100", "610000", "6162");
    }

    @Test
    void engineCopiesTheArraysItIsGiven() {
        byte[] key = k(1, 2, 3);
        byte[] value = v("value");
        engine.put(key, value);
        key[0] = 9;
        value[0] = 'X';
        assertThat(engine.get(k(1, 2, 3))).isEqualTo(v("value"));
        assertThat(engine.get(k(9, 2, 3))).isNull();

        byte[] bkey = k(4);
        byte[] bvalue = v("batched");
        WriteBatch batch = new WriteBatch().put(bkey, bvalue);
        engine.apply(batch);
        bkey[0] = 5;
        bvalue[0] = 'X';
        batch.clear();
        assertThat(engine.get(k(4))).isEqualTo(v("batched"));
        assertThat(engine.get(k(5))).isNull();
    }

    @Test
    void unsignedByteOrder() {
        List<byte[]> sorted = List.of(k(), k(0x00), k(0x00, 0x00), k(0x00, 0xFF), k(0x01), k(0x7F), k(0x7F, 0xFF),
                k(0x80), k(0x80, 0x00), k(0xFE), k(0xFE, 0xFF, 0xFF), k(0xFF), k(0xFF, 0x00), k(0xFF, 0xFF));
        List<byte[]> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(42));
        for (byte[] key : shuffled) {
            engine.put(key, Bytes.concat(v("v"), key));
        }
        List<String> expected = sorted.stream().map(StorageEngineConformanceTest::hex).toList();
        assertThat(keys(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactlyElementsOf(expected);
        assertThat(keys(scan(engine, KeyRange.all(), Direction.BACKWARD))).containsExactlyElementsOf(expected.reversed());
        for (byte[] key : sorted) {
            assertThat(engine.get(key)).isEqualTo(Bytes.concat(v("v"), key));
        }
        // 0x80 is above 0x7F: a signed comparison would put it first.
        assertThat(keys(scan(engine, new KeyRange(k(0x7F), false, k(0x80), true), Direction.FORWARD)))
                .containsExactly("7fff", "80");
    }

    @Test
    void largeKeysAndValues() {
        int keySize = largeKeySize();
        assertThat(keySize).as("largeKeySize() may not go below 4 KiB").isGreaterThanOrEqualTo(4096);
        Random random = new Random(7);
        byte[] key4k = randomBytes(random, 4096);
        byte[] keyLarge = randomBytes(random, keySize);
        keyLarge[0] = key4k[0]; // share a first byte so the comparison has to look further
        byte[] valueMiB = randomBytes(random, 1 << 20);
        byte[] value4MiB = randomBytes(random, 4 << 20);

        engine.put(key4k, valueMiB);
        engine.put(keyLarge, v("small"));
        engine.put(k(0x01), value4MiB);
        assertThat(engine.get(key4k)).isEqualTo(valueMiB);
        assertThat(engine.get(keyLarge)).isEqualTo(v("small"));
        assertThat(engine.get(k(0x01))).isEqualTo(value4MiB);

        List<Map.Entry<byte[], byte[]>> all = scan(engine, KeyRange.all(), Direction.FORWARD);
        assertThat(all).hasSize(3);
        List<byte[]> expectedOrder = new ArrayList<>(List.of(key4k, keyLarge, k(0x01)));
        expectedOrder.sort(Bytes.UNSIGNED_ORDER);
        for (int i = 0; i < 3; i++) {
            assertThat(all.get(i).getKey()).isEqualTo(expectedOrder.get(i));
        }
        // overwrite the large value with a small one and the small with a large one
        engine.put(key4k, v("shrunk"));
        engine.put(keyLarge, valueMiB);
        assertThat(engine.get(key4k)).isEqualTo(v("shrunk"));
        assertThat(engine.get(keyLarge)).isEqualTo(valueMiB);
        // a key that is a prefix of the large key
        byte[] prefixOfLarge = Arrays.copyOf(keyLarge, keySize - 1);
        assertThat(engine.get(prefixOfLarge)).isNull();
        engine.put(prefixOfLarge, v("prefix"));
        assertThat(keys(scan(engine, KeyRange.prefix(prefixOfLarge), Direction.FORWARD)))
                .containsExactly(hex(prefixOfLarge), hex(keyLarge));
        engine.delete(keyLarge);
        assertThat(engine.get(keyLarge)).isNull();
        assertThat(engine.get(prefixOfLarge)).isEqualTo(v("prefix"));
    }

    // =================================================================== scans

    /** Every combination of bound (absent, present, between, beyond), inclusivity and direction. */
    @Test
    void scanBoundsExhaustively() {
        List<byte[]> stored = List.of(k(0x00), k(0x00, 0x00), k(0x01), k(0x01, 0x00), k(0x01, 0xFF), k(0x7F),
                k(0x80), k(0x80, 0x01), k(0xFF), k(0xFF, 0xFF));
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        for (byte[] key : stored) {
            engine.put(key, Bytes.concat(key, v("!")));
            model.put(key, Bytes.concat(key, v("!")));
        }
        List<byte[]> bounds = new ArrayList<>(stored);
        bounds.addAll(List.of(k(), k(0x00, 0x00, 0x00), k(0x01, 0x80), k(0x02), k(0x7F, 0xFF), k(0xFE),
                k(0xFF, 0xFF, 0xFF)));
        bounds.add(null);
        int scans = 0;
        int nonEmpty = 0;
        for (byte[] low : bounds) {
            for (byte[] high : bounds) {
                for (boolean lowInc : new boolean[] {true, false}) {
                    for (boolean highInc : new boolean[] {true, false}) {
                        KeyRange range = new KeyRange(low, lowInc, high, highInc);
                        List<String> expected = render(modelScan(model, range, Direction.FORWARD));
                        for (Direction d : Direction.values()) {
                            List<String> want = d == Direction.FORWARD ? expected : expected.reversed();
                            assertThat(render(scan(engine, range, d))).as("%s %s", range, d).isEqualTo(want);
                            scans++;
                        }
                        nonEmpty += expected.isEmpty() ? 0 : 1;
                    }
                }
            }
        }
        assertThat(scans).isEqualTo(18 * 18 * 4 * 2);
        assertThat(nonEmpty).as("the bounds produce both empty and non-empty ranges").isBetween(100, 18 * 18 * 4 - 100);
    }

    @Test
    void emptyAndInvertedRanges() {
        for (int i = 0; i < 5; i++) {
            engine.put(k(i * 0x30), v("x"));
        }
        for (Direction d : Direction.values()) {
            // inverted: low above high, however inclusive
            assertThat(scan(engine, new KeyRange(k(0x90), true, k(0x30), true), d)).isEmpty();
            assertThat(scan(engine, new KeyRange(k(0x60), false, k(0x30), false), d)).isEmpty();
            // empty: a single point with an exclusive end
            assertThat(scan(engine, new KeyRange(k(0x30), true, k(0x30), false), d)).isEmpty();
            assertThat(scan(engine, new KeyRange(k(0x30), false, k(0x30), true), d)).isEmpty();
            assertThat(scan(engine, new KeyRange(k(0x30), false, k(0x30), false), d)).isEmpty();
            // empty although low < high: nothing stored in between, or no key exists in between
            assertThat(scan(engine, new KeyRange(k(0x31), true, k(0x5F), true), d)).isEmpty();
            assertThat(scan(engine, new KeyRange(k(0x30), false, k(0x30, 0x00), false), d)).isEmpty();
            // a single point, inclusive
            assertThat(keys(scan(engine, new KeyRange(k(0x30), true, k(0x30), true), d))).containsExactly("30");
            // beyond both ends
            assertThat(scan(engine, new KeyRange(k(0xC1), true, null, false), d)).isEmpty();
            assertThat(scan(engine, new KeyRange(null, true, k(0x00), false), d)).isEmpty();
        }
    }

    @Test
    void prefixScans() {
        List<byte[]> stored = List.of(k(), k(0x00), k(0x00, 0xFF), k(0x01), k(0x01, 0x00), k(0x01, 0xFF),
                k(0x01, 0xFF, 0x00), k(0x02), k(0x7F, 0xFF), k(0x80), k(0xFF), k(0xFF, 0xFF), k(0xFF, 0xFF, 0x01));
        for (byte[] key : stored) {
            engine.put(key, v("x"));
        }
        List<byte[]> prefixes = List.of(k(), k(0x00), k(0x01), k(0x01, 0xFF), k(0x01, 0xFF, 0x00), k(0x02), k(0x03),
                k(0x7F), k(0x80), k(0xFF), k(0xFF, 0xFF), k(0xFF, 0xFF, 0xFF));
        for (byte[] prefix : prefixes) {
            List<String> expected = stored.stream().filter(key -> Bytes.startsWith(key, prefix))
                    .map(StorageEngineConformanceTest::hex).toList();
            assertThat(keys(scan(engine, KeyRange.prefix(prefix), Direction.FORWARD)))
                    .as("prefix %s", hex(prefix)).containsExactlyElementsOf(expected);
            assertThat(keys(scan(engine, KeyRange.prefix(prefix), Direction.BACKWARD)))
                    .as("prefix %s backward", hex(prefix)).containsExactlyElementsOf(expected.reversed());
        }
    }

    @Test
    void halfOpenRange() {
        for (int i = 0; i < 10; i++) {
            engine.put(k(i), v("x"));
        }
        assertThat(keys(scan(engine, KeyRange.halfOpen(k(3), k(6)), Direction.FORWARD))).containsExactly("03", "04", "05");
        assertThat(keys(scan(engine, KeyRange.halfOpen(k(3), k(6)), Direction.BACKWARD))).containsExactly("05", "04", "03");
    }

    @Test
    void scanReturnsMatchingValues() {
        for (int i = 0; i < 50; i++) {
            engine.put(k(i, i), v("value-" + i));
        }
        for (Direction d : Direction.values()) {
            for (Map.Entry<byte[], byte[]> e : scan(engine, KeyRange.all(), d)) {
                int i = e.getKey()[0];
                assertThat(e.getValue()).isEqualTo(v("value-" + i));
            }
        }
    }

    /** A cursor stays ordered and complete for untouched keys while its own thread writes in and around its range. */
    @Test
    void scanToleratesWritesWhileOpen() {
        for (int i = 0; i < 200; i += 2) {
            engine.put(k(i), v("even"));
        }
        for (Direction d : Direction.values()) {
            List<String> seen = new ArrayList<>();
            try (Cursor c = engine.scan(new KeyRange(k(10), true, k(190), true), d)) {
                int step = 0;
                while (c.next()) {
                    seen.add(hex(c.key()));
                    // odd keys come and go, multiples of 4 above 100 are deleted and put back
                    engine.put(k((step * 37) % 200 | 1), v("odd"));
                    engine.delete(k((step * 53) % 200 | 1));
                    if (step % 3 == 0) {
                        engine.apply(new WriteBatch().put(k(1, step & 0xFF), v("b")).delete(k(3, step & 0xFF)));
                    }
                    step++;
                }
            }
            assertStrictlyOrdered(seen, d);
            List<String> evens = new ArrayList<>();
            for (int i = 10; i <= 190; i += 2) {
                evens.add(hex(k(i)));
            }
            assertThat(seen).as("every untouched key is seen").containsAll(evens);
            assertThat(seen).allMatch(key -> Integer.parseInt(key.substring(0, 2), 16) >= 10
                    && Integer.parseInt(key.substring(0, 2), 16) <= 190 && key.length() == 2);
            for (int i = 1; i < 200; i += 2) { // clean up the odd keys for the second direction
                engine.delete(k(i));
            }
        }
    }

    // =================================================================== write batches

    @Test
    void batchAppliesPutsAndDeletesInOrder() {
        engine.put(k(1), v("one"));
        engine.put(k(2), v("two"));
        WriteBatch batch = new WriteBatch()
                .put(k(3), v("three"))
                .delete(k(1))
                .put(k(4), v("four"))
                .put(k(4), v("four again")) // last put wins
                .put(k(5), v("five"))
                .delete(k(5))               // put then delete: absent
                .delete(k(2))
                .put(k(2), v("two again"))  // delete then put: present
                .delete(k(6));              // absent key: no-op
        engine.apply(batch);
        assertThat(engine.get(k(1))).isNull();
        assertThat(engine.get(k(2))).isEqualTo(v("two again"));
        assertThat(engine.get(k(3))).isEqualTo(v("three"));
        assertThat(engine.get(k(4))).isEqualTo(v("four again"));
        assertThat(engine.get(k(5))).isNull();
        assertThat(engine.get(k(6))).isNull();
        assertThat(keys(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("02", "03", "04");
    }

    @Test
    void emptyBatchChangesNothing() {
        engine.put(k(1), v("one"));
        engine.apply(new WriteBatch());
        assertThat(render(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("01=" + hex(v("one")));
    }

    @Test
    void batchCanBeAppliedAgainAndReusedAfterClear() {
        WriteBatch batch = new WriteBatch().put(k(1), v("a")).delete(k(2));
        engine.apply(batch);
        engine.put(k(2), v("b"));
        engine.put(k(1), v("changed"));
        engine.apply(batch);
        assertThat(engine.get(k(1))).isEqualTo(v("a"));
        assertThat(engine.get(k(2))).isNull();
        batch.clear();
        batch.put(k(3), v("c"));
        engine.apply(batch);
        assertThat(keys(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("01", "03");
    }

    @Test
    void largeBatch() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 10_000; i++) {
            batch.put(ByteBuffer.allocate(4).putInt(i).array(), v("v" + i));
        }
        for (int i = 0; i < 10_000; i += 2) {
            batch.delete(ByteBuffer.allocate(4).putInt(i).array());
        }
        engine.apply(batch);
        List<Map.Entry<byte[], byte[]>> all = scan(engine, KeyRange.all(), Direction.FORWARD);
        assertThat(all).hasSize(5_000);
        for (int i = 0; i < all.size(); i++) {
            assertThat(ByteBuffer.wrap(all.get(i).getKey()).getInt()).isEqualTo(2 * i + 1);
        }
    }

    /**
     * Batches are atomic for concurrent point reads: a writer applies batches that set ten keys to the
     * same, rising version; readers read the keys in the batch's own order, so a reader that could see
     * half a batch would read a newer version followed by an older one.
     */
    @Test
    @Timeout(60)
    void batchIsAtomicForConcurrentGets() throws Exception {
        int keyCount = 10;
        int batches = 5000;
        WriteBatch first = new WriteBatch();
        for (int i = 0; i < keyCount; i++) {
            first.put(k(0xAA, i), version(0));
        }
        engine.apply(first);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (long ver = 1; ver <= batches; ver++) {
                        WriteBatch b = new WriteBatch();
                        for (int i = 0; i < keyCount; i++) {
                            b.put(k(0xAA, i), version(ver));
                        }
                        engine.apply(b);
                    }
                } finally {
                    done.set(true);
                }
                return null;
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    do {
                        long previous = -1;
                        for (int i = 0; i < keyCount; i++) {
                            byte[] value = engine.get(k(0xAA, i));
                            assertThat(value).as("key %d is never absent", i).isNotNull();
                            long ver = ByteBuffer.wrap(value).getLong();
                            if (ver < previous) {
                                fail("torn batch: key %d has version %d after a key with version %d", i, ver, previous);
                            }
                            previous = ver;
                        }
                        reads.incrementAndGet();
                    } while (!done.get());
                    return null;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> r : readers) {
                r.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reads.get()).isPositive();
        assertThat(ByteBuffer.wrap(engine.get(k(0xAA, keyCount - 1))).getLong()).isEqualTo(batches);
    }

    // =================================================================== cursors

    @Test
    void cursorMustBePositionedBeforeKeyAndValue() {
        engine.put(k(1), v("one"));
        try (Cursor c = engine.scan(KeyRange.all(), Direction.FORWARD)) {
            assertThatThrownBy(c::key).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(c::value).isInstanceOf(IllegalStateException.class);
            assertThat(c.next()).isTrue();
            assertThat(c.key()).isEqualTo(k(1));
            assertThat(c.key()).as("key() does not advance").isEqualTo(k(1));
            assertThat(c.value()).isEqualTo(v("one"));
            assertThat(c.next()).isFalse();
            assertThatThrownBy(c::key).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(c::value).isInstanceOf(IllegalStateException.class);
            assertThat(c.next()).as("an exhausted cursor stays exhausted").isFalse();
        }
    }

    @Test
    void cursorOnEmptyRangeIsExhaustedAtOnce() {
        engine.put(k(1), v("one"));
        for (Direction d : Direction.values()) {
            try (Cursor c = engine.scan(new KeyRange(k(2), true, null, false), d)) {
                assertThat(c.next()).isFalse();
                assertThatThrownBy(c::key).isInstanceOf(IllegalStateException.class);
            }
            try (Cursor c = engine.scan(new KeyRange(k(2), true, k(1), true), d)) {
                assertThat(c.next()).isFalse();
            }
        }
    }

    @Test
    void cursorCloseIsIdempotentAndClosedCursorFails() {
        engine.put(k(1), v("one"));
        engine.put(k(2), v("two"));
        Cursor c = engine.scan(KeyRange.all(), Direction.FORWARD);
        assertThat(c.next()).isTrue();
        c.close();
        c.close();
        assertThatThrownBy(c::next).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::key).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::value).isInstanceOf(IllegalStateException.class);
        // the engine is unaffected
        assertThat(engine.get(k(2))).isEqualTo(v("two"));
        Cursor unused = engine.scan(KeyRange.all(), Direction.BACKWARD);
        unused.close();
        unused.close();
    }

    @Test
    void manyCursorsCanBeOpenAtOnce() {
        for (int i = 0; i < 20; i++) {
            engine.put(k(i), v("x" + i));
        }
        List<Cursor> cursors = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                cursors.add(engine.scan(new KeyRange(k(i), true, null, false), i % 2 == 0 ? Direction.FORWARD : Direction.BACKWARD));
            }
            // advance them interleaved
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < 20; i++) {
                    Cursor c = cursors.get(i);
                    boolean forward = i % 2 == 0;
                    int expectedKey = forward ? i + step : 19 - step;
                    boolean expectMore = forward ? expectedKey < 20 : expectedKey >= i;
                    assertThat(c.next()).isEqualTo(expectMore);
                    if (expectMore) {
                        assertThat(c.key()).isEqualTo(k(expectedKey));
                        assertThat(c.value()).isEqualTo(v("x" + expectedKey));
                    }
                }
            }
        } finally {
            cursors.forEach(Cursor::close);
        }
    }

    // =================================================================== arguments and lifecycle

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> engine.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.put(null, v("x"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.put(k(1), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.delete(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.apply(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.scan(null, Direction.FORWARD)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.scan(KeyRange.all(), null)).isInstanceOf(NullPointerException.class);
        assertThat(engine.get(k(1))).isNull();
    }

    @Test
    void closedEngineRejectsEveryOperation() {
        engine.put(k(1), v("one"));
        engine.close();
        assertThatThrownBy(() -> engine.get(k(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.put(k(2), v("two"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.delete(k(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.apply(new WriteBatch().put(k(3), v("3")))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.apply(new WriteBatch())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.scan(KeyRange.all(), Direction.FORWARD)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.scan(KeyRange.all(), Direction.BACKWARD)).isInstanceOf(IllegalStateException.class);
        engine.close(); // idempotent
    }

    // =================================================================== reopen (durable engines)

    @Test
    void dataSurvivesReopen() {
        Assumptions.assumeTrue(supportsReopen(), "engine is not durable");
        engine.put(k(1), v("one"));
        engine.put(k(2), v("two"));
        engine.put(k(3), v("three"));
        engine.put(k(2), v("two, overwritten"));
        engine.delete(k(3));
        engine.put(k(), new byte[0]);
        engine.apply(new WriteBatch().put(k(4), v("four")).put(k(5), v("five")).delete(k(5)).delete(k(1)));
        List<String> before = render(scan(engine, KeyRange.all(), Direction.FORWARD));
        reopen();
        assertThat(render(scan(engine, KeyRange.all(), Direction.FORWARD))).isEqualTo(before);
        assertThat(engine.get(k(2))).isEqualTo(v("two, overwritten"));
        assertThat(engine.get(k(3))).isNull();
        assertThat(engine.get(k())).isEmpty();
        // writes after a reopen survive the next one
        engine.put(k(3), v("three again"));
        engine.delete(k(4));
        reopen();
        assertThat(keys(scan(engine, KeyRange.all(), Direction.FORWARD))).containsExactly("", "02", "03");
        assertThat(engine.get(k(3))).isEqualTo(v("three again"));
    }

    @Test
    void largeDataSurvivesReopen() {
        Assumptions.assumeTrue(supportsReopen(), "engine is not durable");
        Random random = new Random(11);
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        for (int i = 0; i < 2_000; i++) {
            byte[] key = randomBytes(random, 1 + random.nextInt(40));
            byte[] value = randomBytes(random, random.nextInt(300));
            engine.put(key, value);
            model.put(key, value);
        }
        byte[] bigValue = randomBytes(random, 1 << 20);
        engine.put(k(0xFF, 0xFF), bigValue);
        model.put(k(0xFF, 0xFF), bigValue);
        reopen();
        assertThat(render(scan(engine, KeyRange.all(), Direction.FORWARD))).isEqualTo(render(new ArrayList<>(model.entrySet())));
    }

    /** Closes {@link #engine} and replaces it with the reopened one. */
    protected final void reopen() {
        engine.close();
        engine = reopenEngine(engine);
    }

    // =================================================================== concurrency smoke test

    /**
     * Writers apply batches to disjoint key sets while scanners scan: every scan is strictly ordered,
     * and afterwards the engine holds exactly the union of what the writers left.
     */
    @Test
    @Timeout(120)
    void concurrentWritersAndScanners() throws Exception {
        int writers = 3;
        int scanners = 2;
        int batchesPerWriter = 1000;
        List<TreeMap<byte[], byte[]>> models = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            models.add(new TreeMap<>(Bytes.UNSIGNED_ORDER));
        }
        AtomicInteger writersLeft = new AtomicInteger(writers);
        AtomicInteger scansDone = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + scanners);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int id = w;
                futures.add(pool.submit(() -> {
                    try {
                        start.await();
                        Random random = new Random(1000 + id);
                        TreeMap<byte[], byte[]> model = models.get(id);
                        for (int b = 0; b < batchesPerWriter; b++) {
                            WriteBatch batch = new WriteBatch();
                            int ops = 1 + random.nextInt(8);
                            for (int o = 0; o < ops; o++) {
                                byte[] key = k(0x10 + id, random.nextInt(64), random.nextInt(4));
                                if (random.nextInt(4) == 0) {
                                    batch.delete(key);
                                    model.remove(key);
                                } else {
                                    byte[] value = v(id + ":" + b + ":" + o);
                                    batch.put(key, value);
                                    model.put(key, value);
                                }
                            }
                            engine.apply(batch);
                            if (b % 10 == 0) { // single puts and deletes too
                                byte[] key = k(0x10 + id, 0xFF, b);
                                engine.put(key, v("single"));
                                model.put(key, v("single"));
                                if (b % 20 == 0) {
                                    engine.delete(key);
                                    model.remove(key);
                                }
                            }
                        }
                    } finally {
                        writersLeft.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (int s = 0; s < scanners; s++) {
                int id = s;
                futures.add(pool.submit(() -> {
                    start.await();
                    int round = 0;
                    do {
                        Direction d = (round + id) % 2 == 0 ? Direction.FORWARD : Direction.BACKWARD;
                        KeyRange range = round % 3 == 2 ? KeyRange.prefix(k(0x10 + round % writers)) : KeyRange.all();
                        List<String> keys = keys(scan(engine, range, d));
                        assertStrictlyOrdered(keys, d);
                        for (String key : keys) {
                            int first = Integer.parseInt(key.substring(0, 2), 16);
                            assertThat(first).isBetween(0x10, 0x10 + writers - 1);
                            if (round % 3 == 2) {
                                assertThat(first).isEqualTo(0x10 + round % writers);
                            }
                        }
                        scansDone.incrementAndGet();
                        round++;
                    } while (writersLeft.get() > 0);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        TreeMap<byte[], byte[]> union = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        models.forEach(union::putAll);
        assertThat(render(scan(engine, KeyRange.all(), Direction.FORWARD))).isEqualTo(render(new ArrayList<>(union.entrySet())));
        assertThat(scansDone.get()).isGreaterThanOrEqualTo(scanners);
    }

    // =================================================================== model-based property

    /** One step of the model-based test. */
    public sealed interface Op permits Put, Delete, Batch, Get, Scan, Reopen {}

    public record Put(byte[] key, byte[] value) implements Op {
        @Override
        public String toString() {
            return "put(" + hex(key) + ", " + hex(value) + ")";
        }
    }

    public record Delete(byte[] key) implements Op {
        @Override
        public String toString() {
            return "delete(" + hex(key) + ")";
        }
    }

    /** A batch of puts and deletes. */
    public record Batch(List<Op> ops) implements Op {
        @Override
        public String toString() {
            return "batch" + ops;
        }
    }

    public record Get(byte[] key) implements Op {
        @Override
        public String toString() {
            return "get(" + hex(key) + ")";
        }
    }

    /** A scan that reads at most {@code limit} entries (null: all) and then closes the cursor. */
    public record Scan(KeyRange range, Direction direction, Integer limit) implements Op {
        @Override
        public String toString() {
            return "scan(" + range + ", " + direction + (limit == null ? "" : ", limit " + limit) + ")";
        }
    }

    public record Reopen() implements Op {
        @Override
        public String toString() {
            return "reopen()";
        }
    }

    /**
     * Random sequences of operations, applied to the engine and to a {@link TreeMap} with the
     * unsigned comparator; every get and every scan must agree with the model. Keys come from a
     * five-byte alphabet and are at most three bytes long, so overwrites, deletes of present keys,
     * prefixes and bounds on stored keys are all common.
     */
    @Property(tries = 500)
    protected void behavesLikeASortedMap(@ForAll("operationSequences") List<Op> ops) {
        StorageEngine e = openEngine();
        try {
            TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
            int step = 0;
            for (Op op : ops) {
                String where = "step " + step + ": " + op;
                switch (op) {
                    case Put p -> {
                        e.put(p.key(), p.value());
                        model.put(p.key(), p.value());
                    }
                    case Delete d -> {
                        e.delete(d.key());
                        model.remove(d.key());
                    }
                    case Batch b -> {
                        WriteBatch batch = new WriteBatch();
                        for (Op inner : b.ops()) {
                            switch (inner) {
                                case Put p -> {
                                    batch.put(p.key(), p.value());
                                    model.put(p.key(), p.value());
                                }
                                case Delete d -> {
                                    batch.delete(d.key());
                                    model.remove(d.key());
                                }
                                default -> throw new IllegalStateException("not a batch op: " + inner);
                            }
                        }
                        e.apply(batch);
                    }
                    case Get g -> {
                        byte[] expected = model.get(g.key());
                        assertThat(hexOrNull(e.get(g.key()))).as(where).isEqualTo(hexOrNull(expected));
                    }
                    case Scan s -> {
                        List<String> expected = render(modelScan(model, s.range(), s.direction()));
                        if (s.limit() != null && expected.size() > s.limit()) {
                            expected = expected.subList(0, s.limit());
                        }
                        assertThat(render(scan(e, s.range(), s.direction(), s.limit()))).as(where).isEqualTo(expected);
                        Statistics.label("scan results").collect(expected.isEmpty() ? "empty" : "non-empty");
                    }
                    case Reopen r -> {
                        e.close();
                        e = reopenEngine(e);
                    }
                }
                step++;
            }
            assertThat(render(scan(e, KeyRange.all(), Direction.FORWARD))).as("final contents")
                    .isEqualTo(render(new ArrayList<>(model.entrySet())));
            Statistics.label("final size").collect(model.size() < 5 ? "<5" : model.size() < 20 ? "5..19" : "20+");
        } finally {
            destroyEngine(e);
        }
    }

    @Provide
    protected Arbitrary<List<Op>> operationSequences() {
        Arbitrary<byte[]> keys = modelKeys();
        Arbitrary<byte[]> values = Arbitraries.bytes().list().ofMaxSize(4).map(StorageEngineConformanceTest::toArray);
        Arbitrary<Op> put = Combinators.combine(keys, values).as(Put::new);
        Arbitrary<Op> delete = keys.map(Delete::new);
        Arbitrary<Op> batch = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, put), net.jqwik.api.Tuple.of(2, delete))
                .list().ofMaxSize(6).map(Batch::new);
        Arbitrary<Op> get = keys.map(Get::new);
        Arbitrary<KeyRange> ranges = Combinators
                .combine(keys.injectNull(0.25), Arbitraries.of(true, false), keys.injectNull(0.25), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 9))
                .as((low, lowInc, high, highInc, shape) -> switch (shape) {
                    case 0 -> KeyRange.prefix(low == null ? new byte[0] : low);
                    case 1 -> KeyRange.all();
                    default -> new KeyRange(low, lowInc, high, highInc);
                });
        Arbitrary<Op> scan = Combinators
                .combine(ranges, Arbitraries.of(Direction.class), Arbitraries.integers().between(0, 5).injectNull(0.6))
                .as(Scan::new);
        List<net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Op>>> choices = new ArrayList<>(List.of(
                net.jqwik.api.Tuple.of(6, put),
                net.jqwik.api.Tuple.of(3, delete),
                net.jqwik.api.Tuple.of(2, batch),
                net.jqwik.api.Tuple.of(4, get),
                net.jqwik.api.Tuple.of(4, scan)));
        if (supportsReopen()) {
            choices.add(net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Arbitrary<Op> op = (Arbitrary<Op>) (Arbitrary) Arbitraries.frequencyOf(choices.toArray(new net.jqwik.api.Tuple.Tuple2[0]));
        return op.list().ofMinSize(1).ofMaxSize(80).withSizeDistribution(RandomDistribution.uniform());
    }

    /** Keys of length 0..3 over {00, 01, 7F, 80, FF}: 156 keys in all, so collisions are frequent. */
    private static Arbitrary<byte[]> modelKeys() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)
                .list().ofMaxSize(3).map(StorageEngineConformanceTest::toArray);
    }

    // =================================================================== helpers

    /** Reads a whole scan, closing the cursor. */
    protected static List<Map.Entry<byte[], byte[]>> scan(StorageEngine e, KeyRange range, Direction direction) {
        return scan(e, range, direction, null);
    }

    /** Reads at most {@code limit} entries of a scan (all when null), then closes the cursor. */
    protected static List<Map.Entry<byte[], byte[]>> scan(StorageEngine e, KeyRange range, Direction direction, Integer limit) {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        try (Cursor c = e.scan(range, direction)) {
            while ((limit == null || out.size() < limit) && c.next()) {
                out.add(Map.entry(c.key().clone(), c.value().clone()));
            }
        }
        return out;
    }

    /** What a scan of {@code range} must return, computed from the model by filtering, not by sub-maps. */
    protected static List<Map.Entry<byte[], byte[]>> modelScan(NavigableMap<byte[], byte[]> model, KeyRange range, Direction d) {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
            byte[] key = e.getKey();
            boolean aboveLow = range.low() == null || (range.lowInclusive()
                    ? Arrays.compareUnsigned(key, range.low()) >= 0 : Arrays.compareUnsigned(key, range.low()) > 0);
            boolean belowHigh = range.high() == null || (range.highInclusive()
                    ? Arrays.compareUnsigned(key, range.high()) <= 0 : Arrays.compareUnsigned(key, range.high()) < 0);
            if (aboveLow && belowHigh) {
                out.add(e);
            }
        }
        return d == Direction.FORWARD ? out : out.reversed();
    }

    protected static List<String> render(List<Map.Entry<byte[], byte[]>> entries) {
        return entries.stream().map(e -> hex(e.getKey()) + "=" + hex(e.getValue())).toList();
    }

    protected static List<String> keys(List<Map.Entry<byte[], byte[]>> entries) {
        return entries.stream().map(e -> hex(e.getKey())).toList();
    }

    private static void assertStrictlyOrdered(List<String> hexKeys, Direction d) {
        for (int i = 1; i < hexKeys.size(); i++) {
            int c = Arrays.compareUnsigned(HexFormat.of().parseHex(hexKeys.get(i - 1)), HexFormat.of().parseHex(hexKeys.get(i)));
            if (d == Direction.FORWARD ? c >= 0 : c <= 0) {
                fail("%s scan not strictly ordered at %d: %s then %s", d, i, hexKeys.get(i - 1), hexKeys.get(i));
            }
        }
    }

    protected static byte[] k(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    protected static byte[] v(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    protected static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String hexOrNull(byte[] b) {
        return b == null ? null : hex(b);
    }

    private static byte[] version(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
