package io.shaledb.bench.kv;

import io.shaledb.kv.Durability;
import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvSortedSets;
import io.shaledb.kv.KvStore;
import io.shaledb.kv.SetOptions;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.TxnOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The cost of one kv command below the protocol layer: a {@link KvStore} on the B+Tree engine
 * ({@code appendfsync everysec}, as the server runs it) in a temporary directory, driven in-process
 * on redis-benchmark's single hot key per command. Each command runs
 *
 * <ul>
 *   <li><b>alone</b>: one command per core transaction (an unpipelined client), and
 *   <li><b>batch</b>: {@value #BATCH} commands per {@link KvStore#atomically} run (a pipelined
 *       client's run, as resp's PipelineBatch forms it),
 * </ul>
 *
 * on one thread and on two threads at once (two event loops writing the same key; the wall time
 * is over all threads' commands, so the two-thread column shows whether a second thread adds
 * throughput).
 *
 * <pre>
 *   java [-Dkvbench.commands=SET,INCR] [-Dkvbench.modes=alone1,batch1,alone2,batch2] \
 *        -cp bench/target/shale-bench.jar io.shaledb.bench.kv.KvCommandBench [seconds] [warmupSeconds] [dir]
 * </pre>
 *
 * It prints, per command and trial, wall nanoseconds / CPU nanoseconds / bytes allocated per
 * command. On a shared machine the wall time mostly measures the other processes; compare CPU
 * time and allocation between builds, run one after the other.
 *
 * A plain main, not JMH: the store has background threads (syncer, expirer, autovacuum) and the
 * interesting number is a command's whole cost, commit included, which a simple timed loop gives.
 */
public final class KvCommandBench {
    static final int BATCH = 64;
    private static final byte[] VALUE = "xxx".getBytes(StandardCharsets.US_ASCII); // redis-benchmark's -d 3

    /** One of the redis-benchmark tests, as the KvDatabase call its command becomes. */
    enum Cmd {
        SET("key:__rand_int__", true, (db) -> db.set(b("key:__rand_int__"), VALUE, SetOptions.PLAIN)),
        GET("key:__rand_int__", false, (db) -> db.get(b("key:__rand_int__"))),
        INCR("counter:__rand_int__", true, (db) -> db.incrBy(b("counter:__rand_int__"), 1)),
        LPUSH("mylist", true, (db) -> db.lists().push(b("mylist"), List.of(VALUE), true, false)),
        HSET("myhash", true, (db) -> db.hashes().set(b("myhash"), List.of(b("element:__rand_int__")), List.of(VALUE), false)),
        ZADD("myzset", true, (db) -> db.sortedSets().add(b("myzset"), List.of(0.0), List.of(b("element:__rand_int__")),
                new KvSortedSets.AddOptions(false, false, false, false, false, false)));

        final byte[] key;
        final boolean writes;
        final Consumer<KvDatabase> run;

        Cmd(String key, boolean writes, Consumer<KvDatabase> run) {
            this.key = b(key);
            this.writes = writes;
            this.run = run;
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One trial's result per command: wall-clock nanoseconds (over all threads: the throughput),
     * CPU nanoseconds of the command threads, and bytes they allocated. On a shared, busy machine
     * the wall time mostly measures the other processes; CPU time and allocation do not.
     */
    record Result(double nsPerOp, double cpuNsPerOp, double bytesPerOp) {
        @Override
        public String toString() {
            return Double.isNaN(nsPerOp) ? "-" : String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f B", nsPerOp, cpuNsPerOp, bytesPerOp);
        }
    }

    private KvCommandBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        Path parent = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
        List<Cmd> cmds = System.getProperty("kvbench.commands") == null ? List.of(Cmd.values())
                : Stream.of(System.getProperty("kvbench.commands").split(",")).map(s -> Cmd.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList();
        run(cmds, System.getProperty("kvbench.modes"), seconds, warmup, parent, System.out);
    }

    /** @param modes which trials to run, e.g. {@code "alone1,batch2"}; null: all four */
    static void run(List<Cmd> cmds, String modes, double seconds, double warmup, Path parent, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory(parent, "kvbench");
        BTreeEngine engine = BTreeEngine.open(dir, BTreeOptions.defaults());
        TransactionManager txns = TransactionManager.open(engine, TxnOptions.defaults(), t -> "row");
        KvStore store = new KvStore(txns, engine, Durability.EVERYSEC);
        try {
            KvDatabase db = store.database(0);
            for (Cmd c : cmds) { // JIT-compile every path first, so the first trials do not pay for it
                trial(store, db, c, false, 1, 0, warmup, null);
                trial(store, db, c, true, 1, 0, warmup, null);
            }
            out.println("Per command: wall ns / CPU ns / bytes allocated (wall time over all threads' commands).");
            out.println();
            out.println("| command | alone, 1 thread | batch of " + BATCH + ", 1 thread | alone, 2 threads | batch, 2 threads |");
            out.println("|---|---|---|---|---|");
            for (Cmd c : cmds) {
                Result alone1 = trial(store, db, c, false, 1, seconds, warmup, modes);
                Result batch1 = trial(store, db, c, true, 1, seconds, warmup, modes);
                Result alone2 = trial(store, db, c, false, 2, seconds, warmup, modes);
                Result batch2 = trial(store, db, c, true, 2, seconds, warmup, modes);
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", c, alone1, batch1, alone2, batch2);
            }
        } finally {
            store.close();
            txns.close();
            engine.close();
            deleteTree(dir);
        }
    }

    /** Runs {@code c} on {@code threads} threads: {@code warmup} seconds unmeasured, then {@code seconds} measured. */
    static Result trial(KvStore store, KvDatabase db, Cmd c, boolean batched, int threads, double seconds, double warmup,
                        String modes) throws InterruptedException {
        if (modes != null && !modes.contains((batched ? "batch" : "alone") + threads)) {
            return new Result(Double.NaN, Double.NaN, Double.NaN);
        }
        List<byte[]> keys = batched && c.writes ? Collections.nCopies(BATCH, c.key) : List.of();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ops = new AtomicLong();
        AtomicLong allocated = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().name("kvbench-" + i).start(() -> {
                var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long n = 0;
                long bytesAtStart = 0;
                long cpuAtStart = 0;
                boolean counting = false;
                try {
                    while (!stop.get()) {
                        if (!counting && measuring.get()) {
                            counting = true;
                            bytesAtStart = mx.getCurrentThreadAllocatedBytes();
                            cpuAtStart = mx.getCurrentThreadCpuTime();
                        }
                        if (batched) {
                            store.atomically(0, keys, false, () -> {
                                for (int k = 0; k < BATCH; k++) {
                                    c.run.accept(db);
                                }
                                return null;
                            });
                            n += counting ? BATCH : 0;
                        } else {
                            c.run.accept(db);
                            n += counting ? 1 : 0;
                        }
                    }
                    ops.addAndGet(n);
                    allocated.addAndGet(mx.getCurrentThreadAllocatedBytes() - bytesAtStart);
                    cpu.addAndGet(mx.getCurrentThreadCpuTime() - cpuAtStart);
                } finally {
                    done.countDown();
                }
            }));
        }
        Thread.sleep((long) (warmup * 1000));
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        done.await();
        long elapsed = System.nanoTime() - start;
        for (Thread t : workers) {
            t.join();
        }
        long n = Math.max(1, ops.get());
        return new Result((double) elapsed / n, (double) cpu.get() / n, (double) allocated.get() / n);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
