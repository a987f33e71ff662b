package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static io.shaledb.kv.Utf8.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.TxnOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random command sequences on a {@link KvDatabase} against a model (a sorted map of value and
 * deadline), with a fake clock so keys expire mid-sequence: every reply and the whole key space
 * must agree after each step.
 */
class KvModelTest {
    private MemoryEngine engine;
    private TransactionManager txns;
    private KvStore store;
    private final AtomicLong clock = new AtomicLong(1_000_000);

    @BeforeEach
    void open() {
        engine = new MemoryEngine();
        txns = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row");
        store = new KvStore(txns, engine, Durability.ALWAYS, clock::get, Duration.ZERO);
    }

    @AfterEach
    void close() {
        if (store == null) {
            return;
        }
        store.close();
        txns.close();
        engine.close();
        store = null;
    }

    record Entry(String value, long expireAt) {}

    @Property(tries = 25)
    void randomCommandsAgreeWithTheModel(@ForAll long seed) {
        close();
        open();
        try {
            run(seed);
        } finally {
            close();
        }
    }

    private void run(long seed) {
        Random r = new Random(seed);
        KvDatabase db = store.database(r.nextInt(16));
        TreeMap<String, Entry> model = new TreeMap<>();
        List<String> trace = new ArrayList<>();
        String[] keys = {"a", "b", "c", "k:1", "k:2", "zz"};
        for (int step = 0; step < 150; step++) {
            long now = clock.get();
            model.values().removeIf(e -> e.expireAt != 0 && e.expireAt <= now);
            String k = keys[r.nextInt(keys.length)];
            Entry cur = model.get(k);
            int op = r.nextInt(12);
            trace.add(op + ":" + k + "@" + now);
            switch (op) {
                case 0 -> {
                    String v = "v" + r.nextInt(100);
                    boolean nx = r.nextInt(4) == 0;
                    long ttl = r.nextBoolean() ? 0 : 1 + r.nextInt(50);
                    SetOptions o = new SetOptions(nx ? SetOptions.Condition.IF_ABSENT : SetOptions.Condition.ALWAYS,
                            ttl == 0 ? SetOptions.Expiry.CLEAR : SetOptions.Expiry.AT, now + ttl, true);
                    SetOptions.Result res = db.set(b(k), b(v), o);
                    assertThat(s(res.old())).isEqualTo(cur == null ? null : cur.value);
                    assertThat(res.written()).isEqualTo(!nx || cur == null);
                    if (res.written()) {
                        model.put(k, new Entry(v, ttl == 0 ? 0 : now + ttl));
                    }
                }
                case 1 -> assertThat(s(db.get(b(k)))).isEqualTo(cur == null ? null : cur.value);
                case 2 -> {
                    assertThat(db.delete(List.of(b(k)))).isEqualTo(cur == null ? 0 : 1);
                    model.remove(k);
                }
                case 3 -> {
                    long delta = r.nextInt(21) - 10;
                    Long old = cur == null ? Long.valueOf(0) : KvDatabase.strictLong(b(cur.value));
                    if (old == null) {
                        assertThatThrownBy(() -> db.incrBy(b(k), delta)).hasMessage(KvException.NOT_INTEGER);
                    } else {
                        assertThat(db.incrBy(b(k), delta)).isEqualTo(old + delta);
                        model.put(k, new Entry(Long.toString(old + delta), cur == null ? 0 : cur.expireAt));
                    }
                }
                case 4 -> {
                    String suffix = "x" + r.nextInt(10);
                    String joined = (cur == null ? "" : cur.value) + suffix;
                    assertThat(db.append(b(k), b(suffix))).isEqualTo(joined.length());
                    model.put(k, new Entry(joined, cur == null ? 0 : cur.expireAt));
                }
                case 5 -> {
                    long at = now + r.nextInt(40) - 5;
                    boolean done = db.expireAt(b(k), at, ExpireCondition.ALWAYS);
                    assertThat(done).isEqualTo(cur != null);
                    if (cur != null) {
                        if (at <= now) {
                            model.remove(k);
                        } else {
                            model.put(k, new Entry(cur.value, at));
                        }
                    }
                }
                case 6 -> {
                    assertThat(db.persist(b(k))).isEqualTo(cur != null && cur.expireAt != 0);
                    if (cur != null) {
                        model.put(k, new Entry(cur.value, 0));
                    }
                }
                case 7 -> assertThat(db.ttlMillis(b(k))).isEqualTo(cur == null ? -2 : cur.expireAt == 0 ? -1 : cur.expireAt - now);
                case 8 -> clock.addAndGet(r.nextInt(15));
                case 9 -> {
                    String dst = keys[r.nextInt(keys.length)];
                    if (cur == null) {
                        assertThatThrownBy(() -> db.rename(b(k), b(dst), false)).hasMessage(KvException.NO_SUCH_KEY);
                    } else {
                        assertThat(db.rename(b(k), b(dst), false)).isTrue();
                        model.remove(k);
                        model.put(dst, cur);
                    }
                }
                case 10 -> {
                    List<byte[]> ks = List.of(b(k), b(keys[r.nextInt(keys.length)]));
                    List<byte[]> vs = List.of(b("m1"), b("m2"));
                    db.mset(ks, vs, false);
                    model.put(s(ks.get(0)), new Entry("m1", 0));
                    model.put(s(ks.get(1)), new Entry("m2", 0));
                }
                default -> {
                    if (r.nextBoolean()) {
                        while (store.expireDue() > 0) {
                            // every due key deleted
                        }
                        assertThat(db.size()).as("after %s", trace).isEqualTo(model.size());
                    } else { // as Redis's dbsize, the count includes expired keys expiry has not deleted yet
                        assertThat(db.size()).isGreaterThanOrEqualTo(model.size());
                    }
                }
            }
            long after = clock.get();
            model.values().removeIf(e -> e.expireAt != 0 && e.expireAt <= after);
            assertThat(db.keys(b("*")).stream().map(Utf8::s).toList()).as("after %s", trace).isEqualTo(new ArrayList<>(model.keySet()));
        }
        List<String> scanned = new ArrayList<>();
        long cursor = 0;
        do {
            KvDatabase.ScanPage page = db.scan(cursor, null, 2, null);
            page.keys().forEach(x -> scanned.add(s(x)));
            cursor = page.cursor();
        } while (cursor != 0);
        assertThat(scanned).isEqualTo(new ArrayList<>(model.keySet()));
    }

