package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static org.assertj.core.api.Assertions.assertThat;

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
 * Dead collections are reclaimed: after DEL, an overwriting SET, expiry, RENAME and FLUSHDB, the
 * reclaimer deletes the old versions' sub-keys and vacuum removes them from the engine — counted
 * as raw engine records — while live collections keep every element.
 */
class KvReclaimTest {
    private static final int FIELDS = 1500;
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

    /** Raw engine records (every MVCC version) of sub-keys and score-index entries. */
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

    private void bigHash(String key) {
        List<byte[]> fields = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < FIELDS; i++) {
            fields.add(b("f" + i));
            values.add(b("v" + i));
        }
        db.hashes().set(b(key), fields, values, false);
    }

    private void bigZset(String key) {
        List<Double> scores = new ArrayList<>();
        List<byte[]> members = new ArrayList<>();
        for (int i = 0; i < FIELDS; i++) {
            scores.add((double) i);
            members.add(b("m" + i));
        }
        db.sortedSets().add(b(key), scores, members, new KvSortedSets.AddOptions(false, false, false, false, false, false));
    }

    private long reclaimAndVacuum() {
        long deleted = store.reclaimNow();
        txns.vacuum(store.kvRelation());
        return deleted;
    }

    @Test
    void deletedOverwrittenExpiredRenamedAndFlushedCollectionsAreReclaimed() {
        bigHash("live");
        bigHash("deleted");
        bigHash("overwritten");
        bigHash("expiring");
        bigZset("board");
        bigZset("renamed");
        reclaimAndVacuum();
        long liveOnly = 1L * FIELDS;
        assertThat(rawSubRecords()).isEqualTo(4L * FIELDS + 2L * 2 * FIELDS);

        assertThat(db.delete(List.of(b("deleted"), b("board")))).isEqualTo(2);         // DEL: O(1), one metadata row
        db.set(b("overwritten"), b("now a string"), SetOptions.PLAIN);                 // SET over a hash
        db.expireAt(b("expiring"), clock.get() + 10, ExpireCondition.ALWAYS);
        clock.addAndGet(20);
        assertThat(store.expireDue()).isEqualTo(1);                                      // the active expirer deletes it
        assertThat(db.rename(b("renamed"), b("moved"), false)).isTrue();                 // a copy under a new version

        long deleted = reclaimAndVacuum();
        assertThat(deleted).isEqualTo(3L * FIELDS + 2L * 2 * FIELDS);
        assertThat(rawSubRecords()).isEqualTo(liveOnly + 2L * FIELDS);                   // "live" and "moved" remain
        assertThat(db.hashes().length(b("live"))).isEqualTo(FIELDS);
        assertThat(db.sortedSets().card(b("moved"))).isEqualTo(FIELDS);
        assertThat(db.hashes().get(b("live"), b("f1499"))).isEqualTo(b("v1499"));

        db.flush();
        reclaimAndVacuum();
        assertThat(rawSubRecords()).isZero();
        assertThat(store.reclaimedRows()).isEqualTo(deleted + liveOnly + 2L * FIELDS);
    }

    @Test
    void aRecreatedCollectionKeepsItsNewElements() {
        bigHash("h");
        db.delete(List.of(b("h")));
        db.hashes().set(b("h"), List.of(b("only")), List.of(b("1")), false);
        assertThat(store.reclaimNow()).isEqualTo(FIELDS);
        assertThat(db.hashes().entries(b("h"))).hasSize(1);
        assertThat(store.reclaimNow()).isZero();
    }
}
