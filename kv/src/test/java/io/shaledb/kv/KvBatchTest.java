package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static io.shaledb.kv.Utf8.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write path's shortcuts inside {@link KvStore#atomically} batches and lone commands: the row
 * cache ({@link KvRowCache}) must never outlive a savepoint rollback, rows rewritten in place
 * must end up as their last write, and a batch wider than the cache must still be exact.
 */
class KvBatchTest {
    private final MemoryKv kv = new MemoryKv(Durability.EVERYSEC);
    private final KvStore store = kv.store;
    private final KvDatabase db = kv.db;

    @AfterEach
    void close() {
        kv.close();
    }

    @Test
    void aCommandThatFailsAfterWritingLeavesNoTraceInTheBatchOrAfterIt() {
        byte[] k = b("k");
        db.set(k, b("0"), SetOptions.PLAIN);
        store.atomically(0, List.of(k), false, () -> {
            db.incrBy(k, 1);
            assertThatThrownBy(() -> store.write(0, List.of(k), t -> {
                t.put(0, k, t.get(0, k), KvMeta.string(b("garbage"), 0));
                throw new KvException("ERR fails after its write");
            })).isInstanceOf(KvException.class);
            assertThat(s(db.get(k))).isEqualTo("1"); // the cache forgot the rolled-back write
            db.incrBy(k, 1);
            return null;
        });
        assertThat(s(db.get(k))).isEqualTo("2");
    }

    @Test
    void aFailingPushInABatchDoesNotShiftTheList() {
        byte[] list = b("list");
        db.lists().push(list, List.of(b("a")), true, false);
        store.atomically(0, List.of(list), false, () -> {
            db.lists().push(list, List.of(b("b")), true, false);
            assertThatThrownBy(() -> store.write(0, List.of(list), t -> {
                db.lists().push(list, List.of(b("x"), b("y")), true, false); // joins the batch: its own savepoint
                throw new KvException("ERR fails after a nested push");
            })).isInstanceOf(KvException.class);
            db.lists().push(list, List.of(b("c")), true, false);
            return null;
        });
        assertThat(db.lists().range(list, 0, -1)).map(Utf8::s).containsExactly("c", "b", "a");
    }

    @Test
    void manyRewritesOfOneKeyInABatchLeaveTheLastValueAndOneLiveVersion() {
        byte[] k = b("counter");
        store.atomically(0, List.of(k), false, () -> {
            for (int i = 0; i < 64; i++) {
                db.incrBy(k, 1);
            }
            return null;
        });
        for (int i = 0; i < 10; i++) { // lone commands after the batch: a new version each, chain pruned
            db.incrBy(k, 1);
        }
        assertThat(s(db.get(k))).isEqualTo("74");
        assertThat(db.hashes().set(b("h"), List.of(b("f")), List.of(b("v1")), false)).isEqualTo(1);
        assertThat(db.hashes().set(b("h"), List.of(b("f")), List.of(b("v2")), false)).isZero();
        assertThat(s(db.hashes().get(b("h"), b("f")))).isEqualTo("v2");
    }

    @Test
    void aBatchTouchingMoreRowsThanTheCacheHoldsStaysExact() {
        byte[] h = b("wide");
        List<byte[]> fields = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            fields.add(b("f" + i));
            values.add(b("v" + i));
        }
        store.atomically(0, List.of(h), false, () -> {
            db.hashes().set(h, fields, values, false);
            db.hashes().set(h, fields.subList(0, 10), values.subList(10, 20), false); // rewritten after the overflow
            assertThat(db.hashes().delete(h, List.of(b("f4999"), b("nope")))).isEqualTo(1);
            return null;
        });
        assertThat(db.hashes().length(h)).isEqualTo(4999);
        assertThat(s(db.hashes().get(h, b("f3")))).isEqualTo("v13");
        assertThat(db.hashes().get(h, b("f4999"))).isNull();
    }

    @Test
    void pushesPopsAndPushesAgainInOneBatchReuseSlotsCorrectly() {
        byte[] list = b("q");
        db.lists().push(list, List.of(b("a"), b("b")), false, false); // a b
        store.atomically(0, List.of(list), false, () -> {
            db.lists().push(list, List.of(b("x")), true, false);        // x a b   (slot -1, fresh)
            assertThat(db.lists().pop(list, true, 1)).map(Utf8::s).containsExactly("x");
            db.lists().push(list, List.of(b("y")), true, false);        // y a b   (slot -1 again: has a version)
            db.lists().push(list, List.of(b("z")), false, false);       // y a b z (slot 2, fresh)
            assertThat(db.lists().pop(list, false, 1)).map(Utf8::s).containsExactly("z");
            db.lists().push(list, List.of(b("w"), b("v")), false, false); // y a b w v
            return null;
        });
        assertThat(db.lists().range(list, 0, -1)).map(Utf8::s).containsExactly("y", "a", "b", "w", "v");
        for (int i = 0; i < 100; i++) { // lone pushes and pops across the first fresh range's end
            db.lists().push(list, List.of(b("l" + i)), true, false);
            if (i % 3 == 0) {
                db.lists().pop(list, true, 1);
            }
        }
        assertThat(db.lists().length(list)).isEqualTo(5 + 100 - 34);
        assertThat(s(db.lists().index(list, 0))).isEqualTo("l98"); // l99 was pushed and popped
        store.reclaimNow();
        assertThat(s(db.lists().index(list, -1))).isEqualTo("v");
    }

    @Test
    void theRowCacheFindsSmallAndLargeSetsOfRowsAndForgets() {
        KvRowCache cache = new KvRowCache();
        for (int i = 0; i < 20; i++) {
            cache.put(b("row" + i), i % 2 == 0 ? null : new io.shaledb.txn.Version(b("row" + i), 1, 3, 0, 0, 0, 0, b("p" + i)));
        }
        assertThat(cache.get(b("row4"))).isSameAs(KvRowCache.ABSENT);
        assertThat(s(cache.get(b("row15")).payload())).isEqualTo("p15");
        assertThat(cache.get(b("row20"))).isNull();
        cache.forget(b("row3"));
        cache.forget(b("row17"));
        assertThat(cache.get(b("row3"))).isNull();
        assertThat(cache.get(b("row17"))).isNull();
        assertThat(s(cache.get(b("row7")).payload())).isEqualTo("p7");
        cache.clear();
        assertThat(cache.get(b("row7"))).isNull();
        assertThat(cache.overflowed()).isFalse();
    }
}