    @Test
    void activeExpiryDeletesDueKeysAndLeavesTheOthers() {
        KvDatabase db = store.database(0);
        for (int i = 0; i < 200; i++) {
            db.set(b("k" + i), b("v"), new SetOptions(SetOptions.Condition.ALWAYS, SetOptions.Expiry.AT, clock.get() + (i % 2 == 0 ? 10 : 100_000), false));
        }
        db.set(b("forever"), b("v"), SetOptions.PLAIN);
        clock.addAndGet(11);
        while (store.expireDue() > 0) {
            // drain
        }
        assertThat(store.expiredKeys()).isEqualTo(100);
        assertThat(db.size()).isEqualTo(101);
        // the index holds nothing due any more: a second pass finds nothing
        assertThat(store.expireDue()).isZero();
    }

    @Test
    void wrongTypeAndNumberErrorsUseRedisTexts() {
        KvDatabase db = store.database(0);
        db.set(b("s"), b("abc"), SetOptions.PLAIN);
        assertThatThrownBy(() -> db.incrBy(b("s"), 1)).hasMessage("ERR value is not an integer or out of range");
        db.set(b("n"), b(Long.toString(Long.MAX_VALUE)), SetOptions.PLAIN);
        assertThatThrownBy(() -> db.incrBy(b("n"), 1)).hasMessage("ERR increment or decrement would overflow");
        assertThat(s(db.incrByFloat(b("f"), b("0.1")))).isEqualTo("0.1");
        assertThat(s(db.incrByFloat(b("f"), b("0.2")))).isEqualTo("0.3");
        assertThat(s(db.incrByFloat(b("f"), b("-0.3")))).isEqualTo("0");
        assertThat(db.setRange(b("r"), 3, b("x"))).isEqualTo(4);
        assertThat(db.get(b("r"))).containsExactly(0, 0, 0, 'x');
        assertThat(s(db.getRange(b("s"), -2, -1))).isEqualTo("bc");
        assertThat(s(db.getRange(b("s"), 0, 100))).isEqualTo("abc");
        assertThat(s(db.getRange(b("s"), 5, 10))).isEmpty();
    }

    @Test
    void concurrentIncrementsAreNotLost() throws Exception {
        KvDatabase db = store.database(0);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 250; i++) {
                    db.incrBy(b("counter"), 1);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(s(db.get(b("counter")))).isEqualTo("1000");
    }
}
