package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RANDOMKEY: exact picks in a small database, spread picks in a big one, never an expired key. */
class KvRandomKeyTest {
    private final MemoryKv kv = new MemoryKv(Durability.ALWAYS);
    private final AtomicLong clock = kv.clock;
    private final KvDatabase db = kv.db;

    @AfterEach
    void close() {
        kv.close();
    }

    private Set<String> picks(int n) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            byte[] k = db.randomKey();
            seen.add(k == null ? null : new String(k, StandardCharsets.UTF_8));
        }
        return seen;
    }

    @Test
    void smallDatabasesPickEveryLiveKey() {
        assertThat(db.randomKey()).isNull();
        db.set(b("foo"), b("x"), SetOptions.PLAIN);
        db.set(b("bar"), b("y"), SetOptions.PLAIN);
        db.set(b("old"), b("z"), new SetOptions(SetOptions.Condition.ALWAYS, SetOptions.Expiry.AT, clock.get() + 10, false));
        clock.addAndGet(20);
        assertThat(picks(100)).containsExactlyInAnyOrder("foo", "bar");
        db.delete(java.util.List.of(b("foo"), b("bar")));
        assertThat(picks(10)).containsOnlyNulls();
    }

    @Test
    void bigDatabasesSpreadThePicksAndSkipExpiredKeys() {
        for (int i = 0; i < 2_000; i++) {
            long expiry = i % 2 == 0 ? clock.get() + 10 : 0; // half of them expire
            db.set(b("key:" + i), b("v"), new SetOptions(SetOptions.Condition.ALWAYS,
                    expiry == 0 ? SetOptions.Expiry.CLEAR : SetOptions.Expiry.AT, expiry, false));
        }
        clock.addAndGet(20);
        Set<String> seen = picks(300);
        assertThat(seen).doesNotContainNull().allMatch(k -> Integer.parseInt(k.substring(4)) % 2 == 1);
        assertThat(seen.size()).as("distinct keys in 300 picks (a trie walk, not uniform: ~80 of ~260)").isGreaterThan(40);
    }
}
