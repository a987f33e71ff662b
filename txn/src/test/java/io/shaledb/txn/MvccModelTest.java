package io.shaledb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.txn.MvccModel.Expect;
import io.shaledb.txn.MvccModel.Txn;
import io.shaledb.txn.MvccModel.Ver;
import io.shaledb.txn.Transaction.LockOutcome;
import io.shaledb.txn.Transaction.RowLock;
import io.shaledb.txn.lock.LockMode;
import io.shaledb.txn.lock.WaitPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model-based test of the MVCC layer: random interleavings of up to {@value #MAX_OPEN} concurrent
 * transactions at all four isolation levels, driven deterministically from one thread, each
 * operation checked against {@link MvccModel}. Operations: begin, new statement, get, range scans in
 * both directions, insert, lock + update, lock + delete, lock + mark (SELECT FOR UPDATE), savepoint,
 * rollback to and release of savepoints, commit, rollback, vacuum, and a fresh committed-state
 * observer. A row lock held by another transaction is only ever requested with NOWAIT or SKIP LOCKED
 * (the model says which rows are held), so nothing blocks.
 *
 * <p>Every read result, lock outcome, failure kind and commit result must equal the model's. On a
 * mismatch the failure message holds the seed and the operation history. Defaults: 150 seeds of
 * 400 steps on the memory engine, 25 each on the B+Tree and LSM engines (on a simulated disk).
 * {@code -Dshaledb.txn.model.seeds=N} scales all three, {@code -Dshaledb.txn.model.seed=S} runs
 * one seed, {@code -Dshaledb.txn.model.steps=N} changes the length.
 */
class MvccModelTest {
    private static final Logger LOG = LoggerFactory.getLogger(MvccModelTest.class);
    static final int MAX_OPEN = 4;
    private static final int KEYS = 10;
    private static final byte[] PREFIX = {'t', 1};
    private static final IsolationLevel[] LEVELS = IsolationLevel.values();

    @Test
    void memoryEngine() {
        runSeeds(TestStore.Kind.MEMORY, 150);
    }

    @Test
    void btreeEngine() {
        runSeeds(TestStore.Kind.BTREE, 25);
    }

    @Test
    void lsmEngine() {
        runSeeds(TestStore.Kind.LSM, 25);
    }

    private static void runSeeds(TestStore.Kind kind, int defaultSeeds) {
        Long only = Long.getLong("shaledb.txn.model.seed");
        int seeds = Integer.getInteger("shaledb.txn.model.seeds", defaultSeeds);
        int steps = Integer.getInteger("shaledb.txn.model.steps", 400);
        long base = kind.ordinal() * 1_000_003L;
        Stats total = new Stats();
        for (int i = 0; i < (only != null ? 1 : seeds); i++) {
            long seed = only != null ? only : base + i;
            try (TestStore store = TestStore.simulated(kind)) {
                new Run(store, seed, steps, total).run();
            }
        }
        LOG.info("MVCC model on {}: {} seeds; {}", kind, only != null ? 1 : seeds, total);
        assertThat(total.commits).as("the workload must commit transactions").isPositive();
    }

    /** Counters that show the workload reached the interesting cases. */
    static final class Stats {
        long commits;
        long aborts;
        long serializationFailures;
        long duplicates;
        final Map<LockOutcome, Long> outcomes = new HashMap<>();
        long reads;
        long vacuumedVersions;
        long doubleVisible;
        long restarts;

        @Override
        public String toString() {
            return "commits " + commits + ", rollbacks " + aborts + ", serialization failures " + serializationFailures
                    + ", duplicate keys " + duplicates + ", lock outcomes " + outcomes + ", checked reads " + reads
                    + ", versions vacuumed " + vacuumedVersions + ", double-visible reads " + doubleVisible + ", restarts " + restarts;
        }
    }

    /** One transaction as both sides know it; its id must exceed {@code xidFloor} (every id used before the last restart). */
    private record Slot(Transaction tx, Txn model, long xidFloor) {}

    private static final class Run {
        private final Random r;
        private final long seed;
        private final int steps;
        private final Stats stats;
        private final TestStore store;
        private StorageEngine engine;
        private Relation rel;
        private TransactionManager tm;
        private long maxXid;
        private long xidFloor;
        private int restarts;
        private final MvccModel model = new MvccModel(KEYS);
        private final List<Slot> open = new ArrayList<>();
        private final List<String> history = new ArrayList<>();
        private int values;
        private int savepoints;

        Run(TestStore store, long seed, int steps, Stats stats) {
            this.r = new Random(seed);
            this.seed = seed;
            this.steps = steps;
            this.stats = stats;
            this.store = store;
            openManager();
        }

        private void openManager() {
            engine = store.engine("data");
            rel = new Relation(1, "t", engine, PREFIX);
            tm = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row " + t);
        }

        void run() {
            try {
                for (int step = 0; step < steps; step++) {
                    step();
                }
                while (!open.isEmpty()) {
                    Slot s = open.getFirst();
                    if (r.nextBoolean()) {
                        commit(s);
                    } else {
                        rollback(s);
                    }
                }
                checkObserver();
                stats.vacuumedVersions += tm.vacuum(rel).removed();
                checkObserver();
                // Nobody runs any more: exactly one version per live row is left.
                assertThat(TestStore.countKeys(engine, PREFIX)).as(context("raw versions after the final vacuum"))
                        .isEqualTo(model.committedState().size());
                stats.doubleVisible += model.doubleVisibleCount();
            } finally {
                tm.close();
            }
        }

        private void step() {
            int pick = r.nextInt(100);
            if (open.isEmpty() || (open.size() < MAX_OPEN && pick < 8)) {
                begin();
                return;
            }
            if (pick < 11) {
                vacuum();
                return;
            }
            if (pick < 13) {
                checkObserver();
                return;
            }
            if (pick < 14 && r.nextInt(2) == 0) {
                restart();
                return;
            }
            Slot s = open.get(r.nextInt(open.size()));
            int op = r.nextInt(100);
            if (op < 12 || !s.model().started()) {
                statement(s);
            } else if (op < 27) {
                get(s);
            } else if (op < 37) {
                scan(s);
            } else if (op < 49) {
                insert(s);
            } else if (op < 64) {
                write(s, WriteKind.UPDATE);
            } else if (op < 72) {
                write(s, WriteKind.DELETE);
            } else if (op < 77) {
                write(s, WriteKind.MARK);
            } else if (op < 81) {
                savepoint(s);
            } else if (op < 84) {
                rollbackToSavepoint(s);
            } else if (op < 86) {
                releaseSavepoint(s);
            } else if (op < 95) {
                commit(s);
            } else {
                rollback(s);
            }
        }

        // ------------------------------------------------------------ operations

        private void begin() {
            IsolationLevel level = LEVELS[r.nextInt(LEVELS.length)];
            boolean readOnly = r.nextInt(12) == 0;
            Slot s = new Slot(tm.begin(level, readOnly, open.size() + 1), model.begin(level, readOnly), xidFloor);
            open.add(s);
            log(s, "begin " + level.pgName() + (readOnly ? " read only" : ""));
        }

        private void statement(Slot s) {
            s.tx().beginStatement(() -> false, 0);
            model.beginStatement(s.model());
            log(s, "statement " + s.model().cid);
        }

        private void get(Slot s) {
            int k = r.nextInt(KEYS);
            Version v = s.tx().get(rel, key(k));
            Ver m = model.get(s.model(), k);
            log(s, "get " + k + " -> " + payload(v));
            check("get " + k + " by " + s.model(), payload(v), m == null ? null : m.value);
        }

        private void scan(Slot s) {
            Integer lo = r.nextInt(4) == 0 ? null : r.nextInt(KEYS);
            Integer hi = r.nextInt(4) == 0 ? null : r.nextInt(KEYS);
            boolean loIncl = r.nextBoolean();
            boolean hiIncl = r.nextBoolean();
            KeyRange range = new KeyRange(lo == null ? PREFIX : key(lo), lo == null || loIncl,
                    hi == null ? Bytes.prefixEnd(PREFIX) : key(hi), hi != null && hiIncl);
            int mlo = lo == null ? 0 : loIncl ? lo : lo + 1;
            int mhi = hi == null ? KEYS - 1 : hiIncl ? hi : hi - 1;
            Direction dir = r.nextBoolean() ? Direction.FORWARD : Direction.BACKWARD;
            List<String> got = new ArrayList<>();
            try (VersionScan scan = s.tx().scan(rel, range, dir)) {
                while (scan.next()) {
                    got.add(payload(scan.current()));
                }
            }
            List<String> want = new ArrayList<>(model.scan(s.model(), mlo, mhi).stream().map(v -> v.value).toList());
            if (dir == Direction.BACKWARD) {
                java.util.Collections.reverse(want);
            }
            log(s, "scan " + (lo == null ? "-" : (loIncl ? "[" : "(") + lo) + ".." + (hi == null ? "-" : hi + (hiIncl ? "]" : ")"))
                    + " " + dir + " -> " + got);
            check("scan by " + s.model(), got, want);
        }

        private void insert(Slot s) {
            int k = pickKey(s, true, r.nextInt(4) != 0);
            if (k < 0) {
                return;
            }
            String value = newValue(s);
            Expect want = model.insert(s.model(), k, value);
            Expect got = attempt(() -> {
                s.tx().insert(rel, key(k), bytes(value));
                return Expect.OK;
            });
            log(s, "insert " + k + "=" + value + " -> " + got);
            check("insert " + k + " by " + s.model(), got.failure(), want.failure());
            afterFailure(s, got);
        }

        private enum WriteKind { UPDATE, DELETE, MARK }

        /** get, lock (with a wait policy that cannot block), then update, delete or mark the row. */
        private void write(Slot s, WriteKind kind) {
            int k = pickKey(s, false, false);
            Version seen = s.tx().get(rel, key(k));
            Ver mseen = model.get(s.model(), k);
            check("get " + k + " before " + kind + " by " + s.model(), payload(seen), mseen == null ? null : mseen.value);
            if (seen == null) {
                log(s, kind + " " + k + ": no row");
                return;
            }
            Txn holder = model.lockHolder(k);
            WaitPolicy policy = holder == null || holder == s.model()
                    ? WaitPolicy.values()[r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0]
                    : (r.nextBoolean() ? WaitPolicy.NOWAIT : WaitPolicy.SKIP_LOCKED);
            LockMode mode = r.nextBoolean() ? LockMode.UPDATE : LockMode.NO_KEY_UPDATE;
            Expect want = model.lock(s.model(), mseen, policy);
            RowLock[] lock = new RowLock[1];
            Expect got = attempt(() -> {
                lock[0] = s.tx().lock(rel, seen, mode, policy);
                return new Expect(null, lock[0].outcome(), null);
            });
            String shown = got.failure() != null ? got.failure().name()
                    : got.outcome() + (lock[0].current() == null ? "" : " " + payload(lock[0].current()));
            log(s, kind + " " + k + " lock " + mode + " " + policy + " -> " + shown);
            check(kind + " " + k + " lock outcome by " + s.model(), got.failure() != null ? got.failure().name() : got.outcome().name(),
                    want.failure() != null ? want.failure().name() : want.outcome().name());
            if (got.failure() != null) {
                afterFailure(s, got);
                return;
            }
            stats.outcomes.merge(got.outcome(), 1L, Long::sum);
            if (got.outcome() != LockOutcome.LOCKED && got.outcome() != LockOutcome.CHANGED) {
                return;
            }
            Version cur = lock[0].current();
            check(kind + " " + k + " locked version by " + s.model(), payload(cur), want.current().value);
            switch (kind) {
                case UPDATE -> {
                    String value = newValue(s);
                    s.tx().update(rel, cur, bytes(value));
                    model.update(s.model(), want.current(), value);
                    log(s, "  update " + k + "=" + value);
                }
                case DELETE -> {
                    s.tx().delete(rel, cur);
                    model.delete(s.model(), want.current());
                    log(s, "  delete " + k);
                }
                case MARK -> {
                    s.tx().markLocked(rel, cur, mode);
                    model.markLocked(s.model(), want.current());
                    log(s, "  mark " + k);
                }
            }
        }

        private void savepoint(Slot s) {
            String name = "s" + (savepoints++ % 3); // names repeat: the newest of a name wins
            s.tx().savepoint(name);
            model.savepoint(s.model(), name);
            log(s, "savepoint " + name);
        }

        private void rollbackToSavepoint(Slot s) {
            List<String> names = model.savepointNames(s.model());
            if (names.isEmpty()) {
                return;
            }
            String name = names.get(r.nextInt(names.size()));
            s.tx().rollbackTo(name);
            model.rollbackTo(s.model(), name);
            log(s, "rollback to " + name);
        }

        private void releaseSavepoint(Slot s) {
            List<String> names = model.savepointNames(s.model());
            if (names.isEmpty()) {
                return;
            }
            String name = names.get(r.nextInt(names.size()));
            s.tx().release(name);
            model.release(s.model(), name);
            log(s, "release " + name);
        }

        private void commit(Slot s) {
            Expect want = model.commit(s.model());
            Expect got = attempt(() -> {
                s.tx().commit();
                return Expect.OK;
            });
            log(s, "commit -> " + got);
            checkXid(s);
            check("commit of " + s.model(), got.failure(), want.failure());
            check("state after commit of " + s.model(), s.tx().state(),
                    want.failure() == null ? Transaction.State.COMMITTED : Transaction.State.ABORTED);
            open.remove(s);
            if (got.failure() == null) {
                stats.commits++;
            } else {
                stats.serializationFailures++;
                stats.aborts++;
            }
        }

        private void rollback(Slot s) {
            checkXid(s);
            s.tx().rollback();
            model.rollback(s.model());
            log(s, "rollback");
            open.remove(s);
            stats.aborts++;
        }

        /**
         * Stops the manager with transactions open (their work is lost) and, on a simulated disk,
         * crashes it — a random part of the unsynced writes survives — then recovers: whatever
         * committed is there, the rest is aborted, and new ids are above every id used before.
         */
        private void restart() {
            for (Slot s : open) {
                checkXid(s);
            }
            tm.close();
            store.crash(r.nextBoolean() ? r : null);
            model.crash();
            open.clear();
            xidFloor = maxXid;
            restarts++;
            stats.restarts++;
            history.add("restart #" + restarts + " (ids so far below " + (maxXid + 1) + ")");
            openManager();
            checkObserver();
        }

        private void checkXid(Slot s) {
            long xid = s.tx().xid();
            if (xid != 0) {
                assertThat(xid).as(() -> context("id of " + s.model() + " after a restart")).isGreaterThan(s.xidFloor());
                maxXid = Math.max(maxXid, xid);
            }
        }

        private void vacuum() {
            VacuumStats v = tm.vacuum(rel);
            stats.vacuumedVersions += v.removed();
            history.add("vacuum -> removed " + v.removed() + " of " + v.scanned() + " (horizon " + v.horizon() + ")");
        }

        /** A new READ COMMITTED transaction scans everything: the committed state. */
        private void checkObserver() {
            Transaction t = tm.begin(IsolationLevel.READ_COMMITTED, true, 99);
            t.beginStatement(() -> false, 0);
            Map<Integer, String> got = new HashMap<>();
            try (VersionScan scan = t.scan(rel, KeyRange.prefix(PREFIX), Direction.FORWARD)) {
                while (scan.next()) {
                    got.put(keyIndex(scan.current().userKey()), payload(scan.current()));
                }
            }
            t.commit();
            history.add("observer -> " + new java.util.TreeMap<>(got));
            check("committed state", got, model.committedState());
        }

        /**
         * After an expected failure the transaction is in the failed state, as in SQL: it rolls back
         * to one of its savepoints (if it has any, half of the time) or rolls back entirely. A commit
         * failure has rolled it back already.
         */
        private void afterFailure(Slot s, Expect got) {
            if (got.failure() == null) {
                return;
            }
            switch (got.failure()) {
                case SERIALIZATION_FAILURE -> stats.serializationFailures++;
                case DUPLICATE_KEY -> stats.duplicates++;
                default -> { }
            }
            List<String> names = model.savepointNames(s.model());
            if (!names.isEmpty() && r.nextBoolean()) {
                String name = names.get(r.nextInt(names.size()));
                s.tx().rollbackTo(name);
                model.rollbackTo(s.model(), name);
                log(s, "  rollback to " + name);
            } else {
                rollback(s);
            }
        }

        // ------------------------------------------------------------ helpers

        /**
         * A random key; with {@code mustBeLockable} one this transaction can lock without waiting (-1
         * if none), preferring keys it does not see when {@code preferAbsent} (fewer duplicate keys).
         */
        private int pickKey(Slot s, boolean mustBeLockable, boolean preferAbsent) {
            int k = r.nextInt(KEYS);
            if (!mustBeLockable) {
                return k;
            }
            int fallback = -1;
            for (int i = 0; i < KEYS; i++) {
                int c = (k + i) % KEYS;
                Txn h = model.lockHolder(c);
                if (h == null || h == s.model()) {
                    if (!preferAbsent || model.peek(s.model(), c) == null) {
                        return c;
                    }
                    fallback = fallback < 0 ? c : fallback;
                }
            }
            return fallback;
        }

        private Expect attempt(java.util.function.Supplier<Expect> op) {
            try {
                return op.get();
            } catch (TransactionException e) {
                return Expect.fail(e.kind());
            }
        }

        private String newValue(Slot s) {
            return "T" + s.model().id + "." + (++values);
        }

        private void log(Slot s, String what) {
            history.add(s.model() + " " + what);
        }

        private void check(String what, Object got, Object want) {
            stats.reads++;
            assertThat(got).as(() -> context(what)).isEqualTo(want);
        }

        private String context(String what) {
            int from = Math.max(0, history.size() - 150);
            return what + " (seed " + seed + ", step " + history.size() + "); last operations:\n  "
                    + String.join("\n  ", history.subList(from, history.size())) + "\n";
        }
    }

    static byte[] key(int i) {
        return new byte[] {PREFIX[0], PREFIX[1], 'k', (byte) i};
    }

    static int keyIndex(byte[] userKey) {
        return userKey[3];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String payload(Version v) {
        return v == null ? null : new String(v.payload(), StandardCharsets.UTF_8);
    }
}
