package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static io.shaledb.kv.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * COPY and MOVE give the new key a version of its own: the copy of every type is independent of
 * its source (changing, deleting or expiring one leaves the other whole), the reclaimer frees
 * exactly the rows of the copy that died, and a copied TTL expires the copy through the active
 * expirer, in another database too.
 */
class KvCopyTest {
    private static final int N = 300;
    private final MemoryKv kv = new MemoryKv(Durability.ALWAYS);
    private final MemoryEngine engine = kv.engine;
    private final TransactionManager txns = kv.txns;
    private final AtomicLong clock = kv.clock;
    private final KvStore store = kv.store;
    private final KvDatabase db = kv.db;

    @AfterEach
    void close() {
        kv.close();
    }

    private long rawSubRecords() {
        long n = 0;
        for (byte space : new byte[] {'s', 'z'}) {
            try (Cursor c = engine.scan(KeyRange.prefix(new byte[] {'k', space}), Direction.FORWARD)) {
                while (c.next()) {
                    n++;
                }
            }
        }
        return n;
    }

    private void fill() {
        List<byte[]> items = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            items.add(b("e" + i));
            scores.add((double) (N - i));
        }
        db.set(b("str"), b("hello"), SetOptions.PLAIN);
        db.lists().push(b("list"), items, false, false);
        db.sets().add(b("set"), items);
        db.hashes().set(b("hash"), items, items, false);
        db.sortedSets().add(b("zset"), scores, items, new KvSortedSets.AddOptions(false, false, false, false, false, false));
    }

    @Test
    void copiesAreIndependentAndTheirRowsAreReclaimed() {
        fill();
        store.reclaimNow();
        txns.vacuum(store.kvRelation());
        long before = rawSubRecords(); // list + set + hash + 2 x zset
        assertThat(before).isEqualTo(5L * N);
        for (String k : List.of("str", "list", "set", "hash", "zset")) {
            assertThat(db.copy().copy(b(k), b(k + "2"), 0, false)).as(k).isTrue();
            assertThat(db.copy().copy(b(k), b(k + "2"), 0, false)).as("%s again without REPLACE", k).isFalse();
        }
        assertThat(rawSubRecords()).isEqualTo(2 * before);
        assertThat(strings(db.lists().range(b("list2"), 0, 2))).containsExactly("e0", "e1", "e2");
        assertThat(db.sortedSets().rank(b("zset2"), b("e0"), false)).isEqualTo(N - 1);

        db.lists().push(b("list2"), List.of(b("extra")), true, false);                 // change the copy
        db.delete(List.of(b("set"), b("hash"), b("zset"), b("str")));                 // delete the sources
        assertThat(db.lists().length(b("list"))).isEqualTo(N);
        assertThat(db.sets().card(b("set2"))).isEqualTo(N);
        assertThat(db.hashes().get(b("hash2"), b("e7"))).isEqualTo(b("e7"));
        assertThat(db.sortedSets().score(b("zset2"), b("e7"))).isEqualTo((double) (N - 7));
        assertThat(db.get(b("str2"))).isEqualTo(b("hello"));

        assertThat(store.reclaimNow()).isEqualTo(4L * N);                              // set, hash, zset (2 rows each member)
        txns.vacuum(store.kvRelation());
        assertThat(rawSubRecords()).isEqualTo(before + N + 1);                         // list, list2 (+1), set2, hash2, zset2
    }

    @Test
    void replaceKeepsTheTtlAndTheCopyExpiresInAnotherDatabase() {
        fill();
        db.expireAt(b("hash"), clock.get() + 1_000, ExpireCondition.ALWAYS);
        KvDatabase other = store.database(5);
        other.set(b("hash"), b("old"), SetOptions.PLAIN);
        assertThat(db.copy().copy(b("hash"), b("hash"), 5, false)).isFalse();
        assertThat(db.copy().copy(b("hash"), b("hash"), 5, true)).isTrue();
        assertThat(other.expireTime(b("hash"))).isEqualTo(clock.get() + 1_000);
        assertThat(other.hashes().length(b("hash"))).isEqualTo(N);
        assertThatThrownBy(() -> db.copy().copy(b("hash"), b("hash"), 0, true)).hasMessage("ERR source and destination objects are the same");

        clock.addAndGet(2_000);
        assertThat(store.expireDue()).isEqualTo(2);                                    // the source and its copy
        assertThat(other.type(b("hash"))).isNull();
        assertThat(store.reclaimNow()).isEqualTo(2L * N);
    }

    @Test
    void moveCarriesValueAndTtlAndRefusesAnExistingTarget() {
        fill();
        db.expireAt(b("zset"), clock.get() + 5_000, ExpireCondition.ALWAYS);
        KvDatabase other = store.database(1);
        assertThat(db.copy().move(b("zset"), 1)).isTrue();
        assertThat(db.type(b("zset"))).isNull();
        assertThat(other.sortedSets().card(b("zset"))).isEqualTo(N);
        assertThat(other.expireTime(b("zset"))).isEqualTo(clock.get() + 5_000);
        assertThat(other.sortedSets().rangeByRank(b("zset"), 0, 0, false).get(0).member()).isEqualTo(b("e" + (N - 1)));
        other.set(b("str"), b("there"), SetOptions.PLAIN);
        assertThat(db.copy().move(b("str"), 1)).isFalse();
        assertThat(db.get(b("str"))).isEqualTo(b("hello"));
        assertThat(db.copy().move(b("nosuch"), 1)).isFalse();
        assertThat(store.reclaimNow()).isEqualTo(2L * N);                              // the moved set's old rows
        assertThat(other.sortedSets().card(b("zset"))).isEqualTo(N);
    }
}
